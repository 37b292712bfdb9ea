import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import './provided-context.ts';
import { startTestCluster, type TestCluster } from '../sim/testcluster/test-cluster.ts';

const SEED = 7;

/**
 * One cluster per test run (seed 7, 3 nodes, speed 60, the seeded workloads); each test makes its own namespace.
 * 'real': etcd, kube-apiserver, controller-manager and scheduler with simulated kubelets; 'simulated': the
 * simulated API server (sim/apiserver) in their place, for the differential run (cluster-sim-global-setup.ts).
 */
export function clusterGlobalSetup(apiServer: 'real' | 'simulated') {
  let cluster: TestCluster | undefined;
  let dir: string | undefined;
  const label = apiServer === 'real' ? 'testcluster' : 'sim-testcluster';
  return {
    async setup(project: TestProject): Promise<void> {
      const started = Date.now();
      cluster = await startTestCluster({
        nodes: 3,
        seed: SEED,
        speed: 60,
        apiServer,
        log: (line) => process.stderr.write(`[${label} +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`),
      });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-test-'));
      const kubeconfig = path.join(dir, 'kubeconfig');
      fs.writeFileSync(kubeconfig, cluster.kubeconfigYaml, { mode: 0o600 });
      project.provide('testclusterKubeconfig', kubeconfig);
      project.provide('testclusterSeed', SEED);
    },
    async teardown(): Promise<void> {
      await cluster?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const { setup, teardown } = clusterGlobalSetup('real');
