/** The kinds the inventory lists and watches. Never Secrets or ConfigMaps: their values must not leave the cluster. */
export const WATCHED_KINDS = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
  'Namespace',
  'Node',
  'LimitRange',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
] as const;

export type WatchedKind = (typeof WATCHED_KINDS)[number];

export interface KindInfo {
  kind: WatchedKind;
  /** The API group ('' for the core group). */
  group: string;
  /** The plural resource name used in URLs and access reviews. */
  resource: string;
  namespaced: boolean;
  /** Holds pods or a pod template: without list on it there is nothing to recommend for. */
  workload: boolean;
  /** A kind whose pod template the agent would patch to apply a recommendation (Job templates are immutable). */
  patchable: boolean;
  /**
   * Versions to take before the group's preferred one, when served: the server's preference is not always the version
   * that carries what we read (on 1.20 autoscaling prefers v1, which knows only a CPU target).
   */
  versionsFirst?: string[];
}

const info = (kind: WatchedKind, group: string, resource: string, flags: Partial<KindInfo> = {}): KindInfo => ({
  kind,
  group,
  resource,
  namespaced: true,
  workload: true,
  patchable: true,
  ...flags,
});

export const KIND_INFO: Record<WatchedKind, KindInfo> = {
  Pod: info('Pod', '', 'pods', { patchable: false }),
  Deployment: info('Deployment', 'apps', 'deployments'),
  ReplicaSet: info('ReplicaSet', 'apps', 'replicasets'),
  StatefulSet: info('StatefulSet', 'apps', 'statefulsets'),
  DaemonSet: info('DaemonSet', 'apps', 'daemonsets'),
  Job: info('Job', 'batch', 'jobs', { patchable: false }),
  CronJob: info('CronJob', 'batch', 'cronjobs'),
  ReplicationController: info('ReplicationController', '', 'replicationcontrollers'),
  Namespace: info('Namespace', '', 'namespaces', { namespaced: false, workload: false, patchable: false }),
  Node: info('Node', '', 'nodes', { namespaced: false, workload: false, patchable: false }),
  LimitRange: info('LimitRange', '', 'limitranges', { workload: false, patchable: false }),
  // Read by the readiness checks (and by recommendations, which must not fight an HPA that scales on CPU).
  PodDisruptionBudget: info('PodDisruptionBudget', 'policy', 'poddisruptionbudgets', { workload: false, patchable: false }),
  HorizontalPodAutoscaler: info('HorizontalPodAutoscaler', 'autoscaling', 'horizontalpodautoscalers', {
    workload: false,
    patchable: false,
    versionsFirst: ['v2', 'v2beta2'],
  }),
};

export function isWatchedKind(kind: unknown): kind is WatchedKind {
  return typeof kind === 'string' && (WATCHED_KINDS as readonly string[]).includes(kind);
}
