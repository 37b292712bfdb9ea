import { isWatchedKind } from '../inventory/watched-kinds.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import type { AuditEntry } from './audit-trail.ts';
import { undoOf, type ChangeRequest } from './change-request.ts';

/**
 * The undo of a recommendation's last stored patch, from the audit log alone: after an apply the recommendation
 * itself is usually gone or recomputed, and the app may have restarted, but the log says what was replaced.
 * `entries` newest first, as readAudit returns them.
 */
export function undoFromAudit(entries: readonly AuditEntry[], recommendationId: string): ChangeRequest {
  const last = entries.find((e) => e.recommendationId === recommendationId && !e.dryRun && (e.patched ?? e.outcome === 'ok'));
  if (!last) throw new UserFacingError('nothing-to-undo', `Recommendation ${recommendationId} has no applied change in the audit log: there is nothing to undo.`);
  if (last.undo) throw new UserFacingError('nothing-to-undo', `Recommendation ${recommendationId}'s last change (${last.when}) was already an undo: there is nothing more to undo.`);
  if (!isWatchedKind(last.kind)) throw new UserFacingError('nothing-to-undo', `The audit line of ${last.when} names a ${last.kind}, which Cluster Insight does not patch.`);
  if (!last.apiVersion) throw new UserFacingError('nothing-to-undo', `The audit line of ${last.when} for recommendation ${recommendationId} predates undo from the log (no apiVersion): re-apply the previous values by hand.`);
  const applied: ChangeRequest = {
    recommendationId,
    target: { uuid: last.serviceId, kind: last.kind, apiVersion: last.apiVersion, namespace: last.namespace, name: last.service },
    container: { name: last.containerId.split('/').at(-1)!, ...(last.initContainer ? { init: true } : {}) },
    current: last.current,
    proposed: last.proposed,
  };
  return undoOf(applied);
}
