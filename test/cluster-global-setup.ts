import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import './provided-context.ts';
import { startTestCluster, type TestCluster } from '../sim/testcluster/test-cluster.ts';

const SEED = 7;
let cluster: TestCluster | undefined;
let dir: string | undefined;

/** One real control plane with simulated kubelets per test run; each test makes its own namespace. */
export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  cluster = await startTestCluster({
    nodes: 3,
    seed: SEED,
    speed: 60,
    log: (line) => process.stderr.write(`[testcluster +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`),
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-test-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, cluster.kubeconfigYaml, { mode: 0o600 });
  project.provide('testclusterKubeconfig', kubeconfig);
  project.provide('testclusterSeed', SEED);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
