import type { Command } from 'commander';
import { startAgent } from '../../agent/agent.ts';
import { defaultDataDir } from '../../store/index.ts';
import { kubeConfigFromOptions, withContextOptions, type ContextOptions } from '../context-options.ts';
import { durationMs } from '../duration.ts';
import { untilTerminated } from '../until-terminated.ts';
import { startAgentRelay, type AgentRelayOptions } from './agent-relay.ts';

export function registerAgent(program: Command): void {
  withContextOptions(program.command('agent'))
    .description('Run the agent headless: watch workload specs and store per-container metrics every interval, until SIGINT or SIGTERM')
    .option('--data-dir <dir>', 'where the store and agent.log live', defaultDataDir())
    .option('--interval <duration>', 'between metrics cycles', durationMs('--interval'), 60_000)
    .option('--verbose', 'log every Kubernetes API request to agent.log (method, path, status, duration)')
    .option('--connection-file <file>', 'relay to a gateway (the file `cluster-insight gateway enroll` wrote)')
    .option('--allow-remote-apply', "apply the gateway's remote actions (each is dry-run first); without it they are declined")
    .option('--hash-names', 'privacy: relay HMACs of names instead of names (and no raw objects)')
    .option('--outbox-max-age <duration>', 'keep unacknowledged packets this long through an outage', durationMs('--outbox-max-age'), 60 * 60_000)
    .action(async (opts: ContextOptions & AgentRelayOptions & { dataDir: string; interval: number; verbose?: boolean }) => {
      const started = Date.now();
      const say = (line: string) => process.stderr.write(`[agent +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
      const { kubeConfig, context, explain } = kubeConfigFromOptions(opts);
      const relay = startAgentRelay(opts, kubeConfig, say);
      const terminated = untilTerminated();
      say(`context ${context}; syncing the inventory`);
      const agent = await startAgent({ kubeConfig, dataDir: opts.dataDir, intervalMs: opts.interval, verbose: opts.verbose, onStatus: say, relay: relay?.relay }).catch(async (err: unknown) => {
        await relay?.close();
        throw explain(err);
      });
      relay?.attach(agent);
      const metrics = agent.metricsState();
      if (metrics.state === 'denied') say(`metrics: denied — ${metrics.impact}. Inventory keeps running.`);
      const signal = await terminated;
      say(`${signal}: stopping (flushing the current minute)`);
      await agent.stop();
      await relay?.close();
      say('stopped');
    });
}
