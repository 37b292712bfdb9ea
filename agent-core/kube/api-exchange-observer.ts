import type { KubeConfig } from '@kubernetes/client-node';

/** One request the agent made to the Kubernetes API: never headers, tokens or bodies. */
export interface ApiExchange {
  method: string;
  /** Path and query, e.g. /api/v1/pods?limit=500 */
  path: string;
  /** 0 when no answer came (refused, timed out, reset). */
  status: number;
  durationMs: number;
  /** Why no answer came, or the Kubernetes Status reason. */
  error?: string;
  /** A watch reports once when its stream ends. */
  watch?: boolean;
}

export type ApiExchangeObserver = (exchange: ApiExchange) => void;

const observers = new WeakMap<KubeConfig, Set<ApiExchangeObserver>>();

/**
 * Every code path that talks to the API server for a KubeConfig reports through here, so verbose
 * mode can log all of them in one place. Returns an unsubscribe function.
 */
export function observeApiExchanges(kc: KubeConfig, observer: ApiExchangeObserver): () => void {
  let set = observers.get(kc);
  if (!set) observers.set(kc, (set = new Set()));
  set.add(observer);
  return () => set.delete(observer);
}

export function reportApiExchange(kc: KubeConfig, exchange: ApiExchange): void {
  const set = observers.get(kc);
  if (!set) return;
  for (const observer of set) observer(exchange);
}

/** Times one exchange: call the returned function with the outcome. */
export function startApiExchange(kc: KubeConfig, method: string, path: string, watch = false) {
  const started = performance.now();
  return (status: number, error?: string) =>
    reportApiExchange(kc, { method, path, status, durationMs: Math.round((performance.now() - started) * 10) / 10, ...(error ? { error } : {}), ...(watch ? { watch } : {}) });
}
