import type { ContainerRef } from './container-key.ts';
import type { KubeletTime } from './kubelet-time.ts';
import type { MetricsProblem } from './metrics-problem.ts';

/** Cumulative CPU of a container or node at the kubelet's sample time. */
export interface CpuSample {
  readonly time: KubeletTime;
  /** Core-nanoseconds since the container (or node) started. */
  readonly usageCoreNanoSeconds: number | null;
  /** The kubelet's own short-window average; kept for display, never used for per-minute rates. */
  readonly usageNanoCores: number | null;
}

/** Memory of a container or node at the kubelet's sample time. */
export interface MemorySample {
  readonly time: KubeletTime;
  readonly workingSetBytes: number | null;
  readonly rssBytes: number | null;
  readonly usageBytes: number | null;
  /** Only when the container has a memory limit (or for the node). */
  readonly availableBytes: number | null;
}

export interface SummaryContainer extends ContainerRef {
  readonly podUid: string | null;
  /** When this incarnation of the container started: a new value means it restarted. */
  readonly startTime: KubeletTime | null;
  readonly cpu: CpuSample | null;
  readonly memory: MemorySample | null;
}

export interface SummaryNodeStats {
  /** The name the kubelet reports, which should be the node we asked. */
  readonly nodeName: string | null;
  readonly startTime: KubeletTime | null;
  readonly cpu: CpuSample | null;
  readonly memory: MemorySample | null;
}

/** One node's Summary API answer: what could be read, and what was skipped. */
export interface NodeSummary {
  readonly node: string;
  readonly nodeStats: SummaryNodeStats | null;
  readonly containers: readonly SummaryContainer[];
  readonly problems: readonly MetricsProblem[];
}
