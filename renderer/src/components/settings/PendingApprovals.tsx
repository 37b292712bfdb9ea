import { useState } from 'react';
import type { ActionOutcomeView, AppError, ApplyPreview, PendingActionView } from '../../../../agent-core/contract/app-contract.ts';
import { formatAgo, formatDateTime } from '../../format/time.ts';
import { formatValue, RESOURCE_FIELDS } from '../../recommendations/recommendation-values.ts';
import { toAppError } from '../../state/app-error.ts';
import { currentClient } from '../../state/connection-store.ts';
import { useResource } from '../../state/resource.ts';
import { auditResource, pendingActionsResource, relayResource } from '../../state/resources.ts';
import { Badge, type Tone } from '../common/Badge.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { Panel } from '../common/Panel.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { useNow } from '../common/use-now.ts';
import { DiffBlock } from '../apply/DiffBlock.tsx';

const OUTCOME_TONE: Record<ActionOutcomeView['outcome'], Tone> = { applied: 'ok', rejected: 'neutral', refused: 'warn', failed: 'error' };

/** Remote requests from the gateway to apply a recommendation: each waits here until the user approves or declines it. */
export function PendingApprovals() {
  const pending = useResource(pendingActionsResource, {});
  const [decided, setDecided] = useState<ActionOutcomeView[]>([]);
  const noteDecision = (outcome: ActionOutcomeView) => {
    setDecided((list) => [outcome, ...list].slice(0, 10));
    pendingActionsResource.refresh();
    relayResource.refresh();
    auditResource.refresh();
  };
  return (
    <Panel title="Pending approvals" testId="pending-approvals">
      <ResourceView state={pending} onRetry={pendingActionsResource.refresh} errorTitle="Could not list the remote requests">
        {(data) =>
          data.rows.length === 0 ? (
            <EmptyState title="No remote request is waiting">When the gateway asks to apply a recommendation, it shows here; nothing is applied until you approve it.</EmptyState>
          ) : (
            <ul className="plain-list approvals">
              {data.rows.map((row) => (
                <PendingRow key={row.actionId} row={row} onDecided={noteDecision} />
              ))}
            </ul>
          )
        }
      </ResourceView>
      {decided.map((outcome) => (
        <DecisionResult key={outcome.actionId} outcome={outcome} />
      ))}
    </Panel>
  );
}

