/** One served resource: where it lives in the API and what it supports, as discovery reports it. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, as in URLs and RBAC rules. */
  resource: string;
  kind: string;
  listKind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Subresources served beside the object (status, scale, proxy, binding). */
  subresources: string[];
  /** The storage shared by several versions of one kind (e.g. batch/v1 and batch/v1beta1 CronJobs). */
  storage: string;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function type(
  group: string,
  version: string,
  resource: string,
  kind: string,
  opts: { namespaced?: boolean; shortNames?: string[]; categories?: string[]; verbs?: string[]; subresources?: string[] } = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    kind,
    listKind: `${kind}List`,
    singular: kind.toLowerCase(),
    namespaced: opts.namespaced ?? true,
    shortNames: opts.shortNames,
    categories: opts.categories,
    verbs: opts.verbs ?? CRUD,
    subresources: opts.subresources ?? [],
    storage: `${group}/${resource}`,
  };
}

const ALL = ['all'];

/**
 * Everything the simulated API server serves: what the agent, the kubelets, kubectl and the seed use, at the
 * versions Kubernetes 1.20 serves them (CronJob batch/v1beta1, PodDisruptionBudget policy/v1beta1, no
 * SelfSubjectReview), so that the agent's discovery meets the same choices as against the real server.
 */
export const RESOURCE_TYPES: ResourceType[] = [
  type('', 'v1', 'pods', 'Pod', { shortNames: ['po'], categories: ALL, subresources: ['status', 'binding', 'log', 'eviction'] }),
  type('', 'v1', 'nodes', 'Node', { namespaced: false, shortNames: ['no'], subresources: ['status', 'proxy'] }),
  type('', 'v1', 'namespaces', 'Namespace', { namespaced: false, shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['status', 'finalize'] }),
  type('', 'v1', 'limitranges', 'LimitRange', { shortNames: ['limits'] }),
  type('', 'v1', 'replicationcontrollers', 'ReplicationController', { shortNames: ['rc'], categories: ALL, subresources: ['status', 'scale'] }),
  type('', 'v1', 'serviceaccounts', 'ServiceAccount', { shortNames: ['sa'] }),
  type('', 'v1', 'events', 'Event', { shortNames: ['ev'] }),
  type('', 'v1', 'configmaps', 'ConfigMap', { shortNames: ['cm'] }),
  type('', 'v1', 'secrets', 'Secret'),
  type('', 'v1', 'services', 'Service', { shortNames: ['svc'], categories: ALL, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['status'] }),
  type('', 'v1', 'endpoints', 'Endpoints', { shortNames: ['ep'] }),
  type('', 'v1', 'resourcequotas', 'ResourceQuota', { shortNames: ['quota'], subresources: ['status'] }),
  type('apps', 'v1', 'deployments', 'Deployment', { shortNames: ['deploy'], categories: ALL, subresources: ['status', 'scale'] }),
  type('apps', 'v1', 'replicasets', 'ReplicaSet', { shortNames: ['rs'], categories: ALL, subresources: ['status', 'scale'] }),
  type('apps', 'v1', 'statefulsets', 'StatefulSet', { shortNames: ['sts'], categories: ALL, subresources: ['status', 'scale'] }),
  type('apps', 'v1', 'daemonsets', 'DaemonSet', { shortNames: ['ds'], categories: ALL, subresources: ['status'] }),
  type('apps', 'v1', 'controllerrevisions', 'ControllerRevision'),
  type('batch', 'v1', 'jobs', 'Job', { categories: ALL, subresources: ['status'] }),
  type('batch', 'v1beta1', 'cronjobs', 'CronJob', { shortNames: ['cj'], categories: ALL, subresources: ['status'] }),
  type('policy', 'v1beta1', 'poddisruptionbudgets', 'PodDisruptionBudget', { shortNames: ['pdb'], subresources: ['status'] }),
  type('autoscaling', 'v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', { shortNames: ['hpa'], categories: ALL, subresources: ['status'] }),
  type('autoscaling', 'v2beta2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', { shortNames: ['hpa'], categories: ALL, subresources: ['status'] }),
  type('coordination.k8s.io', 'v1', 'leases', 'Lease'),
  type('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
  type('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  type('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', { namespaced: false }),
  type('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', { namespaced: false }),
  type('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', { namespaced: false, verbs: ['create'] }),
  type('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', { namespaced: false, verbs: ['create'] }),
  type('authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', { namespaced: false, verbs: ['create'] }),
];

/** Kinds with no storage: a create answers and keeps nothing. */
export const REVIEW_KINDS = new Set(['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'SelfSubjectReview']);

/** The groups in discovery order, each with its versions (preferred first). */
export const GROUP_VERSIONS: { group: string; versions: string[] }[] = [];
for (const t of RESOURCE_TYPES) {
  if (t.group === '') continue;
  let entry = GROUP_VERSIONS.find((g) => g.group === t.group);
  if (!entry) GROUP_VERSIONS.push((entry = { group: t.group, versions: [] }));
  if (!entry.versions.includes(t.version)) entry.versions.push(t.version);
}
// autoscaling's preferred version is v1 on 1.20 (the agent must ask for v2beta2 itself).

const byPath = new Map(RESOURCE_TYPES.map((t) => [`${t.group}/${t.version}/${t.resource}`, t]));

export function resourceType(group: string, version: string, resource: string): ResourceType | undefined {
  return byPath.get(`${group}/${version}/${resource}`);
}

/** The preferred served type of a kind in a group, e.g. for owner references. */
export function typeForKind(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.kind === kind) ?? RESOURCE_TYPES.find((t) => t.group === group && t.kind === kind);
}

export function apiVersionOf(t: ResourceType): string {
  return t.group === '' ? t.version : `${t.group}/${t.version}`;
}
