import type { V1Pod, V1PodList } from '@kubernetes/client-node';
import { KubeApiError, type KubeApi, type WatchEvent } from './kube-api.ts';

export interface PodSink {
  /** A pod bound to the node was listed, added or modified. */
  podChanged(pod: V1Pod): void;
  /** The pod no longer exists. */
  podGone(pod: V1Pod): void;
}

/** Bound pods only: a kubelet never cares about pods still waiting for the scheduler. */
const BOUND_PODS = 'fieldSelector=' + encodeURIComponent('spec.nodeName!=');
const PAGE_SIZE = 500;
const WATCH_TIMEOUT_SECONDS = 300;
const MAX_BACKOFF_MS = 30_000;

class ResourceVersionGone extends Error {}

/**
 * One list+watch of bound pods for the whole fleet, dispatched by spec.nodeName: a watch per simulated
 * node would cost the API server hundreds of watchers. Lists again after 410 Gone and reconnects with
 * back-off after errors, reporting pods that vanished meanwhile.
 */
export class SharedPodWatch {
  readonly #api: Pick<KubeApi, 'get' | 'watch'>;
  readonly #sinkFor: (nodeName: string) => PodSink | undefined;
  readonly #log: (msg: string) => void;
  readonly #abort = new AbortController();
  /** uid → the pod as last seen, to report deletions missed while disconnected. */
  readonly #known = new Map<string, V1Pod>();
  #resourceVersion: string | undefined;
  #running: Promise<void> | undefined;

  constructor(api: Pick<KubeApi, 'get' | 'watch'>, sinkFor: (nodeName: string) => PodSink | undefined, log: (msg: string) => void) {
    this.#api = api;
    this.#sinkFor = sinkFor;
    this.#log = log;
  }

  /** Resolves once the first list has been dispatched. */
  start(): Promise<void> {
    return new Promise((listed, failed) => {
      this.#running = this.#run(listed).catch(failed);
    });
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running;
  }

  async #run(listed: () => void): Promise<void> {
    let backoffMs = 500;
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      try {
        if (this.#resourceVersion === undefined) {
          await this.#list();
          listed();
        }
        await this.#watch(signal);
        backoffMs = 500;
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof ResourceVersionGone) {
          this.#resourceVersion = undefined;
          continue;
        }
        this.#log(`pod watch: ${(err as Error).message}; retrying in ${backoffMs} ms`);
        await sleep(backoffMs, signal);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      }
    }
  }

  async #list(): Promise<void> {
    const seen = new Set<string>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.#api.get<V1PodList>(
        `/api/v1/pods?${BOUND_PODS}&limit=${PAGE_SIZE}${continueToken ? `&continue=${encodeURIComponent(continueToken)}` : ''}`,
      );
      for (const pod of page.items) {
        seen.add(pod.metadata!.uid!);
        this.#changed(pod);
      }
      continueToken = page.metadata?._continue;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (continueToken);
    for (const [uid, pod] of this.#known) if (!seen.has(uid)) this.#gone(pod);
    this.#resourceVersion = resourceVersion;
  }

  async #watch(signal: AbortSignal): Promise<void> {
    const path =
      `/api/v1/pods?watch=true&${BOUND_PODS}&allowWatchBookmarks=true&timeoutSeconds=${WATCH_TIMEOUT_SECONDS}` +
      `&resourceVersion=${encodeURIComponent(this.#resourceVersion ?? '')}`;
    await this.#api.watch<V1Pod>(path, (event) => this.#onEvent(event), signal);
  }

  #onEvent(event: WatchEvent<V1Pod>): void {
    if (event.type === 'ERROR') {
      const status = event.object as { code?: number; message?: string };
      if (status.code === 410) throw new ResourceVersionGone(status.message);
      throw new KubeApiError(status.code ?? 0, 'WatchError', status.message ?? 'watch error event');
    }
    this.#resourceVersion = event.object.metadata?.resourceVersion ?? this.#resourceVersion;
    if (event.type === 'DELETED') this.#gone(event.object);
    else if (event.type !== 'BOOKMARK') this.#changed(event.object);
  }

  #changed(pod: V1Pod): void {
    const sink = this.#sinkFor(pod.spec!.nodeName!);
    if (!sink) return;
    this.#known.set(pod.metadata!.uid!, pod);
    sink.podChanged(pod);
  }

  #gone(pod: V1Pod): void {
    if (!this.#known.delete(pod.metadata!.uid!)) return;
    this.#sinkFor(pod.spec?.nodeName ?? '')?.podGone(pod);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
