import { describe, expect, it } from 'vitest';
import type { Inventory, InventoryEntity } from '../inventory/index.ts';
import { openMetricsStore } from '../store/index.ts';
import { MIB, WEB, minuteAt, sampleAt } from '../store/testing/samples.ts';
import { useTempDirs } from '../store/testing/temp-dir.ts';
import { LiveRecommendations } from './live-recommendations.ts';

const tempDir = useTempDirs();
const KEY = 'shop/web-1/app';

/** The one workload the store's samples belong to, as the inventory would hold it. */
function inventoryWithWeb(): Inventory {
  const web = {
    uid: WEB.uid,
    kind: 'Deployment',
    namespace: 'shop',
    name: 'web',
    ownerChain: [],
    containers: [{ name: 'app', init: false, requests: { cpu: { value: '500m', source: 'spec' }, memory: { value: '128Mi', source: 'spec' } }, limits: { cpu: { value: '1', source: 'spec' }, memory: { value: '256Mi', source: 'spec' } } }],
  } as unknown as InventoryEntity;
  return { entities: () => [web], entity: (uid: string) => (uid === WEB.uid ? web : undefined) } as unknown as Inventory;
}

describe('live recommendations', () => {
  it('learn each stored minute once, and an OOM kill recorded after its minutes were fed still counts', () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    const live = new LiveRecommendations(store, inventoryWithWeb(), { persist: false });
    for (let n = 0; n < 40; n++) store.write({ containers: [sampleAt(KEY, n)] });
    live.update();
    const first = live.current().find((r) => r.containerName === 'app')!;
    // Minutes 0..36: the newest (39) and the two before it are left to settle.
    expect(first.evidence.coverage.minutes).toBe(37);
    expect(first.evidence.ooms.count).toBe(0);

    // The collector reports the kill when it sees the restart, after minute 10 was already fed.
    store.recordEvents([{ time: minuteAt(10) + 5_000, kind: 'OOMKilled', namespace: 'shop', pod: 'web-1', container: 'app', detail: 'OOMKilled' }]);
    for (let n = 40; n < 45; n++) store.write({ containers: [sampleAt(KEY, n, { memoryWorkingSetBytes: 200 * MIB })] });
    live.update();
    live.update();
    const second = live.current().find((r) => r.containerName === 'app')!;
    expect(second.evidence.coverage.minutes).toBe(42);
    expect(second.evidence.ooms.count).toBe(1);
    store.close();
  });

  it('reuses a recommendation only while no minute arrived and its resources, replicas and HPA stay the same', () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    const inventory = inventoryWithWeb();
    const live = new LiveRecommendations(store, inventory, { persist: false });
    for (let n = 0; n < 40; n++) store.write({ containers: [sampleAt(KEY, n)] });
    live.update();
    const first = live.current().find((r) => r.containerName === 'app')!;
    live.update();
    const idle = live.current().find((r) => r.containerName === 'app')!;
    expect(idle.id).toBe(first.id);
    expect(idle.evidence).toBe(first.evidence);

    // Someone lowered the memory limit: the same minutes, a different current, so recomputed.
    const app = inventory.entity(WEB.uid)!.containers[0]!;
    (app.limits as Record<string, unknown>).memory = { value: '64Mi', source: 'spec' };
    live.update();
    const edited = live.current().find((r) => r.containerName === 'app')!;
    expect(edited.current.memLimit).toBe(64 * MIB);
    expect(edited.evidence).not.toBe(first.evidence);

    // A new minute: recomputed with it.
    for (let n = 40; n < 42; n++) store.write({ containers: [sampleAt(KEY, n)] });
    live.update();
    expect(live.current().find((r) => r.containerName === 'app')!.evidence.coverage.minutes).toBe(first.evidence.coverage.minutes + 2);
    store.close();
  });

  it('an OOM kill after the last minute of a chunk waits for the next chunk instead of being lost', () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    const live = new LiveRecommendations(store, inventoryWithWeb(), { persist: false });
    // Minutes 0..19, then a gap: the container was killed at minute 22 and has no sample until minute 25.
    for (let n = 0; n < 20; n++) store.write({ containers: [sampleAt(KEY, n)] });
    store.write({ containers: [], nodes: [{ nodeName: 'n1', minute: minuteAt(24), cpuCores: 1, memoryWorkingSetBytes: 1, memoryRssBytes: 1 }] });
    store.recordEvents([{ time: minuteAt(21) + 5_000, kind: 'OOMKilled', namespace: 'shop', pod: 'web-1', container: 'app', detail: 'OOMKilled' }]);
    live.update();
    expect(live.current().find((r) => r.containerName === 'app')!.evidence.ooms.count).toBe(0);
    for (let n = 25; n < 30; n++) store.write({ containers: [sampleAt(KEY, n)] });
    live.update();
    expect(live.current().find((r) => r.containerName === 'app')!.evidence.ooms.count).toBe(1);
    store.close();
  });

  it('resolves a replaced id to its container\'s current recommendation, for the last few ids only', () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    const live = new LiveRecommendations(store, inventoryWithWeb(), { persist: false });
    for (let n = 0; n < 40; n++) store.write({ containers: [sampleAt(KEY, n)] });
    live.update();
    const ids = [live.current()[0]!.id];
    // Each batch of heavier minutes moves the proposed memory, and with it the id (it hashes the proposed values).
    for (let batch = 1; batch <= 12; batch++) {
      for (let n = 40 + batch * 30; n < 70 + batch * 30; n++) store.write({ containers: [sampleAt(KEY, n, { memoryWorkingSetBytes: (100 + 40 * batch) * MIB })] });
      live.update();
      ids.push(live.current()[0]!.id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const newest = live.current()[0]!;
    expect(live.currentFor(newest.id)).toBe(newest);
    // Replaced a few recomputations ago: the same container's current one.
    expect(live.currentFor(ids.at(-4)!)).toBe(newest);
    // Replaced more than 4 recomputations ago (the bound for one container), or never handed out: none.
    expect(live.currentFor(ids[0]!)).toBeUndefined();
    expect(live.currentFor('rec-0000000000000000')).toBeUndefined();
    store.close();
  });
});
