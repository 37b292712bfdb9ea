import type { Command } from 'commander';
import { killAllSupervised } from '../../../sim/controlplane/index.ts';
import { startTestCluster } from '../../../sim/testcluster/test-cluster.ts';
import { serveClusterUntilTerminated, withServedClusterOptions, type ServedClusterOptions } from '../serve-cluster.ts';

export function registerTestcluster(program: Command): void {
  withServedClusterOptions(
    program
      .command('testcluster')
      .description(
        'Start a real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) on loopback with simulated kubelets and seeded workloads; runs until SIGINT or SIGTERM',
      ),
  )
    .option('--no-workloads', 'skip the seeded workloads')
    .action((opts: ServedClusterOptions & { workloads: boolean }) =>
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
