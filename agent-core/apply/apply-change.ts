import type { KubeObject } from '../inventory/kube-object.ts';
import { KubeHttpError, kubeRequestJson } from '../kube/kube-request.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { audit, STRATEGIC_MERGE_PATCH, type ApplyContext } from './apply-context.ts';
import { followRollout, rollsOnItsOwn, type FollowOptions, type RolloutOutcome } from './rollout-follow.ts';
import type { ChangePreview } from './preview-change.ts';
import { objectPath } from './workload-target.ts';

export interface ApplyResult {
  /** The object's resourceVersion after the patch. */
  resourceVersion: string;
  /** For a Deployment, StatefulSet or DaemonSet that rolls, when followed; undefined otherwise. */
  rollout?: RolloutOutcome;
}

export interface ApplyOptions extends FollowOptions {
  /** Follow the rollout (default true). */
  follow?: boolean;
}

/**
 * The real PATCH, with the preview's resourceVersion: if anything changed the object since the preview, the server
 * answers 409 and the apply is refused (the user must see the new diff first). Then follows the rollout, if the kind
 * and its update strategy roll at all.
 */
export async function applyChange(ctx: ApplyContext, preview: ChangePreview, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { request } = preview;
  const when = new Date();
  let stored: KubeObject;
  try {
    stored = await kubeRequestJson<KubeObject>(ctx.kc, {
      method: 'PATCH',
      path: objectPath(request.target),
      contentType: STRATEGIC_MERGE_PATCH,
      body: preview.patch,
      timeoutMs: ctx.timeoutMs ?? 15_000,
    });
  } catch (err) {
    const refused =
      err instanceof KubeHttpError && err.status === 409
        ? new UserFacingError(
            'changed-since-preview',
            `${request.target.kind} ${request.target.namespace}/${request.target.name} changed since the preview (it was at resourceVersion ${preview.resourceVersion}); nothing was applied: preview again.`,
            2,
            { cause: err },
          )
        : err;
    audit(ctx, request, false, when, refused);
    throw refused;
  }
  const result: ApplyResult = { resourceVersion: stored.metadata?.resourceVersion ?? '' };
  if (options.follow !== false && rollsOnItsOwn(stored)) {
    result.rollout = await followRollout(ctx, request.target, stored, when, options);
  }
  const rollout = result.rollout;
  const message = rollout ? `applied; rollout ${rollout.state}: ${rollout.message}` : `applied: ${preview.consequence.summary}`;
  audit(ctx, request, false, when, rollout && rollout.state !== 'complete' ? new Error(message) : message, true);
  return result;
}
