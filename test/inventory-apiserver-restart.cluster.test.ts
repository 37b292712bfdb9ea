import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInventoryForContext, type Inventory } from '../agent-core/inventory/index.ts';
import { WATCHED_KINDS } from '../agent-core/inventory/watched-kinds.ts';
import { startTestCluster, type TestCluster } from '../sim/testcluster/test-cluster.ts';
import { expectConverged } from './inventory-convergence.ts';
import { kubectl, type Kubectl } from './kubectl.ts';

// A cluster of its own: this test kills the API server, which the shared one must not suffer.
let cluster: TestCluster;
let inventory: Inventory;
let admin: Kubectl;
let dir: string;

beforeAll(async () => {
  cluster = await startTestCluster({ nodes: 2, seed: 11, speed: 60, seedWorkloads: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-restart-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, cluster.kubeconfigYaml);
  admin = kubectl(kubeconfig, { context: 'testcluster' });
  inventory = await startInventoryForContext({ kubeconfig, context: 'testcluster', env: {} });
  await inventory.waitUntilSettled(60_000);
}, 180_000);

afterAll(async () => {
  await inventory?.stop();
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function retrying(args: string[]): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await admin(...args);
      return;
    } catch (err) {
      if (i > 40) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const deployment = (ns: string, name: string, replicas: number) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'example/app:1', resources: { requests: { cpu: '10m' } } }] } },
    },
  });

async function churn(ns: string, round: number): Promise<void> {
  const file = path.join(dir, `round-${round}.json`);
  for (let i = 0; i < 3; i++) {
    fs.writeFileSync(file, deployment(ns, `web-${round}-${i}`, 2));
    await retrying(['apply', '-f', file]);
  }
  await retrying(['scale', 'deployment', `web-${round}-0`, '-n', ns, '--replicas=3']);
  await retrying(['patch', 'deployment', `web-${round}-1`, '-n', ns, '--type=merge', '-p', '{"spec":{"template":{"metadata":{"labels":{"app":"web-' + round + '-1","rev":"2"}}}}}']);
  await retrying(['delete', 'deployment', `web-${round}-2`, '-n', ns, '--wait=false']);
}

it('after the API server is killed and restarted mid-run, the watch resumes or relists and the inventory again equals kubectl, with nothing missed', async () => {
  const ns = 'restart-churn';
  await retrying(['create', 'namespace', ns]);
  await churn(ns, 1);
  await expectConverged(inventory, admin, WATCHED_KINDS, undefined, 60_000);
  const relistsBefore = inventory.syncProgress().reduce((n, k) => n + k.relists, 0);

  await cluster.controlPlane.restartApiServer({ hard: true, downForMs: 3000 });
  // Changes made right after the restart, while the reflectors are still reconnecting, must not be missed.
  await churn(ns, 2);
  await retrying(['delete', 'deployment', 'web-1-0', '-n', ns, '--wait=false']);

  await expectConverged(inventory, admin, WATCHED_KINDS, undefined, 90_000);
  const progress = inventory.syncProgress();
  expect(progress.every((k) => k.synced)).toBe(true);
  // Each kind either resumed its watch from the last resourceVersion or relisted: both are fine, losing events is not.
  expect(progress.reduce((n, k) => n + k.relists, 0)).toBeGreaterThanOrEqual(relistsBefore);
  expect(inventory.entities().some((e) => e.kind === 'Deployment' && e.name === 'web-1-0')).toBe(false);
  expect(inventory.entities().some((e) => e.kind === 'Deployment' && e.name === 'web-2-1')).toBe(true);
}, 300_000);
