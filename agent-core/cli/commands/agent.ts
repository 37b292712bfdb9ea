import type { Command } from 'commander';
import { startAgent } from '../../agent/agent.ts';
import { defaultDataDir } from '../../store/index.ts';
import { kubeConfigFromOptions, withContextOptions, type ContextOptions } from '../context-options.ts';
import { durationMs } from '../duration.ts';
import { untilTerminated } from '../until-terminated.ts';

export function registerAgent(program: Command): void {
  withContextOptions(program.command('agent'))
    .description('Run the agent headless: watch workload specs and store per-container metrics every interval, until SIGINT or SIGTERM')
    .option('--data-dir <dir>', 'where the store and agent.log live', defaultDataDir())
    .option('--interval <duration>', 'between metrics cycles', durationMs('--interval'), 60_000)
    .option('--verbose', 'log every Kubernetes API request to agent.log (method, path, status, duration)')
    .action(async (opts: ContextOptions & { dataDir: string; interval: number; verbose?: boolean }) => {
      const started = Date.now();
      const say = (line: string) => process.stderr.write(`[agent +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
      const { kubeConfig, context, explain } = kubeConfigFromOptions(opts);
      const terminated = untilTerminated();
      say(`context ${context}; syncing the inventory`);
      const agent = await startAgent({ kubeConfig, dataDir: opts.dataDir, intervalMs: opts.interval, verbose: opts.verbose, onStatus: say }).catch((err: unknown) => {
        throw explain(err);
      });
      const metrics = agent.metricsState();
      if (metrics.state === 'denied') say(`metrics: denied — ${metrics.impact}. Inventory keeps running.`);
      const signal = await terminated;
      say(`${signal}: stopping (flushing the current minute)`);
      await agent.stop();
      say('stopped');
    });
}
