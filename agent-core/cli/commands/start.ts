import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { killAllSupervised } from '../../../sim/controlplane/index.ts';
import { ADMIN_CONTEXT, kubeConfigFor } from '../../../sim/testcluster/kubeconfig.ts';
import type { TestCluster } from '../../../sim/testcluster/test-cluster.ts';
import { startAgent } from '../../agent/agent.ts';
import { defaultDataDir } from '../../store/index.ts';
import { kubeConfigFromOptions } from '../context-options.ts';
import { noKubeconfigExists, startLocalCluster } from '../local-cluster.ts';
import { untilTerminated } from '../until-terminated.ts';

/**
 * The agent headless on the current context or, when there is no kubeconfig at all, on a local test cluster
 * (a real control plane with simulated kubelets) so that a new user sees something real without a cluster.
 */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the agent on the current kubeconfig context, or on a local simulated cluster when no kubeconfig exists')
    .option('--data-dir <dir>', 'where the store and agent.log live (default: the app data folder; for the local cluster, a temp folder removed on exit)')
    .action(async (opts: { dataDir?: string }) => {
      const started = Date.now();
      const say = (line: string) => process.stderr.write(`[cluster-insight +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
      const terminated = untilTerminated(killAllSupervised);
      const hasKubeconfig = !noKubeconfigExists();
      let cluster: TestCluster | undefined;
      let kubeConfig;
      let dataDir = opts.dataDir ?? defaultDataDir();
      if (hasKubeconfig) {
        const chosen = kubeConfigFromOptions({});
        kubeConfig = chosen.kubeConfig;
        say(`using kubeconfig context ${chosen.context}`);
      } else {
        cluster = await startLocalCluster(say, terminated);
        if (!cluster) return;
        kubeConfig = kubeConfigFor(cluster.kubeconfigYaml, ADMIN_CONTEXT);
        dataDir = opts.dataDir ?? path.join(os.tmpdir(), `cluster-insight-demo-${process.pid}`);
      }
      const agent = await startAgent({ kubeConfig, dataDir, intervalMs: cluster ? 1000 : 60_000, onStatus: say });
      say(`agent running; data in ${dataDir}. The desktop app is not built yet: read the data with \`npx cluster-insight metrics --data-dir ${dataDir} --container NS/POD/CONTAINER\`. Ctrl-C stops.`);
      await terminated;
      await agent.stop();
      await cluster?.stop();
      if (cluster && !opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      say('stopped');
    });
}
