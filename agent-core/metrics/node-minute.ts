import { cpuCoresFromSummary } from './counter-rates.ts';
import type { ReportProblem } from './metrics-problem.ts';
import { minuteOfSampleNs } from './sample-minute.ts';
import type { SummaryNodeStats } from './summary-samples.ts';

/** One node's totals for one minute, from the Summary API. */
export interface NodeMinute {
  readonly node: string;
  /** Start of the minute (ms since the epoch) holding the kubelet's sample time. */
  readonly minute: number;
  /** Average CPU of the whole node over the interval since the previous sample, in cores. */
  readonly cpuCores: number | null;
  readonly memoryWorkingSetBytes: number | null;
}

/** The kubelet's time for the node totals: the CPU sample time, else the memory sample time. */
export function nodeSampleTimeNs(stats: SummaryNodeStats): bigint | null {
  return (stats.cpu?.time ?? stats.memory?.time)?.ns ?? null;
}

export interface NodeIntervalContext {
  readonly node: string;
  /** The previous sample, or null on first sight. */
  readonly previous: SummaryNodeStats | null;
  readonly current: SummaryNodeStats;
  readonly sampleTimeNs: bigint;
  readonly coresBound: number;
  readonly report: ReportProblem;
}

/** The minute record of a node from its previous and current samples. */
export function nodeMinute({ node, previous, current, sampleTimeNs, coresBound, report }: NodeIntervalContext): NodeMinute {
  return {
    node,
    minute: minuteOfSampleNs(sampleTimeNs),
    cpuCores: previous ? nodeCpuCores(previous, current, coresBound, report) : null,
    memoryWorkingSetBytes: current.memory?.workingSetBytes ?? null,
  };
}

function nodeCpuCores(previous: SummaryNodeStats, current: SummaryNodeStats, coresBound: number, report: ReportProblem): number | null {
  if (previous.startTime && current.startTime && previous.startTime.ns !== current.startTime.ns) {
    report('restart', `the node restarted (startTime ${previous.startTime.text} → ${current.startTime.text}); no CPU rate for this interval.`);
    return null;
  }
  if (!previous.cpu || !current.cpu) return null;
  const result = cpuCoresFromSummary(previous.cpu, current.cpu);
  if (!result.ok) {
    if (result.reason === 'counter-went-down') report('restart', 'the node CPU counter went down; no CPU rate for this interval.');
    if (result.reason === 'no-elapsed-time') report('stale-sample', 'the node CPU sample is not newer than the previous one; no rate for this interval.');
    return null;
  }
  if (result.value > coresBound) {
    report('absurd-value', `node CPU usage of ${result.value} cores is beyond what the node can deliver (at most ${coresBound}); dropped.`);
    return null;
  }
  return result.value;
}
