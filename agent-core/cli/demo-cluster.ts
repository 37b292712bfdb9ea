import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_CONTEXT } from '../../sim/testcluster/kubeconfig.ts';
import { startTestCluster, type TestCluster } from '../../sim/testcluster/test-cluster.ts';
import type { Agent } from '../agent/agent.ts';
import { DEMO_CONTEXT, type DemoSource } from '../app-server/demo-source.ts';
import { backfillHistory } from './demo-history.ts';

const podCount = (cluster: TestCluster) => cluster.fleet.nodes.reduce((n, node) => n + node.pods.size, 0);

/** Until the kubelets' pod count has held still for two seconds (or the time is up). */
async function podsSettled(cluster: TestCluster, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = podCount(cluster);
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = podCount(cluster);
    if (now !== count || now === 0) [count, stableSince] = [now, Date.now()];
    else if (Date.now() - stableSince >= 2000) return;
  }
}

export interface DemoClusterOptions {
  nodes?: number;
  seed?: number;
  /** Hours of history written when the agent first syncs (default 24). */
  historyHours?: number;
}

/**
 * The demo the app offers without a cluster at hand: the simulated cluster (the simulated API server, the seeded
 * workload mix, simulated kubelets at real-time speed) started in this process when picked, with a day of history made from the same
 * usage profiles. Everything lives in a temp folder removed by stop().
 */
export function demoCluster(options: DemoClusterOptions = {}): DemoSource {
  let starting: Promise<{ cluster: TestCluster; dir: string; kubeconfigPath: string }> | undefined;
  const start = (log: (line: string) => void) =>
    (starting ??= (async () => {
      log('starting the demo cluster (simulated)');
      // The simulated API server: no etcd or kube-apiserver to find or build, nothing outside this process.
      const cluster = await startTestCluster({ nodes: options.nodes ?? 3, seed: options.seed ?? 11, speed: 1, apiServer: 'simulated', awaitWorkloads: false, log: (line) => log(`demo: ${line}`) });
      // The history is made for the pods the kubelets run: wait until scheduling has placed the seeded ones.
      await podsSettled(cluster, 20_000);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-demo-'));
      const kubeconfigPath = path.join(dir, 'kubeconfig.yaml');
      fs.writeFileSync(kubeconfigPath, cluster.kubeconfigYaml, { mode: 0o600 });
      return { cluster, dir, kubeconfigPath };
    })().catch((err: unknown) => {
      starting = undefined;
      throw err;
    }));
  return {
    context: DEMO_CONTEXT,
    async start(log) {
      const { kubeconfigPath } = await start(log);
      return { kubeconfigPath, context: ADMIN_CONTEXT };
    },
    async backfill(agent: Agent) {
      if (!starting) throw new Error('the demo cluster is not started');
      const { cluster } = await starting;
      return backfillHistory(agent.store, agent.inventory, cluster.fleet, cluster.clock.now(), options.historyHours ?? 24);
    },
    async stop() {
      const started = await starting?.catch(() => undefined);
      starting = undefined;
      if (!started) return;
      await started.cluster.stop();
      fs.rmSync(started.dir, { recursive: true, force: true });
    },
  };
}
