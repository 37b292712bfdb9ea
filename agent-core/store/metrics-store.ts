import path from 'node:path';
import type Database from 'better-sqlite3';
import { type BulkMinuteQuery, type SeriesMinutes, readAllSeriesMinutes } from './bulk-minute-reader.ts';
import { type ChartQuery, type ChartSeries, type ChartSources, queryChart } from './chart-query.ts';
import { type EventFilter, EventLog } from './event-log.ts';
import { HourPacker, SERIES_PER_SLICE } from './hour-packer.ts';
import { type MinuteSample, readMinuteSamples } from './minute-samples.ts';
import { MinuteReader } from './minute-reader.ts';
import { MinuteWriter } from './minute-writer.ts';
import { STORE_FILE_NAME, openStoreDatabase } from './open-database.ts';
import { DEFAULT_RETENTION, type PruneResult, Retention, type RetentionPolicy } from './retention.ts';
import { RecommendationTable, type StoredRecommendation } from './recommendation-table.ts';
import { RollupTable } from './rollup-table.ts';
import type { ContainerEvent, MinuteBatch, SeriesInfo, SeriesRef, WorkloadIdentity } from './sample-types.ts';
import { type SeriesKind, SeriesRegistry } from './series-registry.ts';
import { SettingsHistory } from './settings-history.ts';
import { isDamagedFileError, storeDamagedError } from './store-errors.ts';
import { MINUTES_PER_HOUR, MS_PER_MINUTE, floorToMinute } from './units.ts';

const PACKING_SPREAD_WRITES = 30;

export interface MetricsStoreOptions {
  /** The folder holding the store file (created if missing); see defaultDataDir(). */
  dataDir: string;
  retention?: Partial<RetentionPolicy>;
  /** How long after an hour ends its stragglers are awaited before it is packed and rolled up. Default 2. */
  hourGraceMinutes?: number;
}

export interface MinuteSamplesQuery {
  series: SeriesRef;
  /** ms epoch, inclusive */
  from: number;
  /** ms epoch, exclusive */
  to: number;
}

export interface SeriesFilter {
  kind?: SeriesKind;
  workload?: Partial<WorkloadIdentity>;
}

/**
 * The local store: per-minute usage of every container and node, packed by the hour and rolled up
 * hourly, plus container events, in one SQLite file. Single writer; other processes may read.
 */
