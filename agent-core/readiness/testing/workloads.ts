import { clusterUuid } from '../../inventory/entity-uuid.ts';
import { InventoryModel } from '../../inventory/inventory-model.ts';
import type { ContainerSpec, KubeObject } from '../../inventory/kube-object.ts';
import type { WatchedKind } from '../../inventory/watched-kinds.ts';

let counter = 0;
const meta = (name: string, namespace: string, labels?: Record<string, string>) => ({
  name,
  namespace,
  uid: `uid-${name}-${++counter}`,
  resourceVersion: '1',
  ...(labels ? { labels } : {}),
});

/** A container that passes every container check: requests, limits, probes, hardened, pinned, pulled Always. */
export function goodContainer(name: string, extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name,
    image: `registry.example:5000/team/${name}:1.2.3`,
    imagePullPolicy: 'Always',
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    livenessProbe: { httpGet: { path: '/live', port: 8080 } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    ...extra,
  };
}

/** A pod spec that passes every pod-level check. */
export const goodPodSpec = (containers: ContainerSpec[], extra: Record<string, unknown> = {}) => ({
  containers,
  priorityClassName: 'production',
  automountServiceAccountToken: false,
  ...extra,
});

interface WorkloadOptions {
  namespace?: string;
  replicas?: number;
  labels?: Record<string, string>;
  podSpec?: Record<string, unknown>;
}

const API_VERSION: Record<string, string> = { ReplicationController: 'v1', Job: 'batch/v1', CronJob: 'batch/v1beta1', Pod: 'v1' };

/** A top-level workload of any kind (a Pod is bare) whose pods get `podSpec` and `labels`. */
export function workload(kind: WatchedKind, name: string, containers: ContainerSpec[], opts: WorkloadOptions = {}): KubeObject {
  const namespace = opts.namespace ?? 'shop';
  const labels = opts.labels ?? { app: name };
  const spec = { ...goodPodSpec(containers), ...opts.podSpec };
  const apiVersion = API_VERSION[kind] ?? 'apps/v1';
  if (kind === 'Pod') return { apiVersion, kind, metadata: meta(name, namespace, labels), spec };
  const template = { metadata: { labels }, spec };
  if (kind === 'CronJob') return { apiVersion, kind, metadata: meta(name, namespace), spec: { schedule: '@daily', jobTemplate: { spec: { template } } } };
  const replicated = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(kind);
  return { apiVersion, kind, metadata: meta(name, namespace), spec: { ...(replicated ? { replicas: opts.replicas ?? 3 } : {}), template } };
}

export function disruptionBudget(name: string, selector: unknown, opts: { namespace?: string; apiVersion?: string } = {}): KubeObject {
  return { apiVersion: opts.apiVersion ?? 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(name, opts.namespace ?? 'shop'), spec: { maxUnavailable: 1, selector } };
}

export function autoscaler(name: string, target: { kind: string; name: string }, minReplicas: number | undefined, opts: { namespace?: string } = {}): KubeObject {
  return {
    apiVersion: 'autoscaling/v2beta2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(name, opts.namespace ?? 'shop'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', ...target },
      ...(minReplicas === undefined ? {} : { minReplicas }),
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  };
}

export function limitRange(name: string, defaults: { default?: Record<string, string>; defaultRequest?: Record<string, string> }, namespace = 'shop'): KubeObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: meta(name, namespace), spec: { limits: [{ type: 'Container', ...defaults }] } };
}

/** The inventory's model holding these objects, as after a first LIST of each kind. */
export function modelOf(...objects: KubeObject[]): InventoryModel {
  const model = new InventoryModel(clusterUuid('readiness-test'));
  const byKind = new Map<WatchedKind, KubeObject[]>();
  for (const o of objects) byKind.set(o.kind as WatchedKind, [...(byKind.get(o.kind as WatchedKind) ?? []), o]);
  for (const [kind, list] of byKind) model.storeFor(kind).replace(list, '1');
  return model;
}
