import type { Command } from 'commander';
import { startSimulatedCluster } from '../../../sim/apiserver/simulated-cluster.ts';
import { positiveInteger } from '../option-parsers.ts';
import { serveClusterUntilTerminated, withServedClusterOptions, type ServedClusterOptions } from '../serve-cluster.ts';

export function registerSim(program: Command): void {
  withServedClusterOptions(
    program
      .command('sim')
      .description(
        'Start a simulated Kubernetes API server (in this process: no etcd or kube-apiserver) on loopback with simulated kubelets and the seeded workload mix scaled to --pods; runs until SIGINT or SIGTERM',
      ),
  )
    .option('--pods <n>', 'about this many pods (the seeded mix, copied into more namespaces)', positiveInteger('--pods'), 20)
    .action((opts: ServedClusterOptions & { pods: number }) =>
      serveClusterUntilTerminated({
        name: 'sim',
        kubeconfigOut: opts.kubeconfigOut,
        start: (log) => startSimulatedCluster({ nodes: opts.nodes, pods: opts.pods, seed: opts.seed, speed: opts.speed, log }),
        readyLine: (cluster, out) => `ready: ${opts.nodes} nodes, about ${cluster.expectedPods} pods; kubeconfig written to ${out} (contexts testcluster, testcluster-viewer); Ctrl-C to stop`,
      }),
    );
}
