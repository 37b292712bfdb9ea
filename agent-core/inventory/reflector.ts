import type { KubeConfig } from '@kubernetes/client-node';
import { abortableSleep } from './abortable-sleep.ts';
import type { ServedResource } from './api-discovery.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import type { KubeObject, KubeStatus } from './kube-object.ts';
import { KubeApiError } from './kube-stream.ts';
import { isExpired, listAllPages } from './list-pager.ts';
import { streamWatch, type WatchEnd } from './watch-stream.ts';

/** Where the objects of one kind go. Every object handed over has been through the reflector's transform. */
export interface ReflectorStore {
  /** The complete set after a LIST (the first one, or a relist after 410 Gone or in periodic-relist mode). */
  replace(objects: KubeObject[], resourceVersion: string): void;
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): void;
}

export type ReflectorState =
  | 'listing'
  | 'watching'
  /** Watch is not allowed: the kind is listed again every relistIntervalMs, so changes show up late. */
  | 'relisting-periodically'
  | 'backing-off'
  /** List was refused (403); retried with backoff in case access is granted. */
  | 'forbidden'
  | 'stopped';

export interface ReflectorError {
  message: string;
  /** The HTTP status, when the server answered. */
  status?: number;
}

export interface ReflectorStatus {
  kind: ServedResource['kind'];
  apiVersion: string;
  state: ReflectorState;
  /** Items received by the LIST in progress, or by the last complete one. */
  listed: number;
  /** What the server says is still to come in the LIST in progress. */
  remaining?: number;
  /** A complete LIST has been stored at least once. */
  synced: boolean;
  /** False once the server refused a watch (403): the reflector relists periodically instead. */
  watchAllowed: boolean;
  /** LISTs after the first one (410 Gone, periodic relists). */
  relists: number;
  resourceVersion: string;
  lastError?: ReflectorError;
}

export interface ReflectorOptions {
  kubeConfig: KubeConfig;
  resource: ServedResource;
  store: ReflectorStore;
  /** Applied to every object before the store sees it: list items, watch events and relists alike. */
  transform?: (object: KubeObject) => KubeObject;
  onStatus?: (status: ReflectorStatus) => void;
  /** False when an access review already said watch is denied: list periodically from the start. */
  watch?: boolean;
  /** How often to relist when watching is not allowed (default 5 min). */
  relistIntervalMs?: number;
  /** The server-side timeout of each watch (default random in [300, 600) s, as client-go, to spread reconnects). */
  watchTimeoutSeconds?: () => number;
  /** Added to timeoutSeconds for the client-side deadline that catches a silently dead connection (default 30 s). */
  watchDeadlineGraceMs?: number;
  backoff?: BackoffOptions;
  /** How often to try again after list was refused (default 5 min: permissions rarely change, audit logs need not fill). */
  forbiddenRetryMs?: number;
  pageSize?: number;
  /** Skip the first LIST and watch from this resourceVersion (state already held elsewhere); 410 then relists. */
  resumeFrom?: string;
}

// client-go treats a watch that ends within a second without a single event as a failure, not a timeout.
const SHORT_WATCH_MS = 1_000;

class WatchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

class WatchExpired extends WatchError {
  constructor(status: KubeStatus) {
    super(status.message ?? 'the watch resourceVersion is too old (410 Gone)', 410);
  }
}

function describeError(err: unknown): ReflectorError {
  if (err instanceof KubeApiError) return { message: err.message, status: err.status };
  if (err instanceof WatchError) return { message: err.message, ...(err.status === undefined ? {} : { status: err.status }) };
  return { message: err instanceof Error ? err.message : String(err) };
}

const isForbidden = (err: unknown) => err instanceof KubeApiError && err.status === 403;
const isTooLargeResourceVersion = (err: unknown) => err instanceof KubeApiError && /too large resource version/i.test(err.detail);

/**
 * Keeps a store in step with one kind of object the way client-go's Reflector does: a paginated LIST, then a WATCH
 * from the list's resourceVersion with bookmarks, resumed from the last resourceVersion seen whenever it ends, and a
 * fresh LIST when the server says that resourceVersion is gone (410). Failures back off exponentially with jitter and
 * honour Retry-After; a 403 on watch falls back to periodic relists, a 403 on list is retried — never a crash loop.
 */
export class Reflector {
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private readonly status: ReflectorStatus;
  private running: Promise<void> | undefined;
  private needsList: boolean;

  constructor(private readonly options: ReflectorOptions) {
    this.backoff = new Backoff(options.backoff);
    this.needsList = options.resumeFrom === undefined;
    this.status = {
      kind: options.resource.kind,
      apiVersion: options.resource.apiVersion,
      state: 'listing',
      listed: 0,
      synced: false,
      watchAllowed: options.watch ?? true,
      relists: 0,
      resourceVersion: options.resumeFrom ?? '',
    };
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Ends the LIST or WATCH in flight and any wait; resolves once nothing of this reflector runs. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.update({ state: 'stopped' });
  }

