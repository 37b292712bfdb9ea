// Child process: either one full inventory sync (startInventory → waitUntilSettled) with its wall time, CPU time
// and RSS, or the "parse floor": the pages kubectl receives, fetched once, then only JSON.parse'd.
import { KubeConfig } from '@kubernetes/client-node';
import { startInventory } from '../agent-core/inventory/index.ts';
import { kubeConfigForContext } from '../agent-core/kube/kube-client.ts';
import { resolveContext } from '../agent-core/kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../agent-core/kube/kubeconfig-files.ts';
import { ApiClient } from './api-client.ts';
import { childInput, runAsChild } from './child-side.ts';
import { collectGarbage, maxRssBytes, median, rssBytes, timed } from './measure.ts';

export type InventorySyncInput =
  | { mode: 'sync'; kubeconfig: string; context: string }
  | { mode: 'parse-floor'; kubeconfig: string; context: string; paths: Record<string, string>; pageSize: number; runs: number };

export interface SyncResult {
  wallMs: number;
  cpuMs: number;
  /** RSS of this process before the inventory started (Node, tsx and the modules loaded). */
  baselineRss: number;
  rssAfter: number;
  rssAfterGc: number;
  heapUsedAfterGc: number;
  maxRss: number;
  entities: Record<string, number>;
}

export interface ParseFloorResult {
  /** Per path: pages and bytes, as kubectl receives them (limit + continue). */
  lists: Record<string, { pages: number; bytes: number; items: number }>;
  fetchMs: number;
  /** Median over runs of JSON.parse of every page of each path. */
  parseMs: Record<string, number>;
}

async function sync(input: Extract<InventorySyncInput, { mode: 'sync' }>): Promise<SyncResult> {
  const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig: input.kubeconfig }), input.context));
  collectGarbage();
  const baselineRss = rssBytes();
  const run = await timed(async () => {
    const inventory = await startInventory({ kubeConfig });
    await inventory.waitUntilSettled(600_000);
    return inventory;
  });
  const inventory = run.result;
  const rssAfter = rssBytes();
  collectGarbage();
  const entities: Record<string, number> = {};
  for (const e of inventory.entities()) entities[e.kind] = (entities[e.kind] ?? 0) + 1;
  const result = { wallMs: run.wallMs, cpuMs: run.cpuMs, baselineRss, rssAfter, rssAfterGc: rssBytes(), heapUsedAfterGc: process.memoryUsage().heapUsed, maxRss: maxRssBytes(), entities };
  await inventory.stop();
  return result;
}

async function parseFloor(input: Extract<InventorySyncInput, { mode: 'parse-floor' }>): Promise<ParseFloorResult> {
  const kc = new KubeConfig();
  kc.loadFromFile(input.kubeconfig);
  kc.setCurrentContext(input.context);
  const api = new ApiClient(kc, 4);
  const pages = new Map<string, Buffer[]>();
  const fetched = await timed(async () => {
    for (const [name, path] of Object.entries(input.paths)) {
      const bodies: Buffer[] = [];
      let token: string | undefined;
      do {
        const answer = await api.request('GET', `${path}?limit=${input.pageSize}${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
        if (answer.status !== 200) throw new Error(`GET ${path}: HTTP ${answer.status}`);
        bodies.push(answer.body);
        token = (JSON.parse(answer.body.toString('utf8')) as { metadata?: { continue?: string } }).metadata?.continue || undefined;
      } while (token);
      pages.set(name, bodies);
    }
  });
  api.close();
  const lists: ParseFloorResult['lists'] = {};
  const parseMs: Record<string, number> = {};
  for (const [name, bodies] of pages) {
    let items = 0;
    const runs: number[] = [];
    for (let r = 0; r < input.runs; r++) {
      collectGarbage();
      const t = await timed(() => {
        items = 0;
        for (const body of bodies) items += (JSON.parse(body.toString('utf8')) as { items: unknown[] }).items.length;
      });
      runs.push(t.wallMs);
    }
    lists[name] = { pages: bodies.length, bytes: bodies.reduce((n, b) => n + b.length, 0), items };
    parseMs[name] = median(runs);
  }
  return { lists, fetchMs: fetched.wallMs, parseMs };
}

runAsChild(async () => {
  const input = childInput<InventorySyncInput>();
  return input.mode === 'sync' ? sync(input) : parseFloor(input);
});
