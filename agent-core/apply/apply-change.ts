import type { KubeObject } from '../inventory/kube-object.ts';
import { KubeHttpError, kubeRequestJson } from '../kube/kube-request.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { audit, STRATEGIC_MERGE_PATCH, type ApplyContext } from './apply-context.ts';
import { followRollout, type RolloutOutcome } from './rollout-follow.ts';
import type { ChangePreview } from './preview-change.ts';
import { objectPath } from './workload-target.ts';

export interface ApplyResult {
  /** The object's resourceVersion after the patch. */
  resourceVersion: string;
  /** For a Deployment when followed; undefined for kinds that do not roll or when not followed. */
  rollout?: RolloutOutcome;
}

export interface ApplyOptions {
  /** Follow a Deployment's rollout (default true). */
  follow?: boolean;
  /** Overrides the Deployment's progressDeadlineSeconds. */
  rolloutTimeoutMs?: number;
  onProgress?: (line: string) => void;
}

/**
 * The real PATCH, with the preview's resourceVersion: if anything changed the object since the preview, the server
 * answers 409 and the apply is refused (the user must see the new diff first). Then follows a Deployment's rollout.
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
  if (request.target.kind === 'Deployment' && options.follow !== false) {
    result.rollout = await followRollout(ctx, request.target, stored, when, options);
  }
  const rollout = result.rollout;
  const message = rollout ? `applied; rollout ${rollout.state}: ${rollout.message}` : `applied: ${preview.consequence.summary}`;
  audit(ctx, request, false, when, rollout && rollout.state !== 'complete' ? new Error(message) : message);
  return result;
}
