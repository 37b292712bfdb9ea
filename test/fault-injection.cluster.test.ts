import { beforeAll, expect, it } from 'vitest';
import { KIND_INFO, WATCHED_KINDS } from '../agent-core/inventory/watched-kinds.ts';
import type { FaultConfig } from '../sim/apiserver/fault-injection.ts';
import type { SimulatedControlPlane } from '../sim/apiserver/simulated-control-plane.ts';
import { apiClient } from '../sim/apiserver/testing/api-client.ts';
import { inventoryIdentities } from './inventory-convergence.ts';
import { useOwnClusterWithInventory } from './own-cluster-inventory.ts';

// Always the simulated API server (it alone injects faults on demand), in a cluster of its own.
const own = useOwnClusterWithInventory({ nodes: 2, seed: 13, speed: 60, seedWorkloads: false, apiServer: 'simulated' }, 'ci-faults-');
let sim: SimulatedControlPlane;
let admin: ReturnType<typeof apiClient>;

beforeAll(() => {
  sim = own.cluster.simulated!;
  admin = apiClient(sim.server, sim.caPem, sim.admin.token);
});

/** What the simulator holds of each watched kind, as the inventory names it. */
function simulatorIdentities(kind: (typeof WATCHED_KINDS)[number]): string[] {
  const info = KIND_INFO[kind];
  return sim.store
    .list(`${info.group}/${info.resource}`)
    .map((o) => `${o.object.metadata.namespace ?? ''}/${o.object.metadata.name} ${o.object.metadata.uid}`)
    .sort();
}

async function expectInventoryEqualsSimulator(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const differences = WATCHED_KINDS.filter((k) => JSON.stringify(simulatorIdentities(k)) !== JSON.stringify(inventoryIdentities(own.inventory, k))).map(
      (k) => `${k}: simulator ${JSON.stringify(simulatorIdentities(k))} inventory ${JSON.stringify(inventoryIdentities(own.inventory, k))}`,
    );
    if (differences.length === 0) return;
    if (Date.now() > deadline) expect(differences).toEqual([]);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const faultsSoFar = () => Object.values(sim.faults.counters).reduce((a, b) => a + b, 0);

/** One write, retried through the injected failures. */
async function write(call: () => Promise<{ status: number }>, okStatuses = [200, 201, 404, 409]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { status } = await call();
    if (okStatuses.includes(status)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('write kept failing');
}

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'example/app:1', resources: { requests: { cpu: '10m' } } }] } },
  },
});

async function churn(ns: string, step: number): Promise<void> {
  const name = `web-${step}`;
  await write(() => admin.post(`/apis/apps/v1/namespaces/${ns}/deployments`, deployment(name, 1 + (step % 3))));
  if (step > 0) await write(() => admin.patch(`/apis/apps/v1/namespaces/${ns}/deployments/web-${step - 1}`, { spec: { replicas: step % 4 } }, 'merge'));
  if (step > 1) await write(() => admin.delete(`/apis/apps/v1/namespaces/${ns}/deployments/web-${step - 2}`));
}

const BURSTS: FaultConfig[] = [
  { watchDropRate: 0.3 },
  { watchDropAfterEvents: 2, forceGoneWatches: 10 },
  { throttleRate: 0.3, retryAfterSeconds: 1 },
  { errorRate: 0.3, errorCode: 500 },
  { errorRate: 0.2, errorCode: 503, latencyMs: 30, watchDropRate: 0.2 },
];

it('across 100 injected faults with churn (watch drops, 410 Gone, 429, 5xx, latency), the inventory equals the simulator after each burst', async () => {
  const ns = 'faults';
  await write(() => admin.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
  await expectInventoryEqualsSimulator(30_000);
  const relists = () => own.inventory.syncProgress().reduce((n, k) => n + k.relists, 0);
  const relistsBefore = relists();
  let step = 0;
  for (const config of BURSTS) {
    const target = faultsSoFar() + 20;
    sim.faults.set(config);
    const deadline = Date.now() + 60_000;
    while (faultsSoFar() < target && Date.now() < deadline) {
      await churn(ns, step++);
      await new Promise((r) => setTimeout(r, 100));
    }
    sim.faults.set({});
    expect(faultsSoFar(), JSON.stringify({ config, counters: sim.faults.counters })).toBeGreaterThanOrEqual(target);
    await expectInventoryEqualsSimulator(90_000);
  }
  expect(faultsSoFar()).toBeGreaterThanOrEqual(100);
  // The forced 410s reached the agent: it relisted rather than missing events.
  expect(relists()).toBeGreaterThan(relistsBefore);
  expect(sim.faults.counters.watchDrops).toBeGreaterThan(0);
  expect(sim.faults.counters.gone).toBeGreaterThan(0);
  expect(sim.faults.counters.throttled).toBeGreaterThan(0);
  expect(sim.faults.counters.errors).toBeGreaterThan(0);
}, 600_000);
