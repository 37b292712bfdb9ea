import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { killAllSupervised } from '../../../sim/controlplane/index.ts';
import { DEMO_CONTEXT, startAppServer, webSecretStorage } from '../../app-server/index.ts';
import { demoCluster } from '../demo-cluster.ts';
import { defaultDataDir } from '../../store/index.ts';
import { durationMs } from '../duration.ts';
import { integerInRange } from '../option-parsers.ts';
import { noKubeconfigExists } from '../local-cluster.ts';
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
  demo?: boolean;
}

function openInBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  spawn(command, args as string[], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

export function registerWeb(program: Command): void {
  program
    .command('web')
    .description('Serve the app to a browser on 127.0.0.1: prints the URL (carrying this launch\'s token) on one line of stdout')
    .option('--kubeconfig <paths>', 'kubeconfig files to read (a list like KUBECONFIG); default: $KUBECONFIG, else ~/.kube/config; with none, the demo cluster')
    .option('--context <name>', 'connect to this context at start (else the user picks one)')
    .option('--port <n>', 'the port (default: any free one)', integerInRange('--port', 0, 65535), 0)
    .option('--data-dir <dir>', 'where the stores and agent.log live', defaultDataDir())
    .option('--interval <duration>', 'between metrics cycles', durationMs('--interval'), 60_000)
    .option('--open', 'open the URL in the default browser')
    .option('--verbose', 'log every Kubernetes API request to agent.log')
    .option('--demo', `open on the demo cluster (simulated, started in this process, with a day of history); it is also offered in the picker as "${DEMO_CONTEXT}"`)
    .action(async (opts: WebOptions) => {
      const say = (line: string) => process.stderr.write(`[web] ${line}\n`);
      const rendererDir = ensureRendererBuilt(say);
      const terminated = untilTerminated(killAllSupervised);
      const { kubeconfig, dataDir, interval } = opts;
      let { context } = opts;
      if (opts.demo || noKubeconfigExists(kubeconfig)) {
        if (!opts.demo) say('no kubeconfig found: opening on the demo cluster');
        context ??= DEMO_CONTEXT;
      }
      const server = await startAppServer({
        kubeconfig,
        context,
        dataDir,
        port: opts.port,
        verbose: opts.verbose,
        rendererDir,
        intervalMs: interval,
        onLog: say,
        demo: demoCluster(),
        // No keychain in a browser tab: the relay's secret goes in an owner-only file, and the Settings screen says so.
        secrets: webSecretStorage(dataDir),
      });
      process.stdout.write(`${server.url}\n`);
      if (opts.open) openInBrowser(server.url);
      const signal = await terminated;
      say(`${signal}: stopping`);
      await server.close();
    });
}
