import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startInventoryForContext, type Inventory } from '../agent-core/inventory/index.ts';
import { startTestCluster, type TestCluster, type TestClusterOptions } from '../sim/testcluster/test-cluster.ts';

export interface OwnClusterInventory {
  cluster: TestCluster;
  inventory: Inventory;
  /** A temp folder for the test's files (removed after all); the kubeconfig is in it. */
  dir: string;
  kubeconfig: string;
}

/**
 * A cluster of the test file's own (it restarts or breaks it, so the shared one will not do), its kubeconfig in a
 * temp folder, and an inventory settled on its testcluster context; all stopped and removed after the file.
 * The returned object is filled in by beforeAll.
 */
export function useOwnClusterWithInventory(options: TestClusterOptions, tempPrefix: string): OwnClusterInventory {
  const own = {} as OwnClusterInventory;
  beforeAll(async () => {
    own.cluster = await startTestCluster(options);
    own.dir = fs.mkdtempSync(path.join(os.tmpdir(), tempPrefix));
    own.kubeconfig = path.join(own.dir, 'kubeconfig');
    fs.writeFileSync(own.kubeconfig, own.cluster.kubeconfigYaml);
    own.inventory = await startInventoryForContext({ kubeconfig: own.kubeconfig, context: 'testcluster', env: {} });
    await own.inventory.waitUntilSettled(60_000);
  }, 180_000);
  afterAll(async () => {
    await own.inventory?.stop();
    await own.cluster?.stop();
    if (own.dir) fs.rmSync(own.dir, { recursive: true, force: true });
  });
  return own;
}
