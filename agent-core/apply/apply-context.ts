import type { KubeConfig } from '@kubernetes/client-node';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { AuditTrail, type AuditEntry, type RemoteRequest } from './audit-trail.ts';
import { containerId, type ChangeRequest } from './change-request.ts';

/** Who is changing what, and where it is written down. */
export interface ApplyContext {
  kc: KubeConfig;
  /** The identity the server reported (probeContext), else the kubeconfig user name. */
  who: string;
  audit?: AuditTrail;
  /** Set when a remote action asked for this change: written to its audit lines. */
  remote?: RemoteRequest;
  /** Per request. */
  timeoutMs?: number;
}

export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The audit line for one dry-run or apply; a UserFacingError is a refusal, anything else a failure. `patched`: the
 * real patch was stored (true even when the rollout then failed: there is something to undo).
 */
export function audit(ctx: ApplyContext, request: ChangeRequest, dryRun: boolean, when: Date, outcome: unknown, patched = false): void {
  if (!ctx.audit) return;
  const failed = outcome instanceof Error || (outcome !== undefined && typeof outcome !== 'string');
  const entry: AuditEntry = {
    recommendationId: request.recommendationId,
    serviceId: request.target.uuid,
    containerId: containerId(request),
    namespace: request.target.namespace,
    service: request.target.name,
    kind: request.target.kind,
    apiVersion: request.target.apiVersion,
    ...(request.container.init ? { initContainer: true } : {}),
    dryRun,
    undo: request.undo === true,
    patched,
    current: request.current,
    proposed: request.proposed,
    who: ctx.who,
    ...(ctx.remote ? { remote: ctx.remote } : {}),
    when: when.toISOString(),
    outcome: !failed ? 'ok' : outcome instanceof UserFacingError ? 'refused' : 'failed',
    message: typeof outcome === 'string' ? outcome : messageOf(outcome),
  };
  ctx.audit.record(entry);
}
