import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { killAllSupervised } from '../../../sim/controlplane/index.ts';
import { ADMIN_CONTEXT } from '../../../sim/testcluster/kubeconfig.ts';
import type { TestCluster } from '../../../sim/testcluster/test-cluster.ts';
import { startAppServer } from '../../app-server/index.ts';
import { defaultDataDir } from '../../store/index.ts';
import { durationMs } from '../duration.ts';
import { integerInRange } from '../option-parsers.ts';
import { noKubeconfigExists, startLocalCluster } from '../local-cluster.ts';
import { ensureRendererBuilt } from '../renderer-build.ts';
import { untilTerminated } from '../until-terminated.ts';

interface WebOptions {
  kubeconfig?: string;
  context?: string;
  port: number;
  dataDir: string;
  interval: number;
  open?: boolean;
  verbose?: boolean;
}

function openInBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  spawn(command, args as string[], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

export function registerWeb(program: Command): void {
  program
    .command('web')
    .description('Serve the app to a browser on 127.0.0.1: prints the URL (carrying this launch\'s token) on one line of stdout')
    .option('--kubeconfig <paths>', 'kubeconfig files to read (a list like KUBECONFIG); default: $KUBECONFIG, else ~/.kube/config; with none, a local simulated cluster')
    .option('--context <name>', 'connect to this context at start (else the user picks one)')
    .option('--port <n>', 'the port (default: any free one)', integerInRange('--port', 0, 65535), 0)
    .option('--data-dir <dir>', 'where the stores and agent.log live', defaultDataDir())
    .option('--interval <duration>', 'between metrics cycles', durationMs('--interval'), 60_000)
    .option('--open', 'open the URL in the default browser')
    .option('--verbose', 'log every Kubernetes API request to agent.log')
    .action(async (opts: WebOptions) => {
      const say = (line: string) => process.stderr.write(`[web] ${line}\n`);
      const rendererDir = ensureRendererBuilt(say);
      const terminated = untilTerminated(killAllSupervised);
      let cluster: TestCluster | undefined;
      let work: string | undefined;
      let { kubeconfig, context, dataDir, interval } = opts;
      if (noKubeconfigExists(kubeconfig)) {
        cluster = await startLocalCluster(say, terminated);
        if (!cluster) return;
        work = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-local-'));
        kubeconfig = path.join(work, 'kubeconfig.yaml');
        fs.writeFileSync(kubeconfig, cluster.kubeconfigYaml, { mode: 0o600 });
        context ??= ADMIN_CONTEXT;
        dataDir = path.join(work, 'data');
        // The kubelets run 60× fast: a cycle a second keeps a point per simulated minute.
        interval = Math.min(interval, 1000);
      }
      const server = await startAppServer({ kubeconfig, context, dataDir, port: opts.port, verbose: opts.verbose, rendererDir, intervalMs: interval, onLog: say });
      process.stdout.write(`${server.url}\n`);
      if (opts.open) openInBrowser(server.url);
      const signal = await terminated;
      say(`${signal}: stopping`);
      await server.close();
      await cluster?.stop();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });
}
