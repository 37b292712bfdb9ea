import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { positiveInteger, positiveNumber } from './option-parsers.ts';
import { untilTerminated } from './until-terminated.ts';

/** The options of `testcluster` and `sim` as commander hands them over. */
export interface ServedClusterOptions {
  kubeconfigOut: string;
  nodes: number;
  seed: number;
  speed: number;
}

/** The options `testcluster` and `sim` share: where the kubeconfig goes, nodes, seed and speed. */
export function withServedClusterOptions(command: Command): Command {
  return command
    .requiredOption('--kubeconfig-out <file>', 'write the kubeconfig here once the cluster is ready (contexts testcluster and testcluster-viewer)')
    .option('--nodes <n>', 'simulated nodes', positiveInteger('--nodes'), 3)
    .option('--seed <s>', 'seed for usage profiles', positiveInteger('--seed'), 1)
    .option('--speed <x>', 'simulated seconds per real second (60: a simulated minute per second)', positiveNumber('--speed'), 1);
}

interface Stoppable {
  kubeconfigYaml: string;
  stop(): Promise<void>;
}

/**
 * What `testcluster` and `sim` share: start a cluster, listening for a signal from the first moment (one during
 * startup still stops it cleanly), then write its kubeconfig to `kubeconfigOut` once ready — atomically, so a
 * watcher of the file never reads half of it — and run until SIGINT or SIGTERM.
 */
export async function serveClusterUntilTerminated<C extends Stoppable>(options: {
  name: string;
  kubeconfigOut: string;
  start: (log: (line: string) => void) => Promise<C>;
  readyLine: (cluster: C, out: string) => string;
  /** On a second signal, before exiting: kill what must not be orphaned (a supervised control plane). */
  onForce?: () => void;
}): Promise<void> {
  const began = Date.now();
  const log = (line: string) => process.stderr.write(`[${options.name} +${((Date.now() - began) / 1000).toFixed(1)}s] ${line}\n`);
  const terminated = untilTerminated(options.onForce).then((signal) => log(`${signal}: stopping`));
  const starting = options.start(log);
  const first = await Promise.race([starting.then(() => 'ready' as const, () => 'failed' as const), terminated.then(() => 'signal' as const)]);
  if (first === 'signal') {
    options.onForce?.();
    await starting.then((c) => c.stop(), () => undefined);
    log('stopped before it was ready');
    return;
  }
  const cluster = await starting;
  const out = path.resolve(options.kubeconfigOut);
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, cluster.kubeconfigYaml, { mode: 0o600 });
  fs.renameSync(tmp, out);
  log(options.readyLine(cluster, out));
  await terminated;
  await cluster.stop();
  log('stopped');
}
