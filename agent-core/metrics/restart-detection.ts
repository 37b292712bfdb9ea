import type { CadvisorContainer, CadvisorCpuSeries } from './cadvisor-samples.ts';
import type { SummaryContainer } from './summary-samples.ts';

const CUMULATIVE_SERIES: ReadonlyArray<readonly [keyof CadvisorCpuSeries, string]> = [
  ['cpuUsageSeconds', 'container_cpu_usage_seconds_total'],
  ['cfsPeriods', 'container_cpu_cfs_periods_total'],
  ['cfsThrottledPeriods', 'container_cpu_cfs_throttled_periods_total'],
  ['cfsThrottledSeconds', 'container_cpu_cfs_throttled_seconds_total'],
];

/**
 * Why the container is not the incarnation it was at the previous sample, or null if it is. A restart resets
 * every cumulative counter, so an interval spanning one has no meaningful rate: a counter that starts again
 * from zero reads as a negative rate, or as a huge one when it has climbed past its old value.
 */
export function restartReason(
  previous: { readonly summary: SummaryContainer | null; readonly cadvisor: CadvisorContainer | null },
  current: { readonly summary: SummaryContainer | null; readonly cadvisor: CadvisorContainer | null },
): string | null {
  const [before, after] = [previous.summary, current.summary];
  if (before && after) {
    if (before.podUid && after.podUid && before.podUid !== after.podUid) return `the pod was recreated (uid ${before.podUid} → ${after.podUid})`;
    if (before.startTime && after.startTime && before.startTime.ns !== after.startTime.ns) {
      return `it started again (startTime ${before.startTime.text} → ${after.startTime.text})`;
    }
    const [usageBefore, usageAfter] = [before.cpu?.usageCoreNanoSeconds, after.cpu?.usageCoreNanoSeconds];
    if (usageBefore != null && usageAfter != null && usageAfter < usageBefore) return 'its usageCoreNanoSeconds went down';
  }
  const [seriesBefore, seriesAfter] = [previous.cadvisor, current.cadvisor];
  if (seriesBefore && seriesAfter) {
    if (seriesBefore.cgroupId && seriesAfter.cgroupId && seriesBefore.cgroupId !== seriesAfter.cgroupId) return `it runs in a new cgroup (${seriesAfter.cgroupId})`;
    for (const [field, family] of CUMULATIVE_SERIES) {
      const [valueBefore, valueAfter] = [seriesBefore[field]?.value, seriesAfter[field]?.value];
      if (valueBefore !== undefined && valueAfter !== undefined && valueAfter < valueBefore) return `its ${family} went down`;
    }
  }
  return null;
}
