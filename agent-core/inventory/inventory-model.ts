import { isRecord, type KubeObject, type PodStatus } from './kube-object.ts';
import { podContainerViews, podTemplateSpec, qosOfViews, templateContainerViews, type ContainerView } from './container-views.ts';
import { entityUuid } from './entity-uuid.ts';
import { containerDefaults, NO_DEFAULTS, type ContainerDefaults } from './limit-range-defaults.ts';
import { ownerChain, type OwnerLink } from './owner-chain.ts';
import type { QosClass } from './qos.ts';
import type { ReflectorStore } from './reflector.ts';
import { Subscribers } from './subscribers.ts';
import { isWatchedKind, type WatchedKind } from './watched-kinds.ts';

export interface InventoryEntity {
  /** Stable and opaque: derived from the cluster's identity, the kind and the uid (what the relay shows instead of names). */
  uuid: string;
  uid: string;
  kind: WatchedKind;
  apiVersion: string;
  namespace?: string;
  name: string;
  resourceVersion: string;
  labels: Record<string, string>;
  /** Nearest owner first (pod → ReplicaSet → Deployment); empty for a top-level object. */
  ownerChain: OwnerLink[];
  /** The top of ownerChain: for a pod the workload it belongs to; undefined for a bare pod or top-level object. */
  controller?: OwnerLink;
  /** A pod's containers, or those its template gives the pods of a controller; empty for other kinds. */
  containers: ContainerView[];
  /** For pods the server's class; for controllers what their pods will get. */
  qosClass?: QosClass;
  nodeName?: string;
  phase?: string;
  /** The object as received, masked (env values, args, last-applied-configuration): safe to store and relay. */
  object: KubeObject;
}

export type EntityChange = { type: 'added' | 'modified' | 'deleted'; entity: InventoryEntity };

const QOS_CLASSES = new Set(['Guaranteed', 'Burstable', 'BestEffort']);

/** What can change for an entity without its own object changing (an owner appeared, a LimitRange changed). */
function derived(entity: InventoryEntity): string {
  return JSON.stringify([entity.ownerChain, entity.containers, entity.qosClass]);
}

/**
 * The objects of every watched kind, already masked, and the entities derived from them: owner chains, containers with
 * LimitRange defaults, QoS. Views are kept current: when an owner or a LimitRange changes, the entities that depend on
 * it are recomputed and reported as modified if their derived view changed.
 */
export class InventoryModel {
  private readonly objects = new Map<string, KubeObject>();
  private readonly views = new Map<string, InventoryEntity>();
  private readonly childrenOf = new Map<string, Set<string>>();
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly changes: Subscribers<EntityChange>;

  constructor(
    private readonly clusterNamespace: string,
    onListenerError?: (err: unknown) => void,
  ) {
    this.changes = new Subscribers(onListenerError);
  }

  subscribe(listener: (change: EntityChange) => void): () => void {
    return this.changes.subscribe(listener);
  }

  entities(): InventoryEntity[] {
    return [...this.views.values()];
  }

  entity(uid: string): InventoryEntity | undefined {
    return this.views.get(uid);
  }

  uuidOf(kind: string, uid: string): string {
    return entityUuid(this.clusterNamespace, kind, uid);
  }

  /** The reflector's view of this model for one kind. */
  storeFor(kind: WatchedKind): ReflectorStore {
    return {
      replace: (objects) => this.replace(kind, objects),
      apply: (type, object) => (type === 'DELETED' ? this.remove(object) : this.upsert(object, false)),
    };
  }

  private replace(kind: WatchedKind, objects: KubeObject[]): void {
    const fresh = new Set(objects.map((o) => o.metadata?.uid).filter((uid): uid is string => Boolean(uid)));
    for (const [uid, existing] of this.objects) if (existing.kind === kind && !fresh.has(uid)) this.remove(existing);
    // A relist hands over everything again: objects whose resourceVersion did not move have not changed.
    for (const object of objects) this.upsert(object, true);
  }

  private upsert(object: KubeObject, skipUnchanged: boolean): void {
    const uid = object.metadata?.uid;
    if (!uid || !isWatchedKind(object.kind)) return;
    const previous = this.objects.get(uid);
    if (skipUnchanged && previous && previous.metadata?.resourceVersion === object.metadata?.resourceVersion) return;
    if (previous) this.unindex(uid, previous);
    this.objects.set(uid, object);
    this.index(uid, object);
    const entity = this.buildView(object);
    this.views.set(uid, entity);
    this.changes.emit({ type: previous ? 'modified' : 'added', entity });
    this.refreshDependents(object);
  }

