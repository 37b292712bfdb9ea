// What the collector hands the store each minute, and how a caller names a series to read back.

/** The controller that owns a container's pod (the pod itself for a bare pod), so charts can sum by workload. */
export interface WorkloadIdentity {
  kind: string;
  namespace: string;
  name: string;
  /** The controller's metadata.uid; '' when unknown. A workload deleted and recreated under the same name gets a new uid. */
  uid: string;
}

/** Usage in one minute. null: the kubelet did not report it. */
export interface MinuteUsage {
  cpuCores: number | null;
  memoryWorkingSetBytes: number | null;
  memoryRssBytes: number | null;
  /** Throttled periods / periods, 0..1. */
  throttledRatio: number | null;
}

/** Requests and limits in force. For a node series, cpuLimit and memLimit carry the node's allocatable. */
export interface ResourceSettings {
  cpuRequest: number | null;
  cpuLimit: number | null;
  memRequest: number | null;
  memLimit: number | null;
}

export interface ContainerMinuteSample extends MinuteUsage, ResourceSettings {
  /** Stable per container instance, such as "namespace/pod/container". */
  containerKey: string;
  workload: WorkloadIdentity;
  /** ms epoch on a minute boundary: the minute of the kubelet's own sample time. */
  minute: number;
}

export interface NodeMinuteSample {
  nodeName: string;
  minute: number;
  cpuCores: number | null;
  memoryWorkingSetBytes: number | null;
  memoryRssBytes: number | null;
  cpuAllocatable?: number | null;
  memAllocatable?: number | null;
}

export type ContainerEventKind = 'OOMKilled' | 'Restart' | 'Evicted' | (string & {});

export interface ContainerEvent {
  /** ms epoch */
  time: number;
  kind: ContainerEventKind;
  namespace: string;
  pod: string;
  /** '' for pod-level events such as an eviction. */
  container: string;
  detail: string;
}

/** Everything collected for one minute, written in one transaction. */
export interface MinuteBatch {
  containers?: readonly ContainerMinuteSample[];
  nodes?: readonly NodeMinuteSample[];
  events?: readonly ContainerEvent[];
}

export type SeriesRef = { containerKey: string } | { nodeName: string };

export type SeriesInfo = { kind: 'container'; containerKey: string; workload: WorkloadIdentity } | { kind: 'node'; nodeName: string };

/** Settings over [from, to), ms epoch. */
export interface SettingsInterval extends ResourceSettings {
  from: number;
  to: number;
}
