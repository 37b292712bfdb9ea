import readline from 'node:readline/promises';
import type { Command } from 'commander';
import type { WorkloadRecommendation } from '../../agent/live-recommendations.ts';
import { AuditTrail, readAudit } from '../../apply/audit-trail.ts';
import { applyChange } from '../../apply/apply-change.ts';
import { audit, type ApplyContext } from '../../apply/apply-context.ts';
import { reviewPatchAccess } from '../../apply/patch-access.ts';
import { previewChange } from '../../apply/preview-change.ts';
import { changeRequestFor } from '../../apply/recommendation-target.ts';
import { undoFromAudit } from '../../apply/undo-from-audit.ts';
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
  undo?: boolean;
}

function storedRecommendation(storeDir: string, context: string, id: string): WorkloadRecommendation {
  const store = openMetricsStore({ dataDir: storeDir });
  try {
    const found = store.recommendations().find((r) => r.id === id);
    if (!found) throw new UserFacingError('no-recommendation', `No stored recommendation "${id}" for context "${context}" in ${storeDir}: list them with \`cluster-insight recommend --context ${context} --json\`.`);
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
    .option('--undo', "put back what this recommendation's last apply replaced (from the audit log), through the same preview and confirmation")
    .action(async (opts: ApplyOptions) => {
      const { kubeConfig, context, explain } = kubeConfigFromOptions(opts);
      // The app's per-cluster folder, or the headless agent's: the audit goes beside the store, where the app's Audit view reads it.
      const storeDir = storeDirFor(opts.dataDir, context, opts.kubeconfig);
      const resolved = resolveContext(loadKubeconfig({ kubeconfig: opts.kubeconfig }), opts.context);
      const who = (await probeContext(resolved)).identity?.username ?? (resolved.context.user || 'anonymous');
      const log = openAgentLog({ dir: storeDir });
      const ctx: ApplyContext = { kc: kubeConfig, who, audit: new AuditTrail(log.logger) };
      const out = (line: string) => process.stdout.write(`${line}\n`);
      try {
        const request = opts.undo
          ? undoFromAudit(readAudit(storeDir), opts.recommendation)
          : await changeRequestFor(kubeConfig, storedRecommendation(storeDir, context, opts.recommendation)).catch((err: unknown) => {
              throw err instanceof UserFacingError ? err : explain(err);
            });
        const preview = await previewChange(ctx, request);
        out(`${opts.undo ? 'Undo: ' : ''}${request.target.kind} ${request.target.namespace}/${request.target.name}, container ${request.container.name} (as ${who}):`);
        out(preview.diff || '(the spec would not change)');
        out(preview.consequence.summary);
        if (opts.dryRun) return;
        // Stopping here is a decision too: the audit says who was refused, or who said no.
        const notApplied = (code: string, message: string) => {
          const refusal = new UserFacingError(code, `Not applied: ${message}`);
          audit(ctx, request, false, new Date(), refusal);
          return refusal;
        };
        const access = await reviewPatchAccess(kubeConfig, request.target, who);
        if (access.allowed === false) throw notApplied('patch-denied', access.reason ?? 'patch is denied for this context');
        if (!opts.yes) {
          const yes = await confirm('Apply this change? [y/N] ').catch((err: unknown) => {
            throw err instanceof UserFacingError ? notApplied(err.code, err.message.replace(/^Not applied: /, '')) : err;
          });
          if (!yes) throw notApplied('not-confirmed', 'not confirmed.');
        }
        const result = await applyChange(ctx, preview, { onProgress: (line) => out(`rollout: ${line}`) });
        out(result.rollout ? `rollout ${result.rollout.state}: ${result.rollout.message}` : `applied: ${preview.consequence.summary}`);
        if (result.rollout && result.rollout.state !== 'complete') {
          const undo = `cluster-insight apply --context ${context} --recommendation ${opts.recommendation} --undo`;
          throw new UserFacingError('rollout-failed', `Applied, but the rollout is ${result.rollout.state}: ${result.rollout.message}.${opts.undo ? '' : ` To undo: ${undo}`}`, 1);
        }
      } finally {
        await log.close();
      }
    });
}
