// How an approved remote action is carried out on a cluster: the stored recommendation becomes a change request,
// previewChange dry-runs it on the server, applyChange applies exactly that preview. Both audit (via ctx.audit).
import type { WorkloadRecommendation } from '../agent/live-recommendations.ts';
import { applyChange } from '../apply/apply-change.ts';
import type { FollowOptions } from '../apply/rollout-follow.ts';
import type { ApplyContext } from '../apply/apply-context.ts';
import { previewChange } from '../apply/preview-change.ts';
import { changeRequestFor } from '../apply/recommendation-target.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import type { ActionExecutor } from './remote-actions.ts';

/**
 * currentRecommendation resolves the action's id to the container's current recommendation (an id hashes the
 * proposed values, so new minutes can replace it between the gateway's packet and the decision). Without a person's
 * preview (--allow-remote-apply) the current values are what the agent stands behind, and the result names them.
 * followFor says how to follow each action's rollout: how long, and where its progress goes.
 */
export function clusterActionExecutor(
  ctx: ApplyContext,
  currentRecommendation: (id: string) => WorkloadRecommendation | undefined,
  followFor: (actionId: string) => FollowOptions = () => ({}),
): ActionExecutor {
  return {
    async dryRun({ recommendationId, actionId, requestedBy }) {
      const rec = currentRecommendation(recommendationId);
      if (!rec) {
        throw new UserFacingError(
          'no-recommendation',
          `this agent has no current recommendation ${recommendationId}, nor a newer one for the same container (another cluster's id, one replaced long ago, or a container that no longer gets one)`,
        );
      }
      // The audit lines name both: who approved it here (ctx.who) and who asked for it at the gateway.
      const actionCtx: ApplyContext = { ...ctx, remote: { actionId, requestedBy: requestedBy ?? null } };
      const request = await changeRequestFor(actionCtx.kc, rec);
      const preview = await previewChange(actionCtx, request);
      return {
        ok: true,
        diff: preview.diff,
        summary: preview.consequence.summary,
        recommendationId: rec.id,
        apply: async () => {
          const result = await applyChange(actionCtx, preview, followFor(actionId));
          return result.rollout ? `rollout ${result.rollout.state}: ${result.rollout.message}` : `applied: ${preview.consequence.summary}`;
        },
      };
    },
  };
}
