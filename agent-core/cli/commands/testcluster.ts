import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { killAllSupervised } from '../../../sim/controlplane/index.ts';
import { startTestCluster } from '../../../sim/testcluster/test-cluster.ts';
import { positiveNumber, positiveInteger } from '../option-parsers.ts';
import { untilTerminated } from '../until-terminated.ts';

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
    .action(async (opts: { kubeconfigOut: string; nodes: number; seed: number; speed: number; workloads: boolean }) => {
      const started = Date.now();
      const log = (line: string) => process.stderr.write(`[testcluster +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
      // Listen from the start: a signal during startup must still take every child down and remove the temp folder.
      const terminated = untilTerminated(killAllSupervised).then((signal) => log(`${signal}: stopping`));
      const starting = startTestCluster({ nodes: opts.nodes, seed: opts.seed, speed: opts.speed, seedWorkloads: opts.workloads, log });
      const first = await Promise.race([starting.then(() => 'ready' as const, () => 'failed' as const), terminated.then(() => 'signal' as const)]);
      if (first === 'signal') {
        killAllSupervised();
        await starting.then((c) => c.stop(), () => undefined);
        log('stopped before it was ready');
        return;
      }
      const cluster = await starting;
      const out = path.resolve(opts.kubeconfigOut);
      // Written only once everything is ready, atomically, so that a watcher of FILE never reads half of it.
      const tmp = `${out}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, cluster.kubeconfigYaml, { mode: 0o600 });
      fs.renameSync(tmp, out);
      log(`ready: kubeconfig written to ${out} (contexts testcluster, testcluster-viewer); Ctrl-C to stop`);
      await terminated;
      await cluster.stop();
      log('stopped');
    });
}
