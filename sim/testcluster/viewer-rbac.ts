import type { KubernetesObject } from '@kubernetes/client-node';

/** The kinds the agent lists and watches, by API group. Deliberately no Secrets, ConfigMaps or nodes/proxy. */
export const WATCHED_RESOURCES: Record<string, string[]> = {
  '': ['pods', 'namespaces', 'nodes', 'limitranges', 'replicationcontrollers'],
  apps: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'],
  batch: ['jobs', 'cronjobs'],
  policy: ['poddisruptionbudgets'],
  autoscaling: ['horizontalpodautoscalers'],
};

/** Read-only access for the group the viewer user belongs to: get, list and watch on the watched kinds, nothing else. */
export function viewerRbac(group: string): KubernetesObject[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'cluster-insight:viewer' },
      rules: Object.entries(WATCHED_RESOURCES).map(([apiGroup, resources]) => ({
        apiGroups: [apiGroup],
        resources,
        verbs: ['get', 'list', 'watch'],
      })),
    } as KubernetesObject,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'cluster-insight:viewer' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-insight:viewer' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
    } as KubernetesObject,
  ];
}
