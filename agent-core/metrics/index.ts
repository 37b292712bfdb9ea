// The metrics core: kubelet answers in, per-minute records out. No I/O: the fetcher hands over each body.
export { parseSummary } from './summary-parse.ts';
export type { CpuSample, MemorySample, NodeSummary, SummaryContainer, SummaryNodeStats } from './summary-samples.ts';
export { parseCadvisor } from './cadvisor-parse.ts';
export type { CadvisorContainer, CadvisorCpuSeries, NodeCadvisor, PromSample } from './cadvisor-samples.ts';
export { MetricsTracker, type MetricsTrackerOptions, type NodeCycle, type NodeCycleRecords } from './metrics-tracker.ts';
export type { ContainerMinute } from './container-minute.ts';
export type { NodeMinute } from './node-minute.ts';
export { KubeletDataError, type KubeletEndpoint, type MetricsProblem, type MetricsProblemKind } from './metrics-problem.ts';
export { MINUTE_MS, minuteOfSampleMs, minuteOfSampleNs } from './sample-minute.ts';
export { parseKubeletTime, parseKubeletTimeNs, type KubeletTime } from './kubelet-time.ts';
export { cpuCoresFromCadvisor, cpuCoresFromSummary, throttledRatio, throttledSecondsPerSecond, type NoRateReason, type RateResult } from './counter-rates.ts';
export { cpuLimitCores } from './cpu-limit.ts';
export { containerKey, type ContainerRef } from './container-key.ts';
