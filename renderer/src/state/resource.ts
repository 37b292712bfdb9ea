import { useEffect } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { AppError } from '../../../agent-core/contract/app-contract.ts';
import type { ContractClient } from '../../../agent-core/contract/contract-client.ts';
import { toAppError } from './app-error.ts';
import { currentClient } from './connection-store.ts';

export interface ResourceState<T> {
  data: T | null;
  /** The last request's failure; data (if any) is then what the previous request returned. */
  error: AppError | null;
  loading: boolean;
  /** Which parameters `data` answers: data for other parameters is never shown as current. */
  key: string | null;
}

export interface Resource<P, T> {
  readonly keyOf: (params: P) => string;
  readonly use: UseBoundStore<StoreApi<ResourceState<T>>>;
  /** Keeps the resource loaded for `params` while the returned function has not been called. */
  watch(params: P): () => void;
  /** Refetches (at most about once a second) if someone watches; otherwise the next watch refetches. */
  refresh(): void;
  /** Refetches if the last request failed (or was cut off by a dropped connection). */
  retry(): void;
  /** Forgets everything, e.g. when the session switches to another cluster. */
  reset(): void;
}

/** ContractClient's code for a request cut off by a dropped socket. */
const DISCONNECTED = 'disconnected';

/** Events can arrive many times a second; the screens need at most one refetch per second. */
const MIN_REFRESH_INTERVAL_MS = 1000;

const registry = new Set<Resource<never, unknown>>();

/**
 * One piece of server data: fetched when a screen watches it, refetched when an event says it changed, with
 * answers to superseded parameters dropped so a slow old answer never overwrites a newer one.
 */
export function createResource<P, T>(fetch: (client: ContractClient, params: P) => Promise<T>, keyOf: (params: P) => string): Resource<P, T> {
  const use = create<ResourceState<T>>(() => ({ data: null, error: null, loading: false, key: null }));
  let params: P | null = null;
  let key: string | null = null;
  let watchers = 0;
  let stale = false;
  let generation = 0;
  let inFlight = false;
  let queued = false;
  let lastStart = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cutOff = false;

  const fetchNow = () => {
    clearTimeout(timer);
    timer = undefined;
    const client = currentClient();
    if (params === null || key === null || !client) return;
    const requestKey = key;
    const requestGeneration = ++generation;
    inFlight = true;
    queued = false;
    cutOff = false;
    stale = false;
    lastStart = Date.now();
    // Data for other parameters stays (under its own key) until the answer comes: useResource decides whether
    // it may stand in meanwhile.
    use.setState((s) => (s.key === requestKey ? { loading: true } : { error: null, loading: true }));
    fetch(client, params).then(
      (data) => {
        if (requestGeneration === generation) use.setState({ data, error: null, loading: false, key: requestKey });
      },
      (err: unknown) => {
        if (requestGeneration !== generation) return;
        const error = toAppError(err);
        if (error.code === DISCONNECTED) {
          // Not this resource's failure: the connection banner says what is wrong, and the reconnect refetches.
          cutOff = true;
          return;
        }
        use.setState({ error, loading: false, key: requestKey });
      },
    ).finally(() => {
      if (requestGeneration !== generation) return;
      inFlight = false;
      if (queued) scheduleRefresh();
    });
  };

  const scheduleRefresh = () => {
    if (inFlight) {
      queued = true;
      return;
    }
    if (timer !== undefined) return;
    const wait = lastStart + MIN_REFRESH_INTERVAL_MS - Date.now();
    if (wait <= 0) fetchNow();
    else timer = setTimeout(fetchNow, wait);
  };

  const resource: Resource<P, T> = {
    keyOf,
    use,
    watch(next) {
      const nextKey = keyOf(next);
      watchers++;
      if (nextKey !== key) {
        params = next;
        key = nextKey;
        // New parameters are the user's doing: fetch right away, and drop any answer still on its way.
        generation++;
        inFlight = false;
        fetchNow();
      } else if (stale || use.getState().data === null) {
        fetchNow();
      }
      return () => {
        watchers--;
      };
    },
    refresh() {
      if (key === null) return;
      if (watchers > 0) scheduleRefresh();
      else stale = true;
    },
    retry() {
      if (cutOff || use.getState().error !== null) resource.refresh();
    },
    reset() {
      generation++;
      cutOff = false;
      clearTimeout(timer);
      timer = undefined;
      params = null;
      key = null;
      inFlight = false;
      queued = false;
      stale = false;
      use.setState({ data: null, error: null, loading: false, key: null });
    },
  };
  registry.add(resource as Resource<never, unknown>);
  return resource;
}

/** Refetches every watched resource (after a reconnect, or the "reload data" menu command). */
export function refreshAllResources(options: { onlyFailed?: boolean } = {}): void {
  for (const resource of registry) {
    if (options.onlyFailed) resource.retry();
    else resource.refresh();
  }
}

export function resetAllResources(): void {
  for (const resource of registry) resource.reset();
}

/**
 * Watches `resource` for `params` while the component is mounted; null params watch nothing. `standIn` says
 * whether data fetched for other parameters may show while these load (e.g. charts at another width).
 */
export function useResource<P, T>(resource: Resource<P, T>, params: P | null, standIn?: (shownKey: string, wantedKey: string) => boolean): ResourceState<T> {
  const paramsKey = params === null ? null : resource.keyOf(params);
  useEffect(() => {
    if (params === null) return;
    return resource.watch(params);
    // paramsKey stands for params: a new object with the same key must not refetch.
  }, [resource, paramsKey]);
  const state = resource.use();
  // Data for other parameters (e.g. the previous workload) is not this screen's data.
  if (state.key !== paramsKey) {
    if (state.data !== null && state.key !== null && paramsKey !== null && standIn?.(state.key, paramsKey)) return { ...state, loading: true };
    return { data: null, error: null, loading: paramsKey !== null, key: paramsKey };
  }
  return state;
}
