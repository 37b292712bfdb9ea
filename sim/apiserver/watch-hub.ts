import type { ServerResponse } from 'node:http';
import type { KubeObject } from './kube-object.ts';
import { convertTo } from './version-conversion.ts';
import type { ObjectStore, StoreEvent, StoredObject } from './object-store.ts';
import type { Matcher } from './selectors.ts';

export interface WatchRequest {
  storage: string;
  /** Serves objects at this apiVersion (rewritten when the stored one differs). */
  apiVersion: string;
  kind: string;
  namespace?: string;
  name?: string;
  label?: Matcher;
  field?: Matcher;
  bookmarks: boolean;
  timeoutMs: number;
  /** Events after this resourceVersion; undefined: the current state as ADDED events first. */
  sinceRv?: number;
  /** Renders an event's object some other way (a Table for `kubectl get -w`); default: the object's JSON. */
  render?: (object: KubeObject, first: boolean) => string;
}

/** Per-run hooks the fault injector uses to cut watches short. */
export interface WatchFaults {
  /** Called before each event; true ends the watch (the connection closes without a final chunk). */
  dropNow(): boolean;
}

interface Watcher {
  req: WatchRequest;
  res: ServerResponse;
  faults?: WatchFaults;
  close(): void;
}

const BOOKMARK_INTERVAL_MS = 5_000;

/** Streams store events to watch requests as chunked JSON lines, with bookmarks and timeouts. */
export class WatchHub {
  readonly #byStorage = new Map<string, Set<Watcher>>();

  constructor(private readonly store: ObjectStore) {
    store.onEvent((e) => this.#dispatch(e));
  }

  get watcherCount(): number {
    let n = 0;
    for (const s of this.#byStorage.values()) n += s.size;
    return n;
  }

  #matches(req: WatchRequest, o: KubeObject | undefined): boolean {
    if (!o) return false;
    if (req.namespace !== undefined && (o.metadata.namespace ?? '') !== req.namespace) return false;
    if (req.name !== undefined && o.metadata.name !== req.name) return false;
    if (req.label && !req.label(o)) return false;
    if (req.field && !req.field(o)) return false;
    return true;
  }

  readonly #rendered = new WeakSet<WatchRequest>();

  #line(req: WatchRequest, type: string, object: KubeObject, json: string): string {
    let body: string;
    if (req.render) {
      body = req.render(object, !this.#rendered.has(req));
      this.#rendered.add(req);
    } else body = object.apiVersion === req.apiVersion || object.apiVersion === undefined ? json : JSON.stringify(convertTo(object, req.apiVersion));
    return `{"type":"${type}","object":${body}}\n`;
  }

  #send(w: Watcher, e: StoreEvent): void {
    const now = this.#matches(w.req, e.object);
    const before = e.type === 'MODIFIED' ? this.#matches(w.req, e.previous) : now;
    let type: string | undefined;
    if (e.type === 'MODIFIED') type = now && before ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : undefined;
    else type = now ? e.type : undefined;
    if (!type) return;
    if (w.faults?.dropNow()) {
      w.close();
      return;
    }
    w.res.write(this.#line(w.req, type, e.object, e.json));
  }

  #dispatch(e: StoreEvent): void {
    const watchers = this.#byStorage.get(e.storage);
    if (!watchers) return;
    for (const w of watchers) this.#send(w, e);
  }

  /**
   * Starts a watch on an open 200 response. Throws nothing: a too-old resourceVersion is answered, as the
   * real server does, with one ERROR event carrying a 410 Status, after which the stream ends.
   */
  watch(req: WatchRequest, res: ServerResponse, faults?: WatchFaults): void {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'cache-control': 'no-cache, private' });
    res.flushHeaders();
    let backlog: StoreEvent[] | undefined;
    let initial: StoredObject[] = [];
    if (req.sinceRv === undefined) {
      initial = this.store.list(req.storage, req.namespace);
    } else {
      backlog = this.store.eventsSince(req.storage, req.sinceRv);
      if (!backlog) {
        const status = {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${req.sinceRv} (${this.store.resourceVersion})`,
          reason: 'Expired',
          code: 410,
        };
        res.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
        return;
      }
    }
    let closed = false;
    const timers: NodeJS.Timeout[] = [];
    const watcher: Watcher = {
      req,
      res,
      faults,
      close: () => {
        if (closed) return;
        closed = true;
        for (const t of timers) clearTimeout(t);
        this.#byStorage.get(req.storage)?.delete(watcher);
        // A dropped watch: what was sent arrives, then the connection closes without the chunked terminator,
        // as when a load balancer or a restarting server cuts it.
        const socket = res.socket;
        if (!socket) return void res.destroy();
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      },
    };
    for (const o of initial) {
      if (!this.#matches(req, o.object)) continue;
      if (faults?.dropNow()) {
        watcher.close();
        return;
      }
      res.write(this.#line(req, 'ADDED', o.object, o.json));
    }
    for (const e of backlog ?? []) this.#send(watcher, e);
    if (closed) return;
    let set = this.#byStorage.get(req.storage);
    if (!set) this.#byStorage.set(req.storage, (set = new Set()));
    set.add(watcher);
    const end = () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      this.#byStorage.get(req.storage)?.delete(watcher);
      res.end();
    };
    timers.push(setTimeout(end, req.timeoutMs));
    if (req.bookmarks) {
      const bookmark = () => {
        if (closed) return;
        res.write(`{"type":"BOOKMARK","object":{"kind":"${req.kind}","apiVersion":"${req.apiVersion}","metadata":{"resourceVersion":"${this.store.resourceVersion}","creationTimestamp":null}}}\n`);
        timers.push(setTimeout(bookmark, BOOKMARK_INTERVAL_MS));
      };
      timers.push(setTimeout(bookmark, BOOKMARK_INTERVAL_MS));
    }
    res.on('close', () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      this.#byStorage.get(req.storage)?.delete(watcher);
    });
  }

  /** Ends every watch (a server restart). */
  closeAll(): void {
    for (const set of this.#byStorage.values()) for (const w of [...set]) w.close();
  }
}