  snapshot(): ReflectorStatus {
    return { ...this.status, ...(this.status.lastError ? { lastError: { ...this.status.lastError } } : {}) };
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private update(change: Partial<ReflectorStatus>): void {
    Object.assign(this.status, change);
    if (change.lastError === undefined && 'lastError' in change) delete this.status.lastError;
    try {
      this.options.onStatus?.(this.snapshot());
    } catch {
      // A status listener's failure is its own; the reflector must keep running (and stop() must still settle).
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.needsList) await this.list();
        if (this.stopped) break;
        if (this.status.watchAllowed) await this.watch();
        else await this.waitToRelist();
      } catch (err) {
        if (this.stopped) break;
        await this.recover(err);
      }
    }
  }

  private decode(object: KubeObject): KubeObject {
    // Items of a LIST carry no apiVersion and kind; the store wants every object to say what it is.
    const typed = { ...object, apiVersion: this.options.resource.apiVersion, kind: this.options.resource.kind };
    return this.options.transform ? this.options.transform(typed) : typed;
  }

  private async list(): Promise<void> {
    this.update({ state: 'listing', listed: 0, remaining: undefined });
    const { items, resourceVersion } = await listAllPages(this.options.kubeConfig, this.options.resource.collectionPath, {
      pageSize: this.options.pageSize,
      signal: this.abort.signal,
      onPage: (listed, remaining) => this.update({ listed, remaining }),
      transform: (item) => this.decode(item),
    });
    if (this.stopped) return;
    this.options.store.replace(items, resourceVersion);
    this.needsList = false;
    this.update({
      listed: items.length,
      remaining: undefined,
      synced: true,
      resourceVersion,
      relists: this.status.synced ? this.status.relists + 1 : this.status.relists,
      lastError: undefined,
    });
  }

  private async waitToRelist(): Promise<void> {
    this.update({ state: 'relisting-periodically' });
    await abortableSleep(this.options.relistIntervalMs ?? 300_000, this.abort.signal);
    this.needsList = true;
  }

  private watchPath(timeoutSeconds: number): string {
    const query = new URLSearchParams({
      watch: '1',
      resourceVersion: this.status.resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(timeoutSeconds),
    });
    return `${this.options.resource.collectionPath}?${query}`;
  }

  /** One watch, until it ends; a watch that ends quickly without events counts as a failure (backoff). */
  private async watch(): Promise<void> {
    const timeoutSeconds = Math.round(this.options.watchTimeoutSeconds?.() ?? 300 * (1 + Math.random()));
    const started = Date.now();
    let expired: KubeStatus | undefined;
    let failed: KubeStatus | undefined;
    this.update({ state: 'watching' });
    const end: WatchEnd = await streamWatch(this.options.kubeConfig, {
      path: this.watchPath(timeoutSeconds),
      onOpen: () => this.status.lastError && this.update({ lastError: undefined }),
      deadlineMs: timeoutSeconds * 1000 + (this.options.watchDeadlineGraceMs ?? 30_000),
      signal: this.abort.signal,
      onEvent: (event) => {
        if (event.type === 'ERROR') {
          if (event.object.code === 410 || event.object.reason === 'Expired' || event.object.reason === 'Gone') expired = event.object;
          else failed = event.object;
          return 'stop';
        }
        const resourceVersion = event.object.metadata?.resourceVersion;
        if (event.type !== 'BOOKMARK') this.options.store.apply(event.type, this.decode(event.object));
        if (resourceVersion) this.status.resourceVersion = resourceVersion;
      },
    });
    if (this.stopped) return;
    if (expired) throw new WatchExpired(expired);
    if (failed) throw new WatchError(`the watch reported an error: ${failed.message ?? failed.reason ?? 'unknown'}`, failed.code);
    if (end.how === 'undecodable' || end.how === 'consumer-failed') throw end.error;
    if (end.events === 0 && Date.now() - started < SHORT_WATCH_MS) {
      throw new WatchError(end.how === 'dropped' ? `the watch connection dropped at once: ${describeError(end.error).message}` : 'the watch ended at once without events');
    }
    // A clean end (timeoutSeconds passed) or a connection dropped after a while: resume from the last resourceVersion.
  }

  private async recover(err: unknown): Promise<void> {
    const lastError = describeError(err);
    if (err instanceof WatchExpired || isExpired(err) || isTooLargeResourceVersion(err)) {
      this.needsList = true;
    } else if (isForbidden(err) && !this.needsList) {
      // Allowed to list but not to watch: keep the specs fresh by listing now and then instead.
      this.update({ watchAllowed: false, lastError });
      return;
    }
    const retryAfter = err instanceof KubeApiError ? err.retryAfterMs : undefined;
    const forbidden = isForbidden(err);
    this.update({ state: forbidden ? 'forbidden' : 'backing-off', lastError });
    const delay = this.backoff.nextDelayMs(retryAfter);
    await abortableSleep(forbidden ? Math.max(delay, this.options.forbiddenRetryMs ?? 300_000) : delay, this.abort.signal);
  }
}
