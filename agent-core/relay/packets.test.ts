import { describe, expect, test } from 'vitest';
import type { Inventory, InventoryEntity, InventoryEvent } from '../inventory/index.ts';
import { openMetricsStore } from '../store/index.ts';
import { minuteAt, sampleAt } from '../store/testing/samples.ts';
import type { EntitiesBody } from './entity-packets.ts';
import type { MetricsMinuteBody } from './metrics-packets.ts';
import { RelayHarness } from './testing/relay-harness.ts';
import { eventually, useRelayHarnesses } from './testing/relay-fixtures.ts';

const { harness, defer } = useRelayHarnesses();

const packetsOf = (h: RelayHarness, kind: string) => h.storedPackets(kind);

function entity(name: string, uid: string): InventoryEntity {
  return {
    uuid: `uuid-${uid}`,
    uid,
    kind: 'Pod',
    apiVersion: 'v1',
    namespace: 'shop',
    name,
    resourceVersion: '1',
    labels: { app: 'web' },
    ownerChain: [{ kind: 'ReplicaSet', name: 'web-5d4', uid: 'rs', uuid: 'uuid-rs', known: true }],
    containers: [{ name: 'app', init: false, image: 'web:1', requests: { cpuRequest: 0.5, cpuLimit: null, memRequest: null, memLimit: null } as never, limits: {} as never }],
    nodeName: 'node-1',
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec: { containers: [{ name: 'app', env: [{ name: 'PASSWORD', value: '***' }] }] } },
  };
}

/** The two things the relay reads of an inventory. */
function fakeInventory(entities: InventoryEntity[]): Inventory & { emit(e: InventoryEvent): void } {
  const listeners = new Set<(e: InventoryEvent) => void>();
  return {
    entities: () => entities,
    subscribe: (l: (e: InventoryEvent) => void) => (listeners.add(l), () => listeners.delete(l)),
    emit: (e: InventoryEvent) => listeners.forEach((l) => l(e)),
  } as unknown as Inventory & { emit(e: InventoryEvent): void };
}

