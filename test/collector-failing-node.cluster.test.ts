import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { InventoryCollectorView } from '../agent-core/collector/inventory-view.ts';
import { MetricsCollector } from '../agent-core/collector/metrics-collector.ts';
import { startInventory, type Inventory } from '../agent-core/inventory/index.ts';
import { kubeConfigForContext } from '../agent-core/kube/kube-client.ts';
import { resolveContext } from '../agent-core/kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../agent-core/kube/kubeconfig-files.ts';
import { openMetricsStore, type MetricsStore } from '../agent-core/store/index.ts';
import { kubectl } from './kubectl.ts';

// Two extra Nodes registered on the shared test cluster: one whose "kubelet" accepts connections and never
// answers (a hung node), one whose port refuses them. The real API server proxies to both.
const kubeconfig = inject('testclusterKubeconfig');
const admin = kubectl(kubeconfig, { context: 'testcluster' });
const suffix = Date.now().toString(36);
const hungNode = `hung-${suffix}`;
const deadNode = `dead-${suffix}`;
let hungServer: net.Server;
const sockets = new Set<net.Socket>();
let inventory: Inventory;
let store: MetricsStore;
let dataDir: string;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function registerNode(name: string, port: number): Promise<void> {
  const file = path.join(dataDir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'cluster-insight.io/test': 'failing-node' } } }));
  await admin('create', '-f', file);
  const now = new Date().toISOString();
  const status = {
    status: {
      addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
      daemonEndpoints: { kubeletEndpoint: { Port: port } },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: now, lastTransitionTime: now }],
    },
  };
  await admin('patch', 'node', name, '--subresource=status', '--type=merge', '-p', JSON.stringify(status)).catch(async () => {
    // kubectl before 1.24 has no --subresource: patch the status through the raw API instead.
    await admin('replace', '--raw', `/api/v1/nodes/${name}/status`, '-f', file);
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-failing-node-'));
  hungServer = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const hungPort = await listen(hungServer);
  const closed = net.createServer();
  const deadPort = await listen(closed);
  await new Promise((r) => closed.close(r));
  await registerNode(hungNode, hungPort);
  await registerNode(deadNode, deadPort);

  const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig }), 'testcluster'));
  inventory = await startInventory({ kubeConfig });
  await inventory.waitUntilSettled(30_000);
  store = openMetricsStore({ dataDir });
}, 120_000);

afterAll(async () => {
  await inventory?.stop();
  store?.close();
  for (const s of sockets) s.destroy();
  hungServer?.close();
  await admin('delete', 'node', hungNode, deadNode, '--ignore-not-found').catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('a hung node and a refusing node never delay or drop the others, and their failure is visible per node', async () => {
  const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig }), 'testcluster'));
  const view = new InventoryCollectorView(inventory);
  // The inventory sees both extra nodes as Ready, so the collector must try them.
  const deadline = Date.now() + 20_000;
  while (!['hung', 'dead'].every((p) => view.scrapeTargets().some((t) => t.name.startsWith(`${p}-${suffix}`))) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const collector = new MetricsCollector({ kubeConfig, inventory: view, store, requestTimeoutMs: 3000 });
  // Two cycles: rates need a previous sample.
  await collector.collectOnce();
  await new Promise((r) => setTimeout(r, 1500));
  const started = Date.now();
  const report = await collector.collectOnce();
  const elapsed = Date.now() - started;

  expect(report.nodesFailed).toBe(2);
  expect(report.nodesScraped).toBeGreaterThanOrEqual(5);
  expect(report.containerMinutes).toBeGreaterThan(10);
  // Bounded by the per-request timeout, not by the hung node.
  expect(elapsed).toBeLessThan(3000 + 2500);

  const statuses = new Map(collector.nodeStatuses().map((s) => [s.node, s]));
  expect(statuses.get(hungNode)?.consecutiveFailures).toBe(2);
  expect(statuses.get(hungNode)?.lastError?.map((e) => e.endpoint).sort()).toEqual(['cadvisor', 'summary']);
  expect(statuses.get(deadNode)?.lastError?.[0]?.message).toBeTruthy();
  const healthy = [...statuses.values()].filter((s) => s.node.startsWith('sim-node-'));
  expect(healthy.length).toBeGreaterThanOrEqual(3);
  for (const s of healthy) {
    expect(s.consecutiveFailures).toBe(0);
    expect(s.lastError).toBeUndefined();
  }
}, 60_000);
