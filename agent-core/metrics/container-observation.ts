import type { CadvisorContainer } from './cadvisor-samples.ts';
import type { ContainerRef } from './container-key.ts';
import { nsFromTimestampMs } from './kubelet-time.ts';
import type { SummaryContainer } from './summary-samples.ts';

/** What one cycle saw of one container: its Summary API entry and its cAdvisor series, either possibly missing. */
export interface ContainerObservation {
  readonly ref: ContainerRef;
  readonly summary: SummaryContainer | null;
  readonly cadvisor: CadvisorContainer | null;
}

/**
 * The kubelet's time for the observation, in nanoseconds: the Summary API's CPU sample time, else its memory
 * sample time, else the newest cAdvisor sample timestamp. Null when nothing dates it.
 */
export function observationTimeNs(observation: ContainerObservation): bigint | null {
  const summaryTime = observation.summary?.cpu?.time ?? observation.summary?.memory?.time;
  if (summaryTime !== undefined) return summaryTime.ns;
  const cadvisor = observation.cadvisor;
  if (cadvisor === null) return null;
  const timestamps = [cadvisor.cpuUsageSeconds, cadvisor.cfsPeriods, cadvisor.cfsThrottledPeriods, cadvisor.cfsThrottledSeconds]
    .map((sample) => sample?.timestampMs)
    .filter((timestampMs): timestampMs is number => typeof timestampMs === 'number');
  return timestamps.length === 0 ? null : nsFromTimestampMs(Math.max(...timestamps));
}