function PendingRow({ row, onDecided }: { row: PendingActionView; onDecided: (outcome: ActionOutcomeView) => void }) {
  const now = useNow(10_000);
  const [mode, setMode] = useState<'idle' | 'approve' | 'reject'>('idle');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const [rolloutProgress, setRolloutProgress] = useState<string | null>(null);
  const changed = row.current && row.proposed ? RESOURCE_FIELDS.filter((f) => row.current![f.field] !== row.proposed![f.field]) : [];

  const decide = async (request: () => Promise<ActionOutcomeView> | undefined) => {
    setBusy(true);
    setError(null);
    setRolloutProgress(null);
    // An approval returns once the rollout is followed to its end: meanwhile its steps show here.
    const stopFollowing = currentClient()?.on('actionProgress', (event) => {
      if (event.actionId === row.actionId) setRolloutProgress(event.progress);
    });
    try {
      const outcome = await request();
      if (outcome) onDecided(outcome);
    } catch (err) {
      const appError = toAppError(err);
      setError(appError);
      pendingActionsResource.refresh();
      // Still pending, with new values: show their dry run, so the next confirmation is of what will be applied.
      if (appError.code === 'recommendation-moved') startApprove();
    } finally {
      stopFollowing?.();
      setBusy(false);
      setRolloutProgress(null);
    }
  };

  const startApprove = () => {
    setMode('approve');
    // Known recommendations are dry-run first so the user sees the diff before approving; unknown ones cannot be.
    if (!row.workload) return;
    const client = currentClient();
    if (!client) return;
    setPreview({ phase: 'loading' });
    client.request('apply.preview', { recommendationId: row.recomputedAs ?? row.recommendationId }).then(
      (shown) => setPreview({ phase: 'shown', preview: shown }),
      (err: unknown) => setPreview({ phase: 'failed', error: toAppError(err) }),
    );
  };

  return (
    <li className="approval" data-testid="pending-approval" data-action-id={row.actionId} data-recommendation-id={row.recommendationId}>
      <div className="approval__head">
        {row.workload ? (
          <span>
            <span className="muted">
              {row.workload.namespace} / {row.workload.kind} /{' '}
            </span>
            <strong>{row.workload.name}</strong> <span className="muted">· container</span> <span className="mono">{row.container}</span>
          </span>
        ) : (
          <span>
            Recommendation <span className="mono">{row.recommendationId}</span> <span className="muted">(this app has no recommendation under this id, nor a newer one for its container: approving it will be refused)</span>
          </span>
        )}
        <span className="muted" title={formatDateTime(row.requestedAt)}>
          asked {formatAgo(row.requestedAt, now)}
          {row.requestedBy ? ` by ${row.requestedBy}` : ''}
        </span>
      </div>
      {row.recomputedAs && (
        <p className="recomputed-note" role="note" data-testid="pending-approval-recomputed" title={`Requested ${row.recommendationId}, now ${row.recomputedAs}`}>
          New data moved this recommendation since the gateway saw it: these are the values it proposes now.
        </p>
      )}
      {changed.length > 0 && (
        <div className="approval__values" data-testid="pending-approval-values">
          {changed.map((f) => (
            <span key={f.field} className="nowrap">
              <span className="muted">{f.label} </span>
              {formatValue(f.resource, row.current![f.field])} → <strong>{formatValue(f.resource, row.proposed![f.field])}</strong>
            </span>
          ))}
        </div>
      )}
      {mode === 'approve' && preview && <ApprovalPreview state={preview} />}
      {error && <ErrorMessage error={error} title="Could not decide on this request" />}
      <div className="approval__actions">
        {mode === 'idle' && (
          <>
            <button type="button" className="button button--small button--primary" data-testid="pending-approve" onClick={startApprove}>
              Approve…
            </button>
            <button type="button" className="button button--small" data-testid="pending-reject" onClick={() => setMode('reject')}>
              Decline…
            </button>
          </>
        )}
        {mode === 'approve' && (
          <>
            <span>The change is dry-run on the API server first and applied only if that passes; both steps are audited under your name.</span>
            <button type="button" className="button button--small button--primary" data-testid="pending-approve-confirm" disabled={busy || preview?.phase === 'loading'} onClick={() => void decide(() => currentClient()?.request('actions.approve', { actionId: row.actionId, previewedRecommendationId: previewedId(preview) }))}>
              Dry-run and apply
            </button>
            <button type="button" className="button button--small button--ghost" data-testid="pending-approve-cancel" disabled={busy} onClick={() => setMode('idle')}>
              Cancel
            </button>
          </>
        )}
        {mode === 'reject' && (
          <form
            className="approval__reject"
            onSubmit={(e) => {
              e.preventDefault();
              void decide(() => currentClient()?.request('actions.reject', { actionId: row.actionId, reason: reason.trim() }));
            }}
          >
            <label>
              <span className="visually-hidden">Why you decline</span>
              <input className="input" data-testid="pending-reject-reason" placeholder="Why (the gateway is told)" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit" className="button button--small" data-testid="pending-reject-confirm" disabled={busy || reason.trim() === ''}>
              Decline
            </button>
            <button type="button" className="button button--small button--ghost" disabled={busy} onClick={() => setMode('idle')}>
              Cancel
            </button>
          </form>
        )}
        {busy && <span className="spinner spinner--small" aria-label="Working" />}
        {busy && rolloutProgress && (
          <span className="muted" role="status" data-testid="pending-approval-progress">
            Rollout: {rolloutProgress}
          </span>
        )}
      </div>
    </li>
  );
}

function DecisionResult({ outcome }: { outcome: ActionOutcomeView }) {
  return (
    <div className="approval-result" data-testid="approval-result" data-outcome={outcome.outcome}>
      <div className="approval__head">
        <Badge tone={OUTCOME_TONE[outcome.outcome]}>{outcome.outcome}</Badge>
        <span className="mono muted">{outcome.recomputedAs ? `${outcome.recommendationId} → ${outcome.recomputedAs}` : outcome.recommendationId}</span>
      </div>
      <p className="approval-result__message">{outcome.message}</p>
      {outcome.dryRun?.diff && <DiffBlock diff={outcome.dryRun.diff} label="The dry run's diff" />}
    </div>
  );
}

type PreviewState = { phase: 'loading' } | { phase: 'shown'; preview: ApplyPreview } | { phase: 'failed'; error: AppError };

/** What the user saw dry-run binds the approval: if new data moves the recommendation before they confirm, it is refused. */
const previewedId = (state: PreviewState | null) => (state?.phase === 'shown' ? state.preview.recommendationId : undefined);

/** What the API server would store, from a dry run (audited like any preview), shown before the user approves. */
function ApprovalPreview({ state }: { state: PreviewState }) {
  if (state.phase === 'loading') return <span className="muted">Dry-running the change on the API server…</span>;
  if (state.phase === 'failed') return <ErrorMessage error={state.error} title="The dry run failed: approving will be refused" />;
  const { preview } = state;
  return (
    <div className="approval__preview" data-testid="pending-approval-preview" data-allowed={String(preview.access.allowed)}>
      {preview.access.allowed === false ? (
        <p className="approval-result__message">This context may not patch it: {preview.access.reason}</p>
      ) : (
        <>
          <p className="approval-result__message">{preview.consequence.summary}</p>
          {preview.diff ? <DiffBlock diff={preview.diff} label="What the API server would store (dry run)" testId="pending-approval-diff" /> : <p className="muted">No change: the object already has these values.</p>}
        </>
      )}
    </div>
  );
}
