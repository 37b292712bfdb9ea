import { clone, jsonEqual, type Json, type KubeObject, type OwnerReference } from '../kube-object.ts';
import type { ObjectStore, StoreEvent, StoredObject } from '../object-store.ts';
import type { ResourceOperations } from '../resource-operations.ts';
import { resourceType, type ResourceType } from '../resource-types.ts';

export const POD = resourceType('', 'v1', 'pods')!;
export const NODE = resourceType('', 'v1', 'nodes')!;
export const NAMESPACE = resourceType('', 'v1', 'namespaces')!;
export const DEPLOYMENT = resourceType('apps', 'v1', 'deployments')!;
export const REPLICASET = resourceType('apps', 'v1', 'replicasets')!;
export const STATEFULSET = resourceType('apps', 'v1', 'statefulsets')!;
export const DAEMONSET = resourceType('apps', 'v1', 'daemonsets')!;
export const JOB = resourceType('batch', 'v1', 'jobs')!;
export const RC = resourceType('', 'v1', 'replicationcontrollers')!;

/** Dependents by owner uid and pods by node, kept from the store's events. */
export class Indexes {
  /** owner uid → "storage|namespace|name" of each dependent */
  readonly dependents = new Map<string, Set<string>>();
  readonly podsByNode = new Map<string, Set<string>>();
  readonly liveUids = new Set<string>();

  constructor(private readonly store: ObjectStore) {}

  observe(e: StoreEvent): void {
    const ref = `${e.storage}|${e.namespace}|${e.object.metadata.name}`;
    const uid = e.object.metadata.uid!;
    if (e.previous) this.#unindex(ref, e.previous);
    if (e.type === 'DELETED') {
      this.liveUids.delete(uid);
      return;
    }
    this.liveUids.add(uid);
    for (const o of e.object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(o.uid);
      if (!set) this.dependents.set(o.uid, (set = new Set()));
      set.add(ref);
    }
    const node = e.storage === POD.storage ? (e.object.spec as Json)?.nodeName : undefined;
    if (node) {
      let set = this.podsByNode.get(node);
      if (!set) this.podsByNode.set(node, (set = new Set()));
      set.add(`${e.namespace}/${e.object.metadata.name}`);
    }
  }

  #unindex(ref: string, previous: KubeObject): void {
    for (const o of previous.metadata.ownerReferences ?? []) {
      const set = this.dependents.get(o.uid);
      set?.delete(ref);
      if (set?.size === 0) this.dependents.delete(o.uid);
    }
    const node = (previous.spec as Json)?.nodeName;
    if (node && ref.startsWith(`${POD.storage}|`)) {
      const [, ns, name] = ref.split('|');
      const set = this.podsByNode.get(node);
      set?.delete(`${ns}/${name}`);
      if (set?.size === 0) this.podsByNode.delete(node);
    }
  }

  /** The stored dependents of `uid` in one storage (e.g. the pods of a ReplicaSet). */
  dependentsOf(uid: string, storage: string): StoredObject[] {
    const out: StoredObject[] = [];
    for (const ref of this.dependents.get(uid) ?? []) {
      const [s, ns, name] = ref.split('|') as [string, string, string];
      if (s !== storage) continue;
      const found = this.store.get(s, ns, name);
      if (found) out.push(found);
    }
    return out;
  }

  podsOn(node: string): StoredObject[] {
    const out: StoredObject[] = [];
    for (const key of this.podsByNode.get(node) ?? []) {
      const [ns, name] = key.split('/') as [string, string];
      const found = this.store.get(POD.storage, ns, name);
      if (found) out.push(found);
    }
    return out;
  }
}

export interface ControllerContext {
  store: ObjectStore;
  ops: ResourceOperations;
  indexes: Indexes;
  log: (line: string) => void;
}

export function controllerRef(owner: KubeObject, apiVersion: string): OwnerReference {
  return { apiVersion, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export function isControlledBy(o: KubeObject, uid: string): boolean {
  return !!o.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller);
}

export function podReady(pod: KubeObject): boolean {
  return !!((pod.status as Json)?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
}

/** Ready for at least minReadySeconds. */
export function podAvailable(pod: KubeObject, minReadySeconds = 0, now = Date.now()): boolean {
  const ready = ((pod.status as Json)?.conditions ?? []).find((c: Json) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return false;
  if (!minReadySeconds) return true;
  return now - Date.parse(ready.lastTransitionTime ?? 0) >= minReadySeconds * 1000;
}

export function isActive(pod: KubeObject): boolean {
  const phase = (pod.status as Json)?.phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** Writes `status` when it differs from the stored one (controllers never write a no-op). */
export function writeStatus(ctx: ControllerContext, t: ResourceType, current: StoredObject, status: Json): void {
  if (jsonEqual(current.object.status, status)) return;
  const next = clone(current.object);
  next.status = status;
  ctx.store.update(t.storage, t.group, t.resource, next);
}

/** A pod from a template, owned by `owner`. */
export function podFromTemplate(owner: KubeObject, ownerApiVersion: string, template: Json, extra: { name?: string; generateName?: string; labels?: Record<string, string>; spec?: Json } = {}): Json {
  const t = clone(template ?? {});
  const metadata: Json = {
    ...(extra.name ? { name: extra.name } : { generateName: extra.generateName ?? `${owner.metadata.name}-` }),
    namespace: owner.metadata.namespace,
    labels: { ...(t.metadata?.labels ?? {}), ...(extra.labels ?? {}) },
    ...(t.metadata?.annotations && { annotations: t.metadata.annotations }),
    ownerReferences: [controllerRef(owner, ownerApiVersion)],
  };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: { ...t.spec, ...(extra.spec ?? {}) } };
}

/** FNV-1a, 32 bits: the hash the real controllers use for pod-template-hash and revisions. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString of the hash's decimal digits, as pod-template-hash values look. */
export function templateHash(template: Json): string {
  return [...String(fnv32a(JSON.stringify(template ?? {})))].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

/** An int-or-percent (maxSurge, maxUnavailable, minAvailable) against a total. */
export function scaledValue(value: Json, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(String(value));
  if (!m) return Number(value) || 0;
  const v = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(v) : Math.floor(v);
}

export function deletePod(ctx: ControllerContext, pod: KubeObject): void {
  try {
    ctx.ops.delete(POD, pod.metadata.namespace!, pod.metadata.name!, {});
  } catch {
    // already gone
  }
}

export function createPod(ctx: ControllerContext, pod: Json): void {
  try {
    ctx.ops.create(POD, pod.metadata.namespace, pod);
  } catch (err) {
    ctx.log(`cannot create pod in ${pod.metadata.namespace}: ${(err as Error).message}`);
  }
}
