import type { Command } from 'commander';
import { killAllSupervised } from '../../../sim/controlplane/index.ts';
import { startTestCluster } from '../../../sim/testcluster/test-cluster.ts';
import { positiveNumber, positiveInteger } from '../option-parsers.ts';
import { serveClusterUntilTerminated } from '../serve-cluster.ts';

export function registerTestcluster(program: Command): void {
  program
    .command('testcluster')
    .description(
      'Start a real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) on loopback with simulated kubelets and seeded workloads; runs until SIGINT or SIGTERM',
    )
    .requiredOption('--kubeconfig-out <file>', 'write the kubeconfig here once the cluster is ready (contexts testcluster and testcluster-viewer)')
    .option('--nodes <n>', 'simulated nodes', positiveInteger('--nodes'), 3)
    .option('--seed <s>', 'seed for usage profiles', positiveInteger('--seed'), 1)
    .option('--speed <x>', 'simulated seconds per real second (60: a simulated minute per second)', positiveNumber('--speed'), 1)
    .option('--no-workloads', 'skip the seeded workloads')
    .action((opts: { kubeconfigOut: string; nodes: number; seed: number; speed: number; workloads: boolean }) =>
      serveClusterUntilTerminated({
        name: 'testcluster',
        kubeconfigOut: opts.kubeconfigOut,
        // A second signal must still take every child process down and remove the temp folder.
        onForce: killAllSupervised,
        start: (log) => startTestCluster({ nodes: opts.nodes, seed: opts.seed, speed: opts.speed, seedWorkloads: opts.workloads, log }),
        readyLine: (_cluster, out) => `ready: kubeconfig written to ${out} (contexts testcluster, testcluster-viewer); Ctrl-C to stop`,
      }),
    );
}
