import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { WATCHED_KINDS } from '../agent-core/inventory/watched-kinds.ts';
import { expectConverged } from './inventory-convergence.ts';
import { kubectl, type Kubectl } from './kubectl.ts';
import { useOwnClusterWithInventory } from './own-cluster-inventory.ts';

// A cluster of its own: this test kills the API server, which the shared one must not suffer.
const own = useOwnClusterWithInventory({ nodes: 2, seed: 11, speed: 60, seedWorkloads: false }, 'ci-restart-');
let admin: Kubectl;

beforeAll(() => {
  admin = kubectl(own.kubeconfig, { context: 'testcluster' });
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
  const file = path.join(own.dir, `round-${round}.json`);
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
  await expectConverged(own.inventory, admin, WATCHED_KINDS, undefined, 60_000);
  const relistsBefore = own.inventory.syncProgress().reduce((n, k) => n + k.relists, 0);

  await own.cluster.controlPlane.restartApiServer({ hard: true, downForMs: 3000 });
  // Changes made right after the restart, while the reflectors are still reconnecting, must not be missed.
  await churn(ns, 2);
  await retrying(['delete', 'deployment', 'web-1-0', '-n', ns, '--wait=false']);

  await expectConverged(own.inventory, admin, WATCHED_KINDS, undefined, 90_000);
  const progress = own.inventory.syncProgress();
  expect(progress.every((k) => k.synced)).toBe(true);
  // Each kind either resumed its watch from the last resourceVersion or relisted: both are fine, losing events is not.
  expect(progress.reduce((n, k) => n + k.relists, 0)).toBeGreaterThanOrEqual(relistsBefore);
  expect(own.inventory.entities().some((e) => e.kind === 'Deployment' && e.name === 'web-1-0')).toBe(false);
  expect(own.inventory.entities().some((e) => e.kind === 'Deployment' && e.name === 'web-2-1')).toBe(true);
}, 300_000);
