import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from './kube-object.ts';
import { getKubeJson, KubeApiError } from './kube-stream.ts';

interface ListResponse {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: KubeObject[];
}

export interface ListResult {
  items: KubeObject[];
  /** The snapshot's resourceVersion, from which a watch continues. */
  resourceVersion: string;
}

export interface ListOptions {
  /** Default 500, as client-go's pager. */
  pageSize?: number;
  pageDeadlineMs?: number;
  signal: AbortSignal;
  /** After each page: how many items so far, and how many the server says remain (when it says). */
  onPage?: (listed: number, remaining: number | undefined) => void;
  /** After this many expired continue tokens in a row, list in one request (client-go's pager falls back the same way). */
  maxExpiredRestarts?: number;
  /**
   * Applied to each item as its page arrives: the raw page becomes garbage at once instead of 10k raw objects
   * (managedFields and all) waiting beside their transformed copies until the last page.
   */
  transform?: (item: KubeObject) => KubeObject;
}

export function isExpired(err: unknown): boolean {
  return err instanceof KubeApiError && (err.status === 410 || err.reason === 'Expired' || err.reason === 'Gone');
}

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function listOnce(kc: KubeConfig, path: string, options: ListOptions, pageSize: number | undefined): Promise<ListResult> {
  const items: KubeObject[] = [];
  let token: string | undefined;
  let resourceVersion = '';
  do {
    const page = await getKubeJson<ListResponse>(kc, {
      path: withQuery(path, { limit: pageSize, continue: token }),
      deadlineMs: options.pageDeadlineMs ?? 60_000,
      signal: options.signal,
    });
    for (const item of page.items ?? []) items.push(options.transform ? options.transform(item) : item);
    resourceVersion = page.metadata?.resourceVersion ?? '';
    token = page.metadata?.continue || undefined;
    options.onPage?.(items.length, page.metadata?.remainingItemCount);
  } while (token);
  return { items, resourceVersion };
}

/**
 * A consistent LIST of a collection, page by page (limit + continue). A continue token can expire (410) when the list
 * takes longer than etcd keeps the snapshot: then the list starts over, since pages of different snapshots must not mix.
 */
export async function listAllPages(kc: KubeConfig, path: string, options: ListOptions): Promise<ListResult> {
  const pageSize = options.pageSize ?? 500;
  const maxRestarts = options.maxExpiredRestarts ?? 3;
  for (let expired = 0; ; expired++) {
    try {
      return await listOnce(kc, path, options, expired < maxRestarts ? pageSize : undefined);
    } catch (err) {
      if (!isExpired(err) || expired >= maxRestarts) throw err;
    }
  }
}
