import type { CadvisorCpuSeries } from './cadvisor-samples.ts';

/** The cAdvisor families we read, and where each lands. Everything else in the answer is skipped unread. */
export const CADVISOR_FAMILIES: ReadonlyMap<string, keyof CadvisorCpuSeries> = new Map([
  ['container_cpu_usage_seconds_total', 'cpuUsageSeconds'],
  ['container_cpu_cfs_periods_total', 'cfsPeriods'],
  ['container_cpu_cfs_throttled_periods_total', 'cfsThrottledPeriods'],
  ['container_cpu_cfs_throttled_seconds_total', 'cfsThrottledSeconds'],
  ['container_spec_cpu_quota', 'cpuQuota'],
  ['container_spec_cpu_period', 'cpuPeriod'],
]);

export const CADVISOR_FAMILY_NAMES: readonly string[] = [...CADVISOR_FAMILIES.keys()];
