import { CoreV1Api } from '@kubernetes/client-node';
import { ObjectCreator } from '../testcluster/create-objects.ts';
import { startTestCluster, type TestCluster } from '../testcluster/test-cluster.ts';
import { scaledSeedWorkloads } from './scaled-workloads.ts';

export interface SimulatedClusterOptions {
  nodes: number;
  /** About this many pods in all (the seeded mix, copied and scaled up). */
  pods: number;
  seed?: number;
  speed?: number;
  log?: (line: string) => void;
  /** How long to wait for the pods to run (default 10 minutes). */
  readyTimeoutMs?: number;
}

/**
 * The test cluster on the simulated API server, at scale: `nodes` simulated kubelets and about `pods` pods
 * of the seeded mix, Running. For the benchmarks and for trying the app on a large cluster.
 */
export async function startSimulatedCluster(opts: SimulatedClusterOptions): Promise<TestCluster & { expectedPods: number }> {
  const log = opts.log ?? (() => {});
  const cluster = await startTestCluster({ nodes: opts.nodes, seed: opts.seed, speed: opts.speed, apiServer: 'simulated', log });
  try {
    const creator = new ObjectCreator(cluster.adminKubeConfig);
    const { extra, expectedPods } = scaledSeedWorkloads(
      {
        cronJob: await creator.versionServing('CronJob', ['batch/v1', 'batch/v1beta1']),
        podDisruptionBudget: await creator.versionServing('PodDisruptionBudget', ['policy/v1', 'policy/v1beta1']),
        horizontalPodAutoscaler: await creator.versionServing('HorizontalPodAutoscaler', ['autoscaling/v2', 'autoscaling/v2beta2']),
      },
      opts.pods,
      opts.nodes,
    );
    if (extra.length > 0) {
      log(`creating ${extra.length} more objects for about ${expectedPods} pods`);
      await creator.createAll(extra);
      await waitForRunningPods(cluster, Math.floor(expectedPods * 0.95), opts.readyTimeoutMs ?? 600_000, log);
    }
    return { ...cluster, expectedPods };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

async function waitForRunningPods(cluster: TestCluster, atLeast: number, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const core = cluster.adminKubeConfig.makeApiClient(CoreV1Api);
  const deadline = Date.now() + timeoutMs;
  let lastLog = 0;
  for (;;) {
    const pods = await core.listPodForAllNamespaces({ fieldSelector: 'status.phase=Running' });
    const running = pods.items.length;
    if (running >= atLeast) {
      log(`${running} pods Running`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`only ${running} of ${atLeast} pods Running after ${timeoutMs / 1000}s`);
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`${running} of ${atLeast} pods Running`);
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}
