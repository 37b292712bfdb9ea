// The local metrics store: the one entry point for the rest of agent-core.
export { openMetricsStore, MetricsStore, type MetricsStoreOptions, type MinuteSamplesQuery, type SeriesFilter } from './metrics-store.ts';
export { defaultDataDir, type DataDirEnvironment } from './data-dir.ts';
export { STORE_FILE_NAME } from './open-database.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export { DEFAULT_RETENTION, type RetentionPolicy, type PruneResult } from './retention.ts';
export type { ChartQuery, ChartSeries, ChartPoint, Stat } from './chart-query.ts';
export type { MinuteSample } from './minute-samples.ts';
export type { BulkMinuteQuery, SeriesMinutes } from './bulk-minute-reader.ts';
export type { EventFilter } from './event-log.ts';
export type {
  ContainerEvent,
  ContainerEventKind,
  ContainerMinuteSample,
  MinuteBatch,
  MinuteUsage,
  NodeMinuteSample,
  ResourceSettings,
  SeriesInfo,
  SeriesRef,
  SettingsInterval,
  WorkloadIdentity,
} from './sample-types.ts';
export type { StoredRecommendation } from './recommendation-table.ts';
