import type { Command } from 'commander';
import { startSimulatedCluster } from '../../../sim/apiserver/simulated-cluster.ts';
import { positiveInteger, positiveNumber } from '../option-parsers.ts';
import { serveClusterUntilTerminated } from '../serve-cluster.ts';

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description(
      'Start a simulated Kubernetes API server (in this process: no etcd or kube-apiserver) on loopback with simulated kubelets and the seeded workload mix scaled to --pods; runs until SIGINT or SIGTERM',
    )
    .requiredOption('--kubeconfig-out <file>', 'write the kubeconfig here once the cluster is ready (contexts testcluster and testcluster-viewer)')
    .option('--nodes <n>', 'simulated nodes', positiveInteger('--nodes'), 3)
    .option('--pods <n>', 'about this many pods (the seeded mix, copied into more namespaces)', positiveInteger('--pods'), 20)
    .option('--seed <s>', 'seed for usage profiles', positiveInteger('--seed'), 1)
    .option('--speed <x>', 'simulated seconds per real second (60: a simulated minute per second)', positiveNumber('--speed'), 1)
    .action((opts: { kubeconfigOut: string; nodes: number; pods: number; seed: number; speed: number }) =>
      serveClusterUntilTerminated({
        name: 'sim',
        kubeconfigOut: opts.kubeconfigOut,
        start: (log) => startSimulatedCluster({ nodes: opts.nodes, pods: opts.pods, seed: opts.seed, speed: opts.speed, log }),
        readyLine: (cluster, out) => `ready: ${opts.nodes} nodes, about ${cluster.expectedPods} pods; kubeconfig written to ${out} (contexts testcluster, testcluster-viewer); Ctrl-C to stop`,
      }),
    );
}
