import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ApplyPreview, ApplyResult, AuditRow } from '../contract/app-contract.ts';
import { AuditTrail, readAudit } from '../apply/audit-trail.ts';
import { applyChange } from '../apply/apply-change.ts';
import type { ApplyContext } from '../apply/apply-context.ts';
import { undoOf, type ChangeRequest } from '../apply/change-request.ts';
import { reviewPatchAccess } from '../apply/patch-access.ts';
import { previewChange, type ChangePreview } from '../apply/preview-change.ts';
import { INTERACTIVE_ROLLOUT_TIMEOUT_MS } from '../apply/rollout-follow.ts';
import { changeRequestFor } from '../apply/recommendation-target.ts';
import { undoFromAudit } from '../apply/undo-from-audit.ts';
import type { Agent } from '../agent/agent.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import type { AppSession } from './app-session.ts';

const auditDir = (agent: Agent) => path.dirname(agent.log.file);

// A preview older than this is not applied: the user must look at a fresh one.
const PREVIEW_TTL_MS = 10 * 60_000;

interface ContainerRef {
  workloadUid: string;
  container: string;
}

interface HeldPreview {
  preview: ChangePreview;
  undo: boolean;
  workloadUid: string;
  at: number;
}

/**
 * Preview (server-side dry run), confirm (the real patch of exactly what was previewed) and undo for the
 * renderer, every step audited in the agent's log. Applied changes are remembered per recommendation so that
 * undo puts back the values the apply replaced, not whatever the recommendation says by then.
 */
export interface ApplyEvents {
  /** Each change in a confirmed apply's rollout, for the dialog that waits on it. */
  onApplyProgress?: (previewId: string, progress: string) => void;
}

export function applyHandlers(session: AppSession, events: ApplyEvents = {}) {
  const previews = new Map<string, HeldPreview>();
  const applied = new Map<string, ChangeRequest>();
  const trails = new WeakMap<Agent, AuditTrail>();

  const context = (): ApplyContext => {
    const agent = session.requireAgent();
    const { kubeConfig, who } = session.requireConnection();
    let audit = trails.get(agent);
    if (!audit) trails.set(agent, (audit = new AuditTrail(agent.log.logger)));
    return { kc: kubeConfig, who, audit };
  };

  const requestFor = async (recommendationId: string, undo: boolean, container?: ContainerRef): Promise<{ request: ChangeRequest; workloadUid: string }> => {
    const agent = session.requireAgent();
    if (undo) {
      // This session's own applies first; after a restart, what the audit log says was replaced.
      const done = applied.get(recommendationId);
      const request = done ? undoOf(done) : undoFromAudit(readAudit(auditDir(agent)), recommendationId);
      const rec = agent.recommendations().find((r) => r.id === recommendationId);
      const workload = rec ? undefined : agent.inventory.entities().find((e) => e.uuid === request.target.uuid);
      return { request, workloadUid: rec?.workload.uid ?? workload?.uid ?? '' };
    }
    // A proposal's id changes when new data moves it: "Preview again" after a refusal previews what the agent
    // proposes for that container now, and the dialog says the values moved.
    const rec =
      agent.currentRecommendation(recommendationId) ??
      (container && agent.recommendations().find((r) => r.workload.uid === container.workloadUid && r.containerName === container.container));
    if (!rec) {
      const why = container ? `the agent no longer proposes a change for container ${container.container}` : 'it may have been recomputed since';
      throw new UserFacingError('unknown-recommendation', `No current recommendation ${recommendationId}: ${why}. Reopen the Recommendations view.`);
    }
    return { request: await changeRequestFor(session.requireConnection().kubeConfig, rec), workloadUid: rec.workload.uid };
  };

  return {
    'apply.preview': async ({ recommendationId, undo = false, container }: { recommendationId: string; undo?: boolean; container?: ContainerRef }): Promise<ApplyPreview> => {
      const ctx = context();
      const { request, workloadUid } = await requestFor(recommendationId, undo, container);
      const access = await reviewPatchAccess(ctx.kc, request.target, ctx.who);
      const { target } = request;
      const shown = {
        recommendationId: request.recommendationId,
        recomputedFrom: request.recommendationId === recommendationId ? null : recommendationId,
        undo,
        workload: { uid: workloadUid, namespace: target.namespace, kind: target.kind, name: target.name },
        container: request.container.name,
        current: request.current,
        proposed: request.proposed,
      };
      if (access.allowed === false) {
        // A dry run needs the same patch permission: nothing to show but why.
        return {
          ...shown,
          previewId: '',
          diff: '',
          consequence: { rolls: 'none', podsReplaced: 0, summary: 'Not previewed: this context may not patch it, so the API server cannot dry-run the change either.' },
          resourceVersion: '',
          access: { allowed: false, reason: access.reason ?? 'patch is denied for this context' },
        };
      }
      const preview = await previewChange(ctx, request);
      const previewId = randomUUID();
      const now = Date.now();
      for (const [id, held] of previews) if (now - held.at > PREVIEW_TTL_MS) previews.delete(id);
      previews.set(previewId, { preview, undo, workloadUid, at: now });
      return {
        ...shown,
        previewId,
        diff: preview.diff,
        consequence: preview.consequence,
        resourceVersion: preview.resourceVersion,
        access: { allowed: access.allowed ?? null, reason: access.reason ?? null },
      };
    },
    'apply.confirm': async ({ previewId }: { previewId: string }): Promise<ApplyResult> => {
      const held = previews.get(previewId);
      if (!held || Date.now() - held.at > PREVIEW_TTL_MS) {
        throw new UserFacingError('preview-expired', 'This preview is no longer held (older than 10 minutes, or the app restarted): preview again before applying.');
      }
      previews.delete(previewId);
      const { recommendationId } = held.preview.request;
      try {
        const result = await applyChange(context(), held.preview, {
          rolloutTimeoutMs: INTERACTIVE_ROLLOUT_TIMEOUT_MS,
          onProgress: (progress) => events.onApplyProgress?.(previewId, progress),
        });
        if (held.undo) applied.delete(recommendationId);
        else applied.set(recommendationId, held.preview.request);
        const rollout = result.rollout ?? null;
        const outcome = rollout && rollout.state !== 'complete' ? 'failed' : 'ok';
        return {
          outcome,
          message: rollout?.message ?? held.preview.consequence.summary,
          rollout,
          undoAvailable: applied.has(recommendationId),
        };
      } catch (err) {
        if (err instanceof UserFacingError && err.code === 'changed-since-preview') return { outcome: 'refused', message: err.message, rollout: null, undoAvailable: applied.has(recommendationId) };
        throw err;
      }
    },
    'audit.list': (): { rows: AuditRow[] } => {
      const agent = session.requireAgent();
      return { rows: readAudit(auditDir(agent)) };
    },
  };
}
