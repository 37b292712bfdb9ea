import readline from 'node:readline/promises';
import type { Command } from 'commander';
import type { WorkloadRecommendation } from '../../agent/live-recommendations.ts';
import { AuditTrail } from '../../apply/audit-trail.ts';
import { applyChange } from '../../apply/apply-change.ts';
import type { ApplyContext } from '../../apply/apply-context.ts';
import { reviewPatchAccess } from '../../apply/patch-access.ts';
import { previewChange } from '../../apply/preview-change.ts';
import { changeRequestFor } from '../../apply/recommendation-target.ts';
import { probeContext } from '../../kube/probe.ts';
import { resolveContext } from '../../kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../../kube/kubeconfig-files.ts';
import { UserFacingError } from '../../kube/user-facing-error.ts';
import { openAgentLog } from '../../log/agent-log.ts';
import { defaultDataDir, openMetricsStore } from '../../store/index.ts';
import { kubeConfigFromOptions, withContextOptions, type ContextOptions } from '../context-options.ts';
import { storeDirFor } from '../recommend-live-mode.ts';

interface ApplyOptions extends ContextOptions {
  recommendation: string;
  dataDir: string;
  dryRun?: boolean;
  yes?: boolean;
}

function storedRecommendation(dataDir: string, context: string, id: string, kubeconfig?: string): WorkloadRecommendation {
  const store = openMetricsStore({ dataDir: storeDirFor(dataDir, context, kubeconfig) });
  try {
    const found = store.recommendations().find((r) => r.id === id);
    if (!found) throw new UserFacingError('no-recommendation', `No stored recommendation "${id}" for context "${context}" in ${dataDir}: list them with \`cluster-insight recommend --context ${context} --json\`.`);
    return found.body as WorkloadRecommendation;
  } finally {
    store.close();
  }
}

/** Asks y/N on a terminal; never guesses yes when nobody can answer. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new UserFacingError('not-confirmed', 'Not applied: stdin is not a terminal, so nobody can confirm. Review the diff above and run again with --yes to apply.');
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerApply(program: Command): void {
  withContextOptions(program.command('apply'))
    .description("Apply a stored recommendation to its workload: server-side dry-run diff, confirmation, patch, rollout; audited in agent.log")
    .requiredOption('--recommendation <id>', 'the recommendation id (see `recommend --context C --json`)')
    .option('--data-dir <dir>', 'where the agent or the app stored its metrics (and where agent.log gets the audit lines)', defaultDataDir())
    .option('--dry-run', 'show the diff and what would happen, change nothing')
    .option('--yes', 'apply without asking')
    .action(async (opts: ApplyOptions) => {
      const { kubeConfig, context, explain } = kubeConfigFromOptions(opts);
      const rec = storedRecommendation(opts.dataDir, context, opts.recommendation, opts.kubeconfig);
      const resolved = resolveContext(loadKubeconfig({ kubeconfig: opts.kubeconfig }), opts.context);
      const who = (await probeContext(resolved)).identity?.username ?? (resolved.context.user || 'anonymous');
      const log = openAgentLog({ dir: opts.dataDir });
      const ctx: ApplyContext = { kc: kubeConfig, who, audit: new AuditTrail(log.logger) };
      const out = (line: string) => process.stdout.write(`${line}\n`);
      try {
        const request = await changeRequestFor(kubeConfig, rec).catch((err: unknown) => {
          throw err instanceof UserFacingError ? err : explain(err);
        });
        const preview = await previewChange(ctx, request);
        out(`${request.target.kind} ${request.target.namespace}/${request.target.name}, container ${request.container.name} (as ${who}):`);
        out(preview.diff || '(the spec would not change)');
        out(preview.consequence.summary);
        if (opts.dryRun) return;
        const access = await reviewPatchAccess(kubeConfig, request.target, who);
        if (access.allowed === false) throw new UserFacingError('patch-denied', `Not applied: ${access.reason}`);
        if (!opts.yes && !(await confirm('Apply this change? [y/N] '))) throw new UserFacingError('not-confirmed', 'Not applied: not confirmed.');
        const result = await applyChange(ctx, preview, { onProgress: (line) => out(`rollout: ${line}`) });
        out(result.rollout ? `rollout ${result.rollout.state}: ${result.rollout.message}` : 'applied.');
        if (result.rollout && result.rollout.state !== 'complete') {
          throw new UserFacingError('rollout-failed', `Applied, but the rollout is ${result.rollout.state}: ${result.rollout.message}. To undo, re-apply the previous values.`, 1);
        }
      } finally {
        await log.close();
      }
    });
}