export class MetricsStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly hourGraceMinutes: number;
  private readonly registry: SeriesRegistry;
  private readonly writer: MinuteWriter;
  private readonly packer: HourPacker;
  private readonly minutes: MinuteReader;
  private readonly settings: SettingsHistory;
  private readonly readers: ChartSources;
  private readonly eventLog: EventLog;
  private readonly retention: Retention;
  private readonly recommendationTable: RecommendationTable;
  private latestMinute: number;

  constructor(db: Database.Database, file: string, options: MetricsStoreOptions) {
    this.db = db;
    this.file = file;
    this.hourGraceMinutes = options.hourGraceMinutes ?? 2;
    this.registry = new SeriesRegistry(db);
    this.writer = new MinuteWriter(db, this.registry);
    this.packer = new HourPacker(db);
    this.minutes = new MinuteReader(db);
    this.settings = new SettingsHistory(db);
    this.readers = { minutes: this.minutes, rollups: new RollupTable(db), settings: this.settings };
    this.eventLog = new EventLog(db);
    this.retention = new Retention(db, { ...DEFAULT_RETENTION, ...options.retention }, this.eventLog);
    this.recommendationTable = new RecommendationTable(db);
    this.latestMinute = this.minutes.stagedMinutes()?.last ?? -Infinity;
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      if (isDamagedFileError(err)) throw storeDamagedError(this.file, err);
      throw err;
    }
  }

  /** The first hour not yet complete once `minute` is reached, allowing for stragglers. */
  private completeBefore(minute: number): number {
    return Math.floor((minute - this.hourGraceMinutes) / MINUTES_PER_HOUR);
  }

  /** Writes one minute's samples and events in one transaction, then packs (part of) any hour that has completed. */
  write(batch: MinuteBatch): void {
    this.guard(() => {
      let latest: number;
      try {
        latest = this.db
          .transaction(() => {
            const staged = this.writer.stage(batch);
            this.eventLog.record(batch.events ?? []);
            return staged;
          })
          .immediate();
      } catch (err) {
        this.registry.invalidate();
        throw err;
      }
      this.latestMinute = Math.max(this.latestMinute, latest);
      // A slice or so per write: a large cluster's finished hour is packed over the next minutes' writes
      // rather than in one long pause, yet always within PACKING_SPREAD_WRITES of them.
      const budget = Math.max(SERIES_PER_SLICE, Math.ceil(this.registry.count() / PACKING_SPREAD_WRITES));
      try {
        this.packer.packHoursBefore(this.completeBefore(this.latestMinute), budget);
      } catch (err) {
        // The minute is committed either way; if another connection holds the write lock, the next write packs instead.
        if ((err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
      }
    });
  }

  /** Records events seen outside a minute batch (from a watch, say). */
  recordEvents(events: readonly ContainerEvent[]): void {
    this.guard(() => this.db.transaction(() => this.eventLog.record(events)).immediate());
  }

  /**
   * Packs and rolls up every hour complete by `nowMs` (or by the latest minute written): for when
   * samples stop coming, as writes pack hours on their own. Returns the series-hours packed.
   */
  packCompletedHours(nowMs?: number): number {
    const latest = Math.max(this.latestMinute, nowMs === undefined ? -Infinity : floorToMinute(nowMs));
    return this.guard(() => this.packer.packHoursBefore(this.completeBefore(latest)));
  }

  /** The newest minute stored (ms epoch, by the kubelets' clock), or null when nothing is. Charts end here when it is ahead of now. */
  latestMinuteMs(): number | null {
    if (Number.isFinite(this.latestMinute)) return this.latestMinute * MS_PER_MINUTE;
    const hour = this.guard(() => this.db.prepare('SELECT MAX(last_hour) FROM series').pluck().get() as number | null);
    return hour === null ? null : (hour + 1) * MINUTES_PER_HOUR * MS_PER_MINUTE - MS_PER_MINUTE;
  }

  /** Chart points for one series: at most maxPoints, from minutes or hourly rollups as the range needs. */
  query(q: ChartQuery): ChartSeries {
    return this.guard(() => queryChart(this.readers, this.registry.find(q.series), q));
  }

  /** Every stored minute of one series in a window, with the requests and limits then in force. */
  minuteSamples(q: MinuteSamplesQuery): MinuteSample[] {
    return this.guard(() => readMinuteSamples(this.readers, this.registry.find(q.series), q.from, q.to));
  }

  /** Each series' minutes in a window, one series at a time, without holding them all in memory. */
  allSeriesMinutes(q: BulkMinuteQuery): Generator<SeriesMinutes> {
    return readAllSeriesMinutes(
      { registry: this.registry, minutes: this.minutes, settings: this.settings, snapshot: (read) => this.guard(() => this.db.transaction(read).deferred()) },
      q,
    );
  }

  /** Replaces the stored recommendations with this set (the engine recomputes them all at once). */
  replaceRecommendations(recommendations: readonly StoredRecommendation[]): void {
    this.guard(() => this.recommendationTable.replaceAll(recommendations));
  }

  recommendations(): StoredRecommendation[] {
    return this.guard(() => this.recommendationTable.read());
  }

  events(filter: EventFilter): ContainerEvent[] {
    return this.guard(() => this.eventLog.read(filter));
  }

  /** The series stored, optionally those of one workload (matching every field given). */
  listSeries(filter: SeriesFilter = {}): SeriesInfo[] {
    return this.guard(() =>
      this.registry
        .entries()
        .filter((entry) => filter.kind === undefined || entry.kind === filter.kind)
        .filter((entry) => {
          if (!filter.workload) return true;
          const workload = this.registry.workloadOf(entry);
          return !!workload && Object.entries(filter.workload).every(([field, value]) => workload[field as keyof WorkloadIdentity] === value);
        })
        .map((entry) => this.registry.infoOf(entry)),
    );
  }

  /** Packs completed hours, then drops what retention no longer keeps. Cheap when called often: it works once an hour. */
  prune(nowMs: number): PruneResult {
    return this.guard(() => {
      this.packCompletedHours(nowMs);
      const result = this.retention.prune(nowMs);
      if (result.series > 0) this.registry.invalidate();
      return result;
    });
  }

  /** Reads every page (seconds on a large file): throws the store-damaged error if any is corrupt. */
  checkIntegrity(): void {
    this.guard(() => {
      const problems = this.db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
      const messages = problems.map((p) => p.quick_check);
      if (messages.length !== 1 || messages[0] !== 'ok') throw storeDamagedError(this.file, new Error(messages.slice(0, 5).join('; ')));
    });
  }

  close(): void {
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }
}

/** Opens (creating or migrating as needed) the store in dataDir. */
export function openMetricsStore(options: MetricsStoreOptions): MetricsStore {
  const file = path.join(options.dataDir, STORE_FILE_NAME);
  const db = openStoreDatabase(file);
  try {
    return new MetricsStore(db, file, options);
  } catch (err) {
    db.close();
    if (isDamagedFileError(err)) throw storeDamagedError(file, err);
    throw err;
  }
}
