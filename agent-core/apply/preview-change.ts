import { stringify } from 'yaml';
import type { KubeObject } from '../inventory/kube-object.ts';
import { kubeRequestJson } from '../kube/kube-request.ts';
import { audit, STRATEGIC_MERGE_PATCH, type ApplyContext } from './apply-context.ts';
import type { ChangeRequest } from './change-request.ts';
import { unifiedDiff } from './line-diff.ts';
import { buildResourcePatch, type ExistingResources } from './resource-patch.ts';
import { rolloutConsequence, type RolloutConsequence } from './rollout-consequence.ts';
import { objectPath, podSpecPath } from './workload-target.ts';

/** What the API server would store, shown before anything changes; applyChange takes it as it is. */
export interface ChangePreview {
  request: ChangeRequest;
  /** The resourceVersion the preview was made against: the apply is refused if the object moved on. */
  resourceVersion: string;
  patch: Record<string, unknown>;
  /** Unified-diff-like lines of the spec as YAML, current → what the server would store; '' if nothing changes. */
  diff: string;
  consequence: RolloutConsequence;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The container's resources in the object as read, found by the same path the patch takes. */
function existingResources(object: KubeObject, request: ChangeRequest): ExistingResources {
  let spec: unknown = object;
  for (const key of podSpecPath(request.target.kind)) spec = spec && typeof spec === 'object' ? (spec as Record<string, unknown>)[key] : undefined;
  const list = spec && typeof spec === 'object' ? (spec as Record<string, unknown>)[request.container.init ? 'initContainers' : 'containers'] : undefined;
  const container = Array.isArray(list) ? (list as { name?: string; resources?: ExistingResources }[]).find((c) => c.name === request.container.name) : undefined;
  return container?.resources ?? {};
}

/**
 * GETs the object, then PATCHes it with dryRun=All: the answer is the object as the server would store it (defaults,
 * admission and LimitRanges applied), and nothing is stored. Audited, whatever the outcome.
 */
export async function previewChange(ctx: ApplyContext, request: ChangeRequest): Promise<ChangePreview> {
  const when = new Date();
  try {
    const path = objectPath(request.target);
    const timeoutMs = ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const current = await kubeRequestJson<KubeObject>(ctx.kc, { path, timeoutMs });
    const resourceVersion = current.metadata?.resourceVersion ?? '';
    const patch = buildResourcePatch(request.target, request.container, request.proposed, resourceVersion, existingResources(current, request));
    const stored = await kubeRequestJson<KubeObject>(ctx.kc, {
      method: 'PATCH',
      path,
      query: { dryRun: 'All' },
      contentType: STRATEGIC_MERGE_PATCH,
      body: patch,
      timeoutMs,
    });
    const diff = unifiedDiff(stringify(current.spec ?? {}), stringify(stored.spec ?? {}));
    // The dry-run's answer carries what the server would default; its status is the current one.
    const preview: ChangePreview = { request, resourceVersion, patch, diff, consequence: rolloutConsequence(stored) };
    audit(ctx, request, true, when, diff ? `dry-run: ${preview.consequence.summary}` : 'dry-run: the spec would not change');
    return preview;
  } catch (err) {
    audit(ctx, request, true, when, err);
    throw err;
  }
}