describe('packets', () => {
  test('entities: a masked snapshot on connection, then batched deltas', async () => {
    const h = harness();
    await h.enrolAndStart();
    const relay = h.relay();
    const inv = fakeInventory([entity('web-1', 'u1'), entity('web-2', 'u2')]);
    relay.attachInventory(inv);
    const [snapshot] = await eventually(() => packetsOf(h, 'entities').length === 1 && packetsOf(h, 'entities'), 5000, 'the snapshot');
    const body = snapshot!.body as Extract<EntitiesBody, { mode: 'snapshot' }>;
    expect(body).toMatchObject({ mode: 'snapshot', part: 0, parts: 1 });
    expect(body.entities.map((e) => e.uid)).toEqual(['u1', 'u2']);
    expect(JSON.stringify(body)).toContain('"value":"***"');

    inv.emit({ type: 'modified', entity: { ...entity('web-1', 'u1'), resourceVersion: '2' } });
    inv.emit({ type: 'deleted', entity: entity('web-2', 'u2') });
    const delta = await eventually(() => packetsOf(h, 'entities')[1], 5000, 'the delta');
    expect(delta.body).toMatchObject({ mode: 'delta', changes: [{ type: 'modified', entity: { uid: 'u1', resourceVersion: '2' } }, { type: 'deleted', entity: { uid: 'u2' } }] });
  });

  test('hashed names: no names, no raw objects, the same name always hashes the same', async () => {
    const h = harness();
    await h.enrolAndStart();
    const relay = h.relay({ hashNames: true });
    relay.attachInventory(fakeInventory([entity('web-1', 'u1')]));
    relay.publishRecommendations([{ id: 'r1', workload: { kind: 'Deployment', namespace: 'shop', name: 'web', uid: 'w' }, containerName: 'app' }]);
    await eventually(() => packetsOf(h, 'entities').length === 1 && packetsOf(h, 'recommendations').length === 1, 5000, 'packets');
    const text = JSON.stringify(h.gateway!.store.packets({ clusterId: h.connection.clusterId }));
    for (const name of ['web-1', '"shop"', 'web-5d4', 'node-1', '"app"', '"web"']) expect(text).not.toContain(name);
    const e = (packetsOf(h, 'entities')[0]!.body as Extract<EntitiesBody, { mode: 'snapshot' }>).entities[0]!;
    expect(e.object).toBeUndefined();
    expect(e.namespace).toMatch(/^h:/);
    const rec = (packetsOf(h, 'recommendations')[0]!.body as { recommendations: { workload: { namespace: string } }[] }).recommendations[0]!;
    expect(rec.workload.namespace).toBe(e.namespace);
  });

  test('hashed names: error lines keep level, time, message and error type only; audit entries are hashed', async () => {
    const h = harness();
    await h.enrolAndStart();
    const relay = h.relay({ hashNames: true, logFlushMs: 50 });
    const stream = relay.logStream();
    stream.write(JSON.stringify({ level: 50, time: 1, msg: 'metrics cycle failed', node: 'node-secret', err: { type: 'KubeHttpError', message: 'GET /api/v1/namespaces/shop/pods failed', code: 'E1' } }));
    stream.write(JSON.stringify({ level: 30, time: 2, audit: true, namespace: 'shop', service: 'web', containerId: 'shop/Deployment/web/app', kind: 'Deployment', who: 'alice', message: 'dry-run: web', dryRun: true, outcome: 'ok' }));
    await eventually(() => packetsOf(h, 'logs').length === 1 && packetsOf(h, 'audit').length === 1, 5000, 'packets');
    expect(packetsOf(h, 'logs')[0]!.body).toEqual({ lines: [{ level: 50, time: 1, msg: 'metrics cycle failed', err: { type: 'KubeHttpError', code: 'E1' } }] });
    const audit = packetsOf(h, 'audit')[0]!.body as Record<string, string>;
    expect(audit).toMatchObject({ kind: 'Deployment', dryRun: true, outcome: 'ok' });
    expect(audit.containerId).toMatch(/^h:[^/]+\/Deployment\/h:[^/]+\/h:[^/]+$/);
    expect(audit.namespace).toMatch(/^h:/);
    expect(audit.service).toMatch(/^h:/);
    expect(audit.who).toBeUndefined();
    expect(audit.message).toBeUndefined();
  });

  test('minute metrics: each stored minute once, across cycles and a restart; recommendations only when they change', async () => {
    const h = harness();
    await h.enrolAndStart();
    const store = openMetricsStore({ dataDir: h.agentDir });
    defer(() => store.close());
    let relay = h.relay();
    store.write({ containers: [sampleAt('shop/web-1/app', 0), sampleAt('shop/web-2/app', 0)] });
    relay.afterMetricsCycle(store);
    store.write({ containers: [sampleAt('shop/web-1/app', 1)] });
    relay.afterMetricsCycle(store);
    relay.afterMetricsCycle(store);
    relay.publishRecommendations([{ id: 'a' }]);
    relay.publishRecommendations([{ id: 'a' }]);
    await relay.close();
    relay = h.relay();
    relay.publishRecommendations([{ id: 'a' }]);
    store.write({ containers: [sampleAt('shop/web-1/app', 2)] });
    relay.afterMetricsCycle(store);
    relay.publishRecommendations([{ id: 'b' }]);
    await eventually(() => packetsOf(h, 'metrics').length === 3 && packetsOf(h, 'recommendations').length === 2, 5000, 'packets');
    const minutes = packetsOf(h, 'metrics').map((p) => p.body as MetricsMinuteBody);
    expect(minutes.map((m) => [m.t, m.rows.length])).toEqual([
      [minuteAt(0), 2],
      [minuteAt(1), 1],
      [minuteAt(2), 1],
    ]);
    expect(minutes[0]!.columns[0]).toBe('container');
    expect(minutes[0]!.rows[0]).toEqual(['shop/web-1/app', 'uid-web', 0.1, expect.any(Number), expect.any(Number), 0, 0.5, 1, 128 * 1024 * 1024, 256 * 1024 * 1024]);
  });
});
