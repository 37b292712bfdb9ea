import type { KubeConfig } from '@kubernetes/client-node';
import { reviewAccess } from '../inventory/access-review.ts';
import { KIND_INFO } from '../inventory/watched-kinds.ts';
import { assertPatchable, type WorkloadTarget } from './workload-target.ts';

export interface PatchAccess {
  /** undefined: the review itself failed; only trying will tell. */
  allowed: boolean | undefined;
  /** Why Apply is not offered (or may fail), for a person; undefined when allowed. */
  reason?: string;
}

/** Asks the server (SelfSubjectAccessReview) whether we may patch this object, before Apply is offered. */
export async function reviewPatchAccess(kc: KubeConfig, target: WorkloadTarget, who: string): Promise<PatchAccess> {
  assertPatchable(target);
  const info = KIND_INFO[target.kind];
  const [result] = await reviewAccess(kc, [{ verb: 'patch', group: info.group, resource: info.resource, namespace: target.namespace, name: target.name }]);
  const resource = info.group ? `${info.resource}.${info.group}` : info.resource;
  if (result!.allowed === true) return { allowed: true };
  if (result!.allowed === undefined) return { allowed: undefined, reason: `could not ask whether ${who} may patch ${resource}: ${result!.reason}` };
  const said = result!.reason ? ` (the server said: ${result!.reason})` : '';
  return {
    allowed: false,
    reason: `${who} may not patch ${resource} in namespace ${target.namespace}${said}: this context is read-only for them. Use a context whose role grants "patch" on ${resource}, or ask a cluster admin for it.`,
  };
}
