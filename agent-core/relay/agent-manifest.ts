// What runs the headless agent inside a cluster, relaying to a gateway: a Namespace, a ServiceAccount, a
// least-privilege ClusterRole and its binding, a Secret (the connection file and an in-cluster kubeconfig that reads
// the service account's token file) and a one-replica Deployment.
import { KIND_INFO, WATCHED_KINDS } from '../inventory/watched-kinds.ts';
import type { ConnectionFile } from './connection-file.ts';

export interface AgentManifestOptions {
  connection: ConnectionFile;
  namespace?: string;
  image?: string;
  allowRemoteApply?: boolean;
  hashNames?: boolean;
}

export const DEFAULT_AGENT_IMAGE = 'cluster-insight-agent:0.1.0';
const NAME = 'cluster-insight-agent';
const MOUNT = '/etc/cluster-insight';
const SA = '/var/run/secrets/kubernetes.io/serviceaccount';

/** get/list/watch on every watched kind, get on nodes/proxy, access reviews; patch on workload kinds only with remote apply. */
export function agentClusterRoleRules(allowRemoteApply: boolean): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
  const byGroup = new Map<string, string[]>();
  for (const kind of WATCHED_KINDS) {
    const { group, resource } = KIND_INFO[kind];
    byGroup.set(group, [...(byGroup.get(group) ?? []), resource]);
  }
  const rules = [...byGroup].map(([group, resources]) => ({ apiGroups: [group], resources, verbs: ['get', 'list', 'watch'] }));
  rules.push({ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] });
  rules.push({ apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'], verbs: ['create'] });
  if (allowRemoteApply) {
    const patchable = new Map<string, string[]>();
    for (const kind of WATCHED_KINDS) {
      const { group, resource, patchable: yes } = KIND_INFO[kind];
      if (yes) patchable.set(group, [...(patchable.get(group) ?? []), resource]);
    }
    for (const [group, resources] of patchable) rules.push({ apiGroups: [group], resources, verbs: ['patch'] });
  }
  return rules;
}

export function agentManifest(opts: AgentManifestOptions): Record<string, unknown>[] {
  const namespace = opts.namespace ?? 'cluster-insight';
  const labels = { 'app.kubernetes.io/name': NAME };
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: in-cluster, cluster: {server: "https://kubernetes.default.svc", certificate-authority: "' + SA + '/ca.crt"}}]',
    'users: [{name: agent, user: {tokenFile: "' + SA + '/token"}}]',
    'contexts: [{name: in-cluster, context: {cluster: in-cluster, user: agent}}]',
    'current-context: in-cluster',
    '',
  ].join('\n');
  const args = ['agent', '--kubeconfig', `${MOUNT}/kubeconfig`, '--context', 'in-cluster', '--connection-file', `${MOUNT}/connection.json`, '--data-dir', '/data'];
  if (opts.allowRemoteApply) args.push('--allow-remote-apply');
  if (opts.hashNames) args.push('--hash-names');
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: NAME, namespace, labels } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: NAME, labels }, rules: agentClusterRoleRules(!!opts.allowRemoteApply) },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: NAME, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NAME },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace }],
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: NAME, namespace, labels },
      type: 'Opaque',
      stringData: { 'connection.json': `${JSON.stringify(opts.connection, null, 2)}\n`, kubeconfig },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: NAME, namespace, labels },
      spec: {
        replicas: 1,
        // Never two agents at once: they would share one enrolment and supersede each other at the gateway.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: NAME,
            securityContext: { runAsNonRoot: true, runAsUser: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'agent',
                image: opts.image ?? DEFAULT_AGENT_IMAGE,
                args,
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [
                  { name: 'connection', mountPath: MOUNT, readOnly: true },
                  { name: 'data', mountPath: '/data' },
                ],
              },
            ],
            // The outbox lives in /data: it survives container restarts; use a PersistentVolumeClaim to survive rescheduling too.
            volumes: [
              { name: 'connection', secret: { secretName: NAME, defaultMode: 0o400 } },
              { name: 'data', emptyDir: {} },
            ],
          },
        },
      },
    },
  ];
}
