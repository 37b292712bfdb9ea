import type { ContainerSpec, KubeObject, OwnerReference } from '../kube-object.ts';

let counter = 0;
/** A fresh uid for a test object. */
export const uid = (name: string) => `uid-${name}-${++counter}`;

export const ownedBy = (owner: KubeObject): OwnerReference => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind!,
  name: owner.metadata!.name!,
  uid: owner.metadata!.uid!,
  controller: true,
});

interface ObjectOptions {
  namespace?: string;
  owner?: KubeObject;
  annotations?: Record<string, string>;
  resourceVersion?: string;
}

function meta(name: string, opts: ObjectOptions) {
  return {
    name,
    uid: uid(name),
    resourceVersion: opts.resourceVersion ?? '1',
    ...(opts.namespace === undefined ? { namespace: 'shop' } : opts.namespace ? { namespace: opts.namespace } : {}),
    ...(opts.owner ? { ownerReferences: [ownedBy(opts.owner)] } : {}),
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
  };
}

export function container(name: string, resources?: ContainerSpec['resources'], extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name, image: `example/${name}:1`, ...(resources ? { resources } : {}), ...extra };
}

export function pod(name: string, containers: ContainerSpec[], opts: ObjectOptions & { status?: Record<string, unknown> } = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, opts), spec: { containers }, status: opts.status ?? { phase: 'Running' } };
}

/** A Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or ReplicationController with this pod template. */
export function controller(kind: string, name: string, containers: ContainerSpec[], opts: ObjectOptions = {}): KubeObject {
  const apiVersion = kind === 'ReplicationController' ? 'v1' : kind === 'Job' ? 'batch/v1' : 'apps/v1';
  return { apiVersion, kind, metadata: meta(name, opts), spec: { template: { metadata: {}, spec: { containers } } } };
}

export function cronJob(name: string, containers: ContainerSpec[], opts: ObjectOptions = {}): KubeObject {
  return {
    apiVersion: 'batch/v1beta1',
    kind: 'CronJob',
    metadata: meta(name, opts),
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { containers } } } } },
  };
}

export function limitRange(name: string, defaults: { default?: Record<string, string>; defaultRequest?: Record<string, string> }, opts: ObjectOptions = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: meta(name, opts), spec: { limits: [{ type: 'Container', ...defaults }] } };
}

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, { namespace: '' }) };
}