  private remove(object: KubeObject): void {
    const uid = object.metadata?.uid;
    const previous = uid ? this.objects.get(uid) : undefined;
    if (!uid || !previous) return;
    this.unindex(uid, previous);
    this.objects.delete(uid);
    this.views.delete(uid);
    // The final state the server sent with the deletion, when it sent one.
    const last = isWatchedKind(object.kind) ? object : previous;
    this.changes.emit({ type: 'deleted', entity: this.buildView(last) });
    this.refreshDependents(previous);
  }

  private index(uid: string, object: KubeObject): void {
    for (const ref of object.metadata?.ownerReferences ?? []) {
      const children = this.childrenOf.get(ref.uid) ?? new Set<string>();
      children.add(uid);
      this.childrenOf.set(ref.uid, children);
    }
    const namespace = object.metadata?.namespace;
    if (namespace) this.byNamespace.set(namespace, (this.byNamespace.get(namespace) ?? new Set<string>()).add(uid));
  }

  private unindex(uid: string, object: KubeObject): void {
    for (const ref of object.metadata?.ownerReferences ?? []) this.childrenOf.get(ref.uid)?.delete(uid);
    const namespace = object.metadata?.namespace;
    if (namespace) this.byNamespace.get(namespace)?.delete(uid);
  }

  /** Entities whose view depends on this object: its descendants, and for a LimitRange everything in its namespace. */
  private refreshDependents(object: KubeObject): void {
    const pending: string[] = [];
    if (object.kind === 'LimitRange' && object.metadata?.namespace) pending.push(...(this.byNamespace.get(object.metadata.namespace) ?? []));
    else pending.push(...(object.metadata?.uid ? (this.childrenOf.get(object.metadata.uid) ?? []) : []));
    const visited = new Set<string>();
    while (pending.length > 0) {
      const uid = pending.pop()!;
      if (visited.has(uid)) continue;
      visited.add(uid);
      const dependent = this.objects.get(uid);
      const before = this.views.get(uid);
      if (!dependent || !before) continue;
      const after = this.buildView(dependent);
      if (derived(after) === derived(before)) continue;
      this.views.set(uid, after);
      this.changes.emit({ type: 'modified', entity: after });
      pending.push(...(this.childrenOf.get(uid) ?? []));
    }
  }

  private defaultsIn(namespace: string | undefined): ContainerDefaults {
    if (!namespace) return NO_DEFAULTS;
    const limitRanges = [...(this.byNamespace.get(namespace) ?? [])].map((uid) => this.objects.get(uid)).filter((o) => o?.kind === 'LimitRange');
    return limitRanges.length === 0 ? NO_DEFAULTS : containerDefaults(limitRanges as KubeObject[]);
  }

  private buildView(object: KubeObject): InventoryEntity {
    const kind = object.kind as WatchedKind;
    const metadata = object.metadata ?? {};
    const uid = metadata.uid ?? '';
    const chain = ownerChain(object, (ownerUid) => this.objects.get(ownerUid), (k, u) => this.uuidOf(k, u));
    const defaults = this.defaultsIn(metadata.namespace);
    const entity: InventoryEntity = {
      uuid: this.uuidOf(kind, uid),
      uid,
      kind,
      apiVersion: object.apiVersion ?? '',
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      name: metadata.name ?? '',
      resourceVersion: metadata.resourceVersion ?? '',
      labels: { ...(metadata.labels ?? {}) },
      ownerChain: chain,
      ...(chain.length > 0 ? { controller: chain[chain.length - 1] } : {}),
      containers: [],
      object,
    };
    if (kind === 'Pod') {
      const owner = chain[0]?.known ? this.objects.get(chain[0].uid) : undefined;
      entity.containers = podContainerViews(object, owner && podTemplateSpec(owner), defaults);
      const status = (isRecord(object.status) ? object.status : {}) as PodStatus;
      entity.qosClass = status.qosClass && QOS_CLASSES.has(status.qosClass) ? (status.qosClass as QosClass) : qosOfViews(entity.containers);
      const nodeName = isRecord(object.spec) && typeof object.spec.nodeName === 'string' ? object.spec.nodeName : undefined;
      if (nodeName) entity.nodeName = nodeName;
      if (status.phase) entity.phase = status.phase;
    } else {
      const template = podTemplateSpec(object);
      if (template) {
        entity.containers = templateContainerViews(template, defaults);
        entity.qosClass = qosOfViews(entity.containers);
      }
    }
    return entity;
  }
}
