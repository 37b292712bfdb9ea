import { Command, CommanderError } from 'commander';
import { registerContexts } from './commands/contexts.ts';
import { registerProbe } from './commands/probe.ts';
import { registerTestcluster } from './commands/testcluster.ts';
import { registerSim } from './commands/sim.ts';
import { registerAgent } from './commands/agent.ts';
import { registerInventory } from './commands/inventory.ts';
import { registerMetrics } from './commands/metrics.ts';
import { registerStart } from './commands/start.ts';
import { registerWeb } from './commands/web.ts';
import { registerRecommend } from './commands/recommend.ts';
import { registerApply } from './commands/apply.ts';
import { registerAudit } from './commands/audit.ts';
import { registerGateway } from './commands/gateway.ts';
import { registerManifest } from './commands/manifest.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';

// `cluster-insight … | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command('cluster-insight')
  .description('Understand and right-size Kubernetes workloads')
  .showHelpAfterError()
  .exitOverride();

registerContexts(program);
registerProbe(program);
registerTestcluster(program);
registerSim(program);
registerAgent(program);
registerInventory(program);
registerMetrics(program);
registerStart(program);
registerWeb(program);
registerRecommend(program);
registerApply(program);
registerAudit(program);
registerGateway(program);
registerManifest(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof UserFacingError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  throw err;
}
