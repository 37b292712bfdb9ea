import type { ContainerRef } from './container-key.ts';
import type { MetricsProblem } from './metrics-problem.ts';

/** One Prometheus sample: its value and, when the exporter wrote one, its timestamp (ms since the epoch). */
export interface PromSample {
  readonly value: number;
  readonly timestampMs: number | null;
}

/** The CPU series cAdvisor exports for one container; each is null when the kubelet did not send it. */
export interface CadvisorCpuSeries {
  /** container_cpu_usage_seconds_total{cpu="total"} */
  readonly cpuUsageSeconds: PromSample | null;
  /** container_cpu_cfs_periods_total: only for containers with a CPU quota. */
  readonly cfsPeriods: PromSample | null;
  /** container_cpu_cfs_throttled_periods_total */
  readonly cfsThrottledPeriods: PromSample | null;
  /** container_cpu_cfs_throttled_seconds_total */
  readonly cfsThrottledSeconds: PromSample | null;
  /** container_spec_cpu_quota, in microseconds per period. */
  readonly cpuQuota: PromSample | null;
  /** container_spec_cpu_period, in microseconds. */
  readonly cpuPeriod: PromSample | null;
}

export interface CadvisorContainer extends ContainerRef, CadvisorCpuSeries {
  /** The cgroup (the `id` label): a new one means the container restarted. */
  readonly cgroupId: string | null;
}

/** One node's cAdvisor answer: the CPU series per container, and what was skipped. */
export interface NodeCadvisor {
  readonly node: string;
  readonly containers: readonly CadvisorContainer[];
  readonly problems: readonly MetricsProblem[];
}
