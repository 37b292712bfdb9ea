// A remote action is a request, never an order: it becomes a pending approval that a person (the desktop app) or the
// headless agent's --allow-remote-apply decides on. Approved, it is dry-run first and applied only if the dry run
// succeeds; every outcome goes back to the gateway as an actionResult packet (and the apply machinery audits it).
import type { ActionResultBody } from './protocol.ts';

export interface PendingAction {
  actionId: string;
  recommendationId: string;
  requestedBy?: string;
  requestedAt: number;
  receivedAt: number;
}

export interface DryRunOutcome {
  ok: boolean;
  diff?: string;
  summary?: string;
  message?: string;
  /** The recommendation actually dry-run, when it is not the one the action named (new data replaced that one). */
  recommendationId?: string;
}

/** How an approved action is carried out: the agent wires these to previewChange and applyChange. */
export interface ActionExecutor {
  /** The server-side dry run; throws (or ok: false) to stop before anything changes. */
  dryRun(action: PendingAction): Promise<DryRunOutcome & { apply: () => Promise<string> }>;
}

/** Runs an approved action: dry run, then apply only if the dry run passed and changes something. */
export async function executeApproved(action: PendingAction, executor: ActionExecutor, decidedBy: string): Promise<ActionResultBody> {
  const base = { actionId: action.actionId, recommendationId: action.recommendationId, decidedBy };
  let preview: Awaited<ReturnType<ActionExecutor['dryRun']>>;
  try {
    preview = await executor.dryRun(action);
  } catch (err) {
    const refused = (err as { name?: string }).name === 'UserFacingError';
    return { ...base, outcome: refused ? 'refused' : 'failed', dryRun: { ok: false }, message: `dry run: ${(err as Error).message}` };
  }
  const dryRun = { ok: preview.ok, diff: preview.diff, summary: preview.summary };
  const moved = preview.recommendationId !== undefined && preview.recommendationId !== action.recommendationId;
  const ran = moved ? { ...base, recomputedAs: preview.recommendationId } : base;
  const note = moved ? `new data replaced ${action.recommendationId} with ${preview.recommendationId}, whose values were used; ` : '';
  if (!preview.ok) return { ...ran, outcome: 'refused', dryRun, message: `${note}dry run refused: ${preview.message ?? preview.summary ?? 'no reason given'}` };
  if (!preview.diff) return { ...ran, outcome: 'refused', dryRun, message: `${note}the dry run shows no change: the workload already has these values` };
  try {
    return { ...ran, outcome: 'applied', dryRun, message: `${note}${await preview.apply()}` };
  } catch (err) {
    const refused = (err as { name?: string }).name === 'UserFacingError';
    return { ...ran, outcome: refused ? 'refused' : 'failed', dryRun, message: `${note}apply: ${(err as Error).message}` };
  }
}
