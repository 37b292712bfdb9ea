import crypto from 'node:crypto';
import { alreadyExists, conflict, notFound } from './api-error.ts';
import { type KubeObject } from './kube-object.ts';

/** One stored object and its serialization, made once per write and shared by every list and watch. */
export interface StoredObject {
  readonly object: KubeObject;
  readonly json: string;
  readonly rv: number;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: EventType;
  /** The storage bucket, "group/resource". */
  storage: string;
  namespace: string;
  object: KubeObject;
  json: string;
  /** The object before this change (MODIFIED and DELETED). */
  previous?: KubeObject;
}

export interface StoreOptions {
  /** Events kept per storage bucket for watches from an older resourceVersion (older ones get 410 Gone). */
  historySize?: number;
}

interface Bucket {
  /** namespace → name → object */
  byNamespace: Map<string, Map<string, StoredObject>>;
  count: number;
  sorted?: StoredObject[];
  history: StoreEvent[];
  /** Events up to this resourceVersion have left the history. */
  evictedThrough: number;
}

/**
 * The server's etcd: objects by storage bucket and namespace, one global resourceVersion counter, and a
 * bounded history of changes per bucket for watches. Writers pass finished objects; the store stamps
 * resourceVersion (and uid, creationTimestamp on create) and tells its listeners synchronously.
 */
export class ObjectStore {
  #rv = 1;
  readonly #buckets = new Map<string, Bucket>();
  readonly #listeners = new Set<(event: StoreEvent) => void>();
  readonly #historySize: number;

  constructor(opts: StoreOptions = {}) {
    this.#historySize = opts.historySize ?? 10_000;
  }

  get resourceVersion(): number {
    return this.#rv;
  }

  #bucket(storage: string): Bucket {
    let b = this.#buckets.get(storage);
    if (!b) this.#buckets.set(storage, (b = { byNamespace: new Map(), count: 0, history: [], evictedThrough: 0 }));
    return b;
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get(storage: string, namespace: string, name: string): StoredObject | undefined {
    return this.#buckets.get(storage)?.byNamespace.get(namespace)?.get(name);
  }

  /** Sorted by namespace then name, as etcd's key order. */
  list(storage: string, namespace?: string): StoredObject[] {
    const b = this.#buckets.get(storage);
    if (!b) return [];
    if (namespace !== undefined) {
      const names = b.byNamespace.get(namespace);
      if (!names) return [];
      return [...names.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, o]) => o);
    }
    if (!b.sorted) {
      const all: [string, StoredObject][] = [];
      for (const [ns, names] of b.byNamespace) for (const [name, o] of names) all.push([`${ns}/${name}`, o]);
      b.sorted = all.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, o]) => o);
    }
    return b.sorted;
  }

  count(storage: string): number {
    return this.#buckets.get(storage)?.count ?? 0;
  }

  /** The events of a bucket after `rv`, or undefined when some of them have left the history. */
  eventsSince(storage: string, rv: number): StoreEvent[] | undefined {
    const b = this.#bucket(storage);
    if (rv < b.evictedThrough) return undefined;
    // History is in rv order: binary search for the first event after rv.
    let lo = 0;
    let hi = b.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b.history[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return b.history.slice(lo);
  }

  /** Stores a new object: uid, creationTimestamp and resourceVersion are stamped here. */
  create(storage: string, group: string, resource: string, object: KubeObject): StoredObject {
    const ns = object.metadata.namespace ?? '';
    const name = object.metadata.name!;
    if (this.get(storage, ns, name)) throw alreadyExists(group, resource, name);
    const rv = ++this.#rv;
    object.metadata.uid ??= crypto.randomUUID();
    object.metadata.creationTimestamp ??= new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    object.metadata.resourceVersion = String(rv);
    const stored = { object, json: JSON.stringify(object), rv };
    const b = this.#bucket(storage);
    let names = b.byNamespace.get(ns);
    if (!names) b.byNamespace.set(ns, (names = new Map()));
    names.set(name, stored);
    b.count++;
    b.sorted = undefined;
    this.#emit(b, { rv, type: 'ADDED', storage, namespace: ns, object, json: stored.json });
    return stored;
  }

  /** Replaces an object; `expectRv` (when given) must equal the stored resourceVersion, else 409 Conflict. */
  update(storage: string, group: string, resource: string, object: KubeObject, expectRv?: string): StoredObject {
    const ns = object.metadata.namespace ?? '';
    const name = object.metadata.name!;
    const current = this.get(storage, ns, name);
    if (!current) throw notFound(group, resource, name);
    if (expectRv !== undefined && expectRv !== '' && expectRv !== String(current.rv)) throw conflict(group, resource, name);
    const rv = ++this.#rv;
    object.metadata.resourceVersion = String(rv);
    const stored = { object, json: JSON.stringify(object), rv };
    const b = this.#bucket(storage);
    b.byNamespace.get(ns)!.set(name, stored);
    if (b.sorted) b.sorted = undefined;
    this.#emit(b, { rv, type: 'MODIFIED', storage, namespace: ns, object, json: stored.json, previous: current.object });
    return stored;
  }

  delete(storage: string, group: string, resource: string, namespace: string, name: string): StoredObject {
    const current = this.get(storage, namespace, name);
    if (!current) throw notFound(group, resource, name);
    const rv = ++this.#rv;
    // The DELETED event carries the object at the deletion's resourceVersion, as the real server's does.
    const object = { ...current.object, metadata: { ...current.object.metadata, resourceVersion: String(rv) } };
    const stored = { object, json: JSON.stringify(object), rv };
    const b = this.#bucket(storage);
    const names = b.byNamespace.get(namespace)!;
    names.delete(name);
    if (names.size === 0) b.byNamespace.delete(namespace);
    b.count--;
    b.sorted = undefined;
    this.#emit(b, { rv, type: 'DELETED', storage, namespace, object, json: stored.json, previous: current.object });
    return stored;
  }

  #emit(b: Bucket, event: StoreEvent): void {
    b.history.push(event);
    if (b.history.length > this.#historySize) {
      const dropped = b.history.splice(0, b.history.length - this.#historySize);
      b.evictedThrough = dropped[dropped.length - 1]!.rv;
    }
    for (const listener of this.#listeners) listener(event);
  }

  /** Forgets the whole history (as a restarted server's empty watch cache): watches from before now get 410. */
  compactHistory(): void {
    for (const b of this.#buckets.values()) {
      b.history = [];
      b.evictedThrough = this.#rv;
    }
  }
}
