// What the engine learns from: plain data both the trace reader and the live agent can build without
// copying (typed arrays straight from the store's SeriesMinutes, or views over a trace's columns).

/** Requests and limits: CPU in cores, memory in bytes; null where none is set. */
export interface ResourceValues {
  cpuRequest: number | null;
  cpuLimit: number | null;
  memRequest: number | null;
  memLimit: number | null;
}

/** One pod's minutes of one container, oldest first; NaN where a metric was not reported. */
export interface MinuteSeries {
  /** ms epoch of each sampled minute, ascending. */
  t: Float64Array;
  cpuCores: Float64Array;
  /** Working set. */
  memoryBytes: Float64Array;
  /** Throttled CFS periods / periods in that minute, 0..1; NaN without a CPU limit. */
  throttledRatio: Float64Array;
  /** ms epoch of this pod's OOM kills of the container, ascending (the store's OOMKilled events). */
  oomKills?: readonly number[];
}

export type ContainerRole = 'app' | 'init' | 'sidecar';

export interface ContainerFlags {
  /** Default 'app'. Init containers run only at pod start; sidecars are often injected by a mesh. */
  role?: ContainerRole;
  /** True when a sidecar is injected (a service mesh): its resources are set through annotations, not the spec. */
  injected?: boolean;
  /** An HPA scales the workload on CPU utilisation of the request: changing the request moves its trigger point. */
  hpaOnCpu?: boolean;
  /** An HPA scales the workload on memory utilisation of the request. */
  hpaOnMemory?: boolean;
  /** Pods the controller runs now, to express the effect for the whole workload (default 1). */
  replicas?: number;
}

/** A container of a controller ("ns/kind/name/container"), aggregated over the controller's pods. */
export interface ContainerHistory {
  key: string;
  /** One series per pod the container ran in (a trace gives one). */
  series: readonly MinuteSeries[];
  /** The settings in force now. */
  current: ResourceValues;
  /** ms epoch of rollouts and settings changes: a level shift right after one is adopted sooner. */
  changes?: readonly number[];
  flags?: ContainerFlags;
}

export const NO_SETTINGS: ResourceValues = Object.freeze({ cpuRequest: null, cpuLimit: null, memRequest: null, memLimit: null });
