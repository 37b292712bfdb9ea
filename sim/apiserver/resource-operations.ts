import crypto from 'node:crypto';
import { ApiError, alreadyExists, badRequest, conflict, invalid, notFound } from './api-error.ts';
import { applyDefaults, GENERATION_KINDS, qosClass } from './defaults.ts';
import { applyJsonPatch } from './json-patch.ts';
import { jsonMergePatch } from './json-merge-patch.ts';
import { clone, isPlainObject, jsonEqual, timestamp, type Json, type KubeObject } from './kube-object.ts';
import { admitPodLimits } from './limit-ranger.ts';
import { canonicalizeQuantities } from './quantity-format.ts';
import type { ObjectStore, StoredObject } from './object-store.ts';
import { apiVersionOf, type ResourceType } from './resource-types.ts';
import { selectorText } from './selectors.ts';
import { validateObject, validateUpdate } from './validation.ts';
import { convertTo } from './version-conversion.ts';
import { strategicMerge } from './strategic-merge-patch.ts';

export interface WriteOptions {
  dryRun?: boolean;
  subresource?: string;
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export const PATCH_TYPES = {
  'application/strategic-merge-patch+json': 'strategic',
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
} as const;

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(n = 5): string {
  const bytes = crypto.randomBytes(n);
  return [...bytes].map((b) => NAME_CHARS[b % NAME_CHARS.length]).join('');
}

/** The parts of an object other than metadata and status: a change here bumps metadata.generation. */
function specOf(o: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

/** Metadata fields the server owns, compared after a write to skip no-op updates. */
function withoutVolatile(o: KubeObject): KubeObject {
  const { resourceVersion: _rv, managedFields: _mf, ...metadata } = o.metadata;
  return { ...o, metadata };
}

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The REST semantics of the generic registry: create, update, patch, delete and the status and scale
 * subresources over the object store, with defaulting, admission and dry runs.
 */
export class ResourceOperations {
  constructor(readonly store: ObjectStore) {}

  storageOf(t: ResourceType): string {
    return t.storage;
  }

  get(t: ResourceType, ns: string, name: string): StoredObject {
    const found = this.store.get(t.storage, t.namespaced ? ns : '', name);
    if (!found) throw notFound(t.group, t.resource, name);
    return found;
  }

  /** The object as served at `t`'s version (stored objects of another version have their apiVersion rewritten). */
  serve(t: ResourceType, stored: StoredObject): string {
    const apiVersion = apiVersionOf(t);
    if (stored.object.apiVersion === apiVersion) return stored.json;
    return JSON.stringify(convertTo(stored.object, apiVersion));
  }

  #checkNamespace(t: ResourceType, ns: string): void {
    if (!t.namespaced) return;
    const found = this.store.get('/namespaces', '', ns);
    if (!found) throw notFound('', 'namespaces', ns);
    if (found.object.metadata.deletionTimestamp) {
      throw new ApiError(403, 'Forbidden', `${t.resource}${t.group ? `.${t.group}` : ''} is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
        kind: t.resource,
        group: t.group,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  }

  #decode(t: ResourceType, body: Json, ns: string): KubeObject {
    if (!isPlainObject(body)) throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
    const obj = clone(body) as KubeObject;
    if (obj.kind !== undefined && obj.kind !== t.kind) throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(t)})`);
    obj.kind = t.kind;
    obj.apiVersion = apiVersionOf(t);
    obj.metadata = isPlainObject(obj.metadata) ? obj.metadata : {};
    if (t.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = ns;
    } else delete obj.metadata.namespace;
    return obj;
  }

  create(t: ResourceType, ns: string, body: Json, opts: WriteOptions = {}): StoredObject {
    const obj = this.#decode(t, body, ns);
    this.#checkNamespace(t, ns);
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    if (!meta.name) throw invalid(t.group, t.kind, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
    if (!NAME_PATTERN.test(meta.name) && t.resource !== 'clusterroles' && t.resource !== 'clusterrolebindings' && t.resource !== 'roles' && t.resource !== 'rolebindings') {
      throw invalid(t.group, t.kind, meta.name, [
        { field: 'metadata.name', message: `Invalid value: "${meta.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character` },
      ]);
    }
    if (this.store.get(t.storage, meta.namespace ?? '', meta.name)) throw alreadyExists(t.group, t.resource, meta.name);
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    meta.uid = crypto.randomUUID();
    meta.creationTimestamp = timestamp();
    if (obj.spec === undefined && needsSpec(t.kind)) obj.spec = {};
    if (t.kind === 'Job' && obj.spec && !obj.spec.template) throw invalid(t.group, t.kind, meta.name, [{ field: 'spec.template', message: 'Required value' }]);
    applyDefaults(obj);
    validateObject(t.group, obj);
    if (GENERATION_KINDS.has(t.kind)) meta.generation = 1;
    this.#prepareStatusForCreate(t, obj);
    if (t.kind === 'Pod') admitPodLimits(this.store, obj);
    if (t.kind === 'Pod') (obj.status as Json).qosClass = qosClass(obj.spec);
    if (opts.dryRun) {
      obj.metadata.resourceVersion = undefined;
      delete obj.metadata.resourceVersion;
      return { object: obj, json: JSON.stringify(obj), rv: 0 };
    }
    return this.store.create(t.storage, t.group, t.resource, obj);
  }

  #prepareStatusForCreate(t: ResourceType, obj: KubeObject): void {
    switch (t.kind) {
      case 'Pod':
        obj.status = { phase: 'Pending' };
        break;
      case 'Namespace':
        obj.status = { phase: 'Active' };
        break;
      case 'Node':
        break;
      case 'Deployment':
      case 'ReplicaSet':
      case 'StatefulSet':
      case 'DaemonSet':
      case 'ReplicationController':
      case 'Job':
      case 'CronJob':
      case 'PodDisruptionBudget':
      case 'HorizontalPodAutoscaler':
        obj.status = t.kind === 'ReplicaSet' || t.kind === 'ReplicationController' || t.kind === 'StatefulSet' ? { replicas: 0 } : {};
        if (t.kind === 'DaemonSet') obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
        if (t.kind === 'PodDisruptionBudget') obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
        if (t.kind === 'HorizontalPodAutoscaler') obj.status = { currentReplicas: 0, desiredReplicas: 0 };
        break;
    }
  }

  /** PUT: the whole object (or, for `/status`, only its status). */
  update(t: ResourceType, ns: string, name: string, body: Json, opts: WriteOptions = {}): StoredObject {
    if (opts.subresource === 'scale') return this.#updateScale(t, ns, name, body, opts);
    const current = this.get(t, ns, name);
    const obj = this.#decode(t, body, t.namespaced ? ns : '');
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    obj.metadata.name = name;
    return this.#write(t, current, obj, obj.metadata.resourceVersion, opts);
  }

  /** Shared by PUT and PATCH: keeps what the client may not change, bumps generation, skips no-ops. */
  #write(t: ResourceType, current: StoredObject, written: KubeObject, expectRv: string | undefined, opts: WriteOptions): StoredObject {
    const old = current.object;
    // Written at the request's version, kept at the stored one.
    const next = convertTo(written, old.apiVersion ?? apiVersionOf(t));
    if (expectRv && expectRv !== String(current.rv)) throw conflict(t.group, t.resource, old.metadata.name!);
    let result: KubeObject;
    if (opts.subresource === 'status') {
      result = { ...clone(old), status: next.status };
      if (t.kind === 'Node') canonicalizeQuantities(result.status, 'status');
    } else {
      result = next;
      const meta = result.metadata;
      meta.uid = old.metadata.uid;
      meta.creationTimestamp = old.metadata.creationTimestamp;
      if (old.metadata.deletionTimestamp) {
        meta.deletionTimestamp = old.metadata.deletionTimestamp;
        if (old.metadata.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      } else {
        delete meta.deletionTimestamp;
      }
      if (old.metadata.generation !== undefined) meta.generation = old.metadata.generation;
      if (t.subresources.includes('status') && t.kind !== 'Node') result.status = old.status;
      if (t.kind === 'Node' && result.status === undefined) result.status = old.status;
      applyDefaults(result);
      if (GENERATION_KINDS.has(t.kind) && !jsonEqual(specOf(result), specOf(old))) meta.generation = (old.metadata.generation ?? 0) + 1;
      validateUpdate(t.group, old, result);
      validateObject(t.group, result);
    }
    result.apiVersion = old.apiVersion ?? apiVersionOf(t);
    result.kind = t.kind;
    result.metadata.resourceVersion = String(current.rv);
    // A write that changes nothing is not a write: no new resourceVersion, no watch event.
    if (jsonEqual(withoutVolatile(result), withoutVolatile(old))) return current;
    // Once the last finalizer of an object being deleted is gone, the object goes.
    if (result.metadata.deletionTimestamp && !(result.metadata.finalizers?.length) && t.kind !== 'Pod' && !opts.dryRun) {
      return this.store.delete(t.storage, t.group, t.resource, old.metadata.namespace ?? '', old.metadata.name!);
    }
    if (opts.dryRun) {
      const json = JSON.stringify(result);
      return { object: result, json, rv: current.rv };
    }
    return this.store.update(t.storage, t.group, t.resource, result);
  }

  patch(t: ResourceType, ns: string, name: string, patchType: 'strategic' | 'merge' | 'json', patch: Json, opts: WriteOptions = {}): StoredObject {
    if (opts.subresource === 'scale') {
      const scale = this.scaleOf(t, ns, name);
      const patched = patchType === 'json' ? applyJsonPatch(scale, patch) : jsonMergePatch(scale, patch);
      return this.#updateScale(t, ns, name, patched, opts);
    }
    const current = this.get(t, ns, name);
    if (patchType !== 'json' && !isPlainObject(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
    const base = clone(convertTo(current.object, apiVersionOf(t)));
    let patched: Json = undefined;
    if (patchType === 'strategic') patched = strategicMerge(base, patch);
    else if (patchType === 'merge') patched = jsonMergePatch(base, patch);
    else patched = applyJsonPatch(base, patch);
    if (!isPlainObject(patched as unknown)) throw badRequest('the patch made the object something other than an object');
    patched.metadata ??= {};
    if (t.namespaced && patched.metadata.namespace !== (current.object.metadata.namespace ?? '')) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (patched.metadata.name !== name) throw badRequest(`the name of the object (${patched.metadata.name}) does not match the name on the URL (${name})`);
    const next = this.#decode(t, patched, ns);
    const expectRv = next.metadata.resourceVersion !== String(current.rv) ? next.metadata.resourceVersion : undefined;
    if (expectRv !== undefined) throw conflict(t.group, t.resource, name);
    return this.#write(t, current, next, undefined, opts);
  }

  /** The autoscaling/v1 Scale of a scalable object. */
  scaleOf(t: ResourceType, ns: string, name: string): Json {
    const current = this.get(t, ns, name).object;
    const spec: Json = current.spec ?? {};
    const status: Json = current.status ?? {};
    const selector = t.kind === 'ReplicationController' ? { matchLabels: spec.selector } : spec.selector;
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name,
        namespace: current.metadata.namespace,
        uid: current.metadata.uid,
        resourceVersion: current.metadata.resourceVersion,
        creationTimestamp: current.metadata.creationTimestamp,
      },
      spec: { replicas: spec.replicas ?? 0 },
      status: { replicas: status.replicas ?? 0, selector: selectorText(selector) },
    };
  }

  #updateScale(t: ResourceType, ns: string, name: string, body: Json, opts: WriteOptions): StoredObject {
    const current = this.get(t, ns, name);
    const replicas = body?.spec?.replicas;
    if (typeof replicas !== 'number' || replicas < 0) throw invalid('autoscaling', 'Scale', name, [{ field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` }]);
    const next = clone(current.object);
    (next.spec as Json).replicas = replicas;
    const expectRv = body?.metadata?.resourceVersion;
    const written = this.#write(t, current, next, expectRv, { dryRun: opts.dryRun });
    const scale = this.scaleOf(t, ns, name);
    if (opts.dryRun) scale.spec.replicas = replicas;
    else scale.metadata.resourceVersion = written.object.metadata.resourceVersion;
    return { object: scale, json: JSON.stringify(scale), rv: written.rv };
  }

  /**
   * Deletes an object. Pods bound to a node are deleted gracefully (deletionTimestamp, the kubelet confirms);
   * objects with finalizers, and namespaces, are marked and removed once their finalizers are done.
   * Dependents go with their owner unless the propagation policy is Orphan.
   */
  delete(t: ResourceType, ns: string, name: string, opts: DeleteOptions = {}): { stored: StoredObject; deleted: boolean } {
    const current = this.get(t, ns, name);
    const obj = current.object;
    if (opts.preconditions?.uid && opts.preconditions.uid !== obj.metadata.uid) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${t.resource}${t.group ? `.${t.group}` : ''} "${name}": Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${obj.metadata.uid}`, { name, group: t.group, kind: t.resource });
    }
    if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== String(current.rv)) throw conflict(t.group, t.resource, name);
    const policy = opts.propagationPolicy ?? 'Background';
    const graceful = t.kind === 'Pod' && !!(obj.spec as Json)?.nodeName && opts.gracePeriodSeconds !== 0;
    const finalizers = [...(obj.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && t.kind !== 'Pod') finalizers.push('foregroundDeletion');
    if (t.kind === 'Namespace' || graceful || finalizers.length > 0) {
      if (obj.metadata.deletionTimestamp && !(graceful && opts.gracePeriodSeconds === 0)) return { stored: current, deleted: false };
      const next = clone(obj);
      const grace = graceful ? (opts.gracePeriodSeconds ?? (obj.spec as Json).terminationGracePeriodSeconds ?? 30) : 0;
      next.metadata.deletionTimestamp = timestamp(Date.now() + grace * 1000);
      next.metadata.deletionGracePeriodSeconds = grace;
      if (policy === 'Foreground' && t.kind !== 'Pod') next.metadata.finalizers = finalizers;
      if (policy === 'Orphan' && !opts.dryRun) this.orphanDependents(obj);
      if (t.kind === 'Namespace') next.status = { ...(next.status ?? {}), phase: 'Terminating' };
      if (opts.dryRun) return { stored: { object: next, json: JSON.stringify(next), rv: current.rv }, deleted: false };
      return { stored: this.store.update(t.storage, t.group, t.resource, next), deleted: false };
    }
    if (opts.dryRun) return { stored: current, deleted: true };
    if (policy === 'Orphan') this.orphanDependents(obj);
    return { stored: this.store.delete(t.storage, t.group, t.resource, obj.metadata.namespace ?? '', name), deleted: true };
  }

  /** Removes the owner's reference from its dependents, so the garbage collector leaves them. */
  orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    for (const storage of ['/pods', 'apps/replicasets', 'batch/jobs', 'apps/controllerrevisions']) {
      for (const dep of this.store.list(storage, owner.metadata.namespace)) {
        if (!dep.object.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
        const next = clone(dep.object);
        next.metadata.ownerReferences = next.metadata.ownerReferences!.filter((r) => r.uid !== uid);
        if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
        const [group, resource] = storage.split('/') as [string, string];
        this.store.update(storage, group, resource, next);
      }
    }
  }
}

function needsSpec(kind: string): boolean {
  return ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'Node', 'LimitRange', 'PodDisruptionBudget', 'HorizontalPodAutoscaler'].includes(kind);
}
