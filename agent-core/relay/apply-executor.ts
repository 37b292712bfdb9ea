// How an approved remote action is carried out on a cluster: the stored recommendation becomes a change request,
// previewChange dry-runs it on the server, applyChange applies exactly that preview. Both audit (via ctx.audit).
import type { WorkloadRecommendation } from '../agent/live-recommendations.ts';
import { applyChange } from '../apply/apply-change.ts';
import type { ApplyContext } from '../apply/apply-context.ts';
import { previewChange } from '../apply/preview-change.ts';
import { changeRequestFor } from '../apply/recommendation-target.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import type { ActionExecutor } from './remote-actions.ts';

export function clusterActionExecutor(ctx: ApplyContext, recommendations: () => readonly WorkloadRecommendation[]): ActionExecutor {
  return {
    async dryRun({ recommendationId, actionId, requestedBy }) {
      const rec = recommendations().find((r) => r.id === recommendationId);
      if (!rec) throw new UserFacingError('no-recommendation', `this agent has no current recommendation ${recommendationId} (it may have been recomputed under a new id)`);
      // The audit lines name both: who approved it here (ctx.who) and who asked for it at the gateway.
      const actionCtx: ApplyContext = { ...ctx, remote: { actionId, requestedBy: requestedBy ?? null } };
      const request = await changeRequestFor(actionCtx.kc, rec);
      const preview = await previewChange(actionCtx, request);
      return {
        ok: true,
        diff: preview.diff,
        summary: preview.consequence.summary,
        apply: async () => {
          const result = await applyChange(actionCtx, preview);
          return result.rollout ? `rollout ${result.rollout.state}: ${result.rollout.message}` : `applied: ${preview.consequence.summary}`;
        },
      };
    },
  };
}
