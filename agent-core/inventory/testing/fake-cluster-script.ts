import type http from 'node:http';
import type { KubeObject } from '../kube-object.ts';
import { listBody, sendJson, sendStatus, startWatchResponse, type Script, type ScriptedRequest } from './scripted-api-server.ts';

export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

export interface FakeClusterOptions {
  /** Objects by collection path, e.g. '/api/v1/pods'. */
  collections: Record<string, KubeObject[]>;
  /** What SelfSubjectAccessReview answers (default: everything allowed). */
  allows?: (question: AccessQuestion) => boolean;
  /** Collection paths whose LIST or WATCH answers 403 whatever the review said (a runtime denial). */
  forbidden?: { list?: string[]; watch?: string[] };
}

const resource = (name: string, kind: string, namespaced = true) => ({ name, kind, namespaced, verbs: ['get', 'list', 'watch', 'patch'] });

// What kube-apiserver v1.20 serves for the watched kinds: CronJob only in batch/v1beta1, while batch prefers v1;
// PodDisruptionBudget only in policy/v1beta1; HorizontalPodAutoscaler in autoscaling v1 (preferred), v2beta1 and v2beta2.
const DISCOVERY: Record<string, unknown> = {
  '/api': { kind: 'APIVersions', versions: ['v1'] },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      resource('pods', 'Pod'),
      { name: 'pods/status', kind: 'Pod', namespaced: true, verbs: ['get', 'patch'] },
      resource('namespaces', 'Namespace', false),
      resource('nodes', 'Node', false),
      { name: 'nodes/proxy', kind: 'NodeProxyOptions', namespaced: false, verbs: ['get'] },
      resource('limitranges', 'LimitRange'),
      resource('replicationcontrollers', 'ReplicationController'),
      resource('secrets', 'Secret'),
    ],
  },
  '/apis': {
    kind: 'APIGroupList',
    groups: [
      { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
      {
        name: 'batch',
        versions: [
          { groupVersion: 'batch/v1', version: 'v1' },
          { groupVersion: 'batch/v1beta1', version: 'v1beta1' },
        ],
        preferredVersion: { groupVersion: 'batch/v1', version: 'v1' },
      },
      { name: 'policy', versions: [{ groupVersion: 'policy/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'policy/v1beta1', version: 'v1beta1' } },
      {
        name: 'autoscaling',
        versions: [
          { groupVersion: 'autoscaling/v1', version: 'v1' },
          { groupVersion: 'autoscaling/v2beta1', version: 'v2beta1' },
          { groupVersion: 'autoscaling/v2beta2', version: 'v2beta2' },
        ],
        preferredVersion: { groupVersion: 'autoscaling/v1', version: 'v1' },
      },
    ],
  },
  '/apis/apps/v1': {
    kind: 'APIResourceList',
    resources: [resource('deployments', 'Deployment'), resource('replicasets', 'ReplicaSet'), resource('statefulsets', 'StatefulSet'), resource('daemonsets', 'DaemonSet')],
  },
  '/apis/batch/v1': { kind: 'APIResourceList', resources: [resource('jobs', 'Job')] },
  '/apis/batch/v1beta1': { kind: 'APIResourceList', resources: [resource('cronjobs', 'CronJob')] },
  '/apis/policy/v1beta1': { kind: 'APIResourceList', resources: [resource('poddisruptionbudgets', 'PodDisruptionBudget'), resource('podsecuritypolicies', 'PodSecurityPolicy', false)] },
  '/apis/autoscaling/v1': { kind: 'APIResourceList', resources: [resource('horizontalpodautoscalers', 'HorizontalPodAutoscaler')] },
  '/apis/autoscaling/v2beta1': { kind: 'APIResourceList', resources: [resource('horizontalpodautoscalers', 'HorizontalPodAutoscaler')] },
  '/apis/autoscaling/v2beta2': { kind: 'APIResourceList', resources: [resource('horizontalpodautoscalers', 'HorizontalPodAutoscaler')] },
  '/api/v1/namespaces/kube-system': { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'kube-system', uid: 'kube-system-uid' } },
};

function review(req: ScriptedRequest, res: http.ServerResponse, allows: (q: AccessQuestion) => boolean): void {
  const body = JSON.parse(req.body) as { spec: { resourceAttributes: AccessQuestion } };
  const allowed = allows(body.spec.resourceAttributes);
  sendJson(res, 201, { ...body, status: { allowed, ...(allowed ? {} : { reason: 'no RBAC policy matched' }) } });
}

/** A scripted API server that looks like a small v1.20 cluster: discovery, access reviews, lists and (idle) watches. */
export function fakeClusterScript(options: FakeClusterOptions): Script {
  return (req, res) => {
    if (req.method === 'POST' && req.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') return review(req, res, options.allows ?? (() => true));
    const watching = Boolean(req.query.get('watch'));
    if ((watching ? options.forbidden?.watch : options.forbidden?.list)?.includes(req.path)) {
      return sendStatus(res, 403, 'Forbidden', `forbidden: cannot ${watching ? 'watch' : 'list'} ${req.path}`);
    }
    if (DISCOVERY[req.path]) return sendJson(res, 200, DISCOVERY[req.path]);
    const items = options.collections[req.path];
    if (!items) return sendStatus(res, 404, 'NotFound', 'the server could not find the requested resource');
    if (watching) return startWatchResponse(res);
    sendJson(res, 200, listBody(items, '1000'));
  };
}
