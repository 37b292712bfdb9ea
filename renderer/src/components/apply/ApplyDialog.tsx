import { useEffect, useMemo, useRef } from 'react';
import type { ApplyPreview, ApplyResult } from '../../../../agent-core/contract/app-contract.ts';
import { diffCounts, diffLines } from '../../apply/diff-lines.ts';
import { formatValue, RESOURCE_FIELDS, valueChange } from '../../recommendations/recommendation-values.ts';
import { useApply, type ApplyTarget } from '../../state/apply-store.ts';
import { Badge, type Tone } from '../common/Badge.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { Skeleton } from '../common/Skeleton.tsx';
import { DiffBlock } from './DiffBlock.tsx';

/** The approve-to-apply dialog: the dry run's diff and consequence, the access check, the apply and its result. */
export function ApplyDialog() {
  const phase = useApply((s) => s.phase);
  const target = useApply((s) => s.target);
  const close = useApply((s) => s.close);
  const ref = useRef<HTMLDivElement>(null);
  const open = phase !== 'closed' && target !== null;

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => previous?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      // Escape closes, except while the patch is on its way (the answer is worth seeing).
      if (e.key === 'Escape' && useApply.getState().phase !== 'applying') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close]);

  if (!open) return null;
  return (
    <div className="modal-backdrop">
      <div ref={ref} className="modal apply-dialog" role="dialog" aria-modal="true" aria-labelledby="apply-dialog-title" data-testid="apply-preview" data-phase={phase} data-undo={target.undo} tabIndex={-1}>
        <header className="modal__header">
          <h2 className="modal__title" id="apply-dialog-title">
            {target.undo ? `Undo: put back the previous resources of ${target.label}` : `Preview & apply: ${target.label}`}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" title={phase === 'applying' ? 'The patch is on its way' : 'Close'} disabled={phase === 'applying'} onClick={close}>
            ✕
          </button>
        </header>
        <DialogBody target={target} />
      </div>
    </div>
  );
}

function DialogBody({ target }: { target: ApplyTarget }) {
  const { phase, preview, result, error, errorDuring, progress, confirm, close, startPreview } = useApply();
  const previewAgain = () => void startPreview(target);
  const undo = () => preview && void startPreview({ recommendationId: preview.recommendationId, undo: true, label: target.label });

  if (phase === 'previewing') {
    return (
      <div className="modal__body">
        <p className="muted">Asking the API server what it would store (a server-side dry run: nothing changes)…</p>
        <Skeleton lines={6} label="Loading the preview" />
      </div>
    );
  }

  if (phase === 'result' && result && preview) {
    return (
      <>
        <div className="modal__body">
          <PreviewSummary preview={preview} />
          <ResultPanel result={result} />
        </div>
        <footer className="modal__footer">
          {result.outcome === 'refused' && (
            <button type="button" className="button button--primary" data-testid="apply-preview-again" onClick={previewAgain}>
              Preview again
            </button>
          )}
          {!target.undo && (result.undoAvailable || result.outcome === 'failed') && (
            <button type="button" className="button" data-testid="apply-undo" onClick={undo}>
              Undo
            </button>
          )}
          <button type="button" className="button" data-testid="apply-close" onClick={close}>
            Close
          </button>
        </footer>
      </>
    );
  }

  // The preview (or its failure), and while applying the same with the progress.
  const applying = phase === 'applying';
  const denied = preview?.access.allowed === false;
  return (
    <>
      <div className="modal__body">
        {error && (
          <ErrorMessage error={error} title={error.code === 'changed-since-preview' ? 'The object changed since the preview' : errorDuring === 'apply' ? 'The apply did not go through' : 'Could not preview the change'}>
            <button type="button" className="button" onClick={previewAgain}>
              Preview again
            </button>
          </ErrorMessage>
        )}
        {preview && (
          <>
            <PreviewSummary preview={preview} />
            {/* Denied: no dry run was made, so there is no diff or consequence to show, only why. */}
            {!denied && <Consequence preview={preview} />}
            {!denied && <DiffView diff={preview.diff} />}
            <Access preview={preview} />
          </>
        )}
        {applying && (
          <div className="apply-progress" role="status" data-testid="apply-progress">
            <span className="spinner" aria-hidden="true" />
            {progress.length === 0 ? 'Patching…' : <span data-testid="apply-progress-step">Rollout: {progress.at(-1)}</span>}
          </div>
        )}
      </div>
      <footer className="modal__footer">
        {denied && preview && (
          <span className="apply-denied" data-testid="apply-denied-reason">
            {preview.access.reason ?? 'Your access does not allow patching this workload.'}
          </span>
        )}
        <button type="button" className="button" data-testid="apply-cancel" disabled={applying} onClick={close}>
          Cancel
        </button>
        {preview && (
          <button
            type="button"
            className="button button--primary"
            data-testid="apply-confirm"
            disabled={applying || denied}
            title={denied ? (preview.access.reason ?? 'Not allowed') : 'Patch the workload as the diff shows'}
            onClick={() => void confirm()}
          >
            {applying ? 'Applying…' : 'Apply to cluster'}
          </button>
        )}
      </footer>
    </>
  );
}

function PreviewSummary({ preview }: { preview: ApplyPreview }) {
  const { workload } = preview;
  return (
    <div className="apply-summary">
      <p className="apply-summary__target">
        <Badge>{workload.kind}</Badge> <span className="muted">{workload.namespace} / </span>
        <strong>{workload.name}</strong>
        <span className="muted"> · container </span>
        <span className="mono">{preview.container}</span>
      </p>
      {preview.recomputedFrom && (
        <p className="recomputed-note" role="note" data-testid="apply-recomputed">
          New data moved the recommendation since it was shown: these are the values it proposes now.
        </p>
      )}
      <table className="table apply-values" data-testid="apply-values">
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col" className="num">
              Current
            </th>
            <th scope="col" aria-hidden="true" />
            <th scope="col" className="num">
              {preview.undo ? 'Put back' : 'Proposed'}
            </th>
          </tr>
        </thead>
        <tbody>
          {RESOURCE_FIELDS.map((f) => {
            const change = valueChange(preview.current[f.field], preview.proposed[f.field]);
            return (
              <tr key={f.field} data-field={f.field} data-change={change} data-proposed={preview.proposed[f.field] ?? 'none'}>
                <th scope="row">{f.label}</th>
                <td className="num">{formatValue(f.resource, preview.current[f.field])}</td>
                <td className="muted" aria-hidden="true">
                  →
                </td>
                <td className={`num strong value-change--${change}`}>{formatValue(f.resource, preview.proposed[f.field])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Consequence({ preview }: { preview: ApplyPreview }) {
  const { rolls, podsReplaced, summary } = preview.consequence;
  const warn = rolls !== 'all';
  return (
    <div className={`apply-consequence${warn ? ' apply-consequence--warn' : ''}`} data-testid="apply-consequence" data-rolls={rolls} data-pods-replaced={podsReplaced}>
      <strong>{podsReplaced === 1 ? '1 pod will be replaced' : `${podsReplaced} pods will be replaced`}</strong>
      <span>{summary}</span>
      {warn && (
        <span className="apply-consequence__warning" role="note">
          ⚠{' '}
          {rolls === 'none'
            ? 'This workload does not roll on its own: the running pods keep their old resources until they are recreated.'
            : 'Only part of the pods roll on their own: the others keep their old resources until they are recreated.'}
        </span>
      )}
    </div>
  );
}

function DiffView({ diff }: { diff: string }) {
  const lines = useMemo(() => diffLines(diff), [diff]);
  const counts = diffCounts(lines);
  return (
    <div className="apply-diff-wrap">
      <h3 className="subheading">
        What the API server would store <span className="muted">(dry run: +{counts.added} −{counts.removed} lines)</span>
      </h3>
      {lines.length === 0 ? (
        <p className="muted" data-testid="apply-diff">
          No change: the object already has these values.
        </p>
      ) : (
        <DiffBlock diff={diff} label="Diff of the spec" testId="apply-diff" />
      )}
    </div>
  );
}

function Access({ preview }: { preview: ApplyPreview }) {
  const { allowed, reason } = preview.access;
  const tone: Tone = allowed === true ? 'ok' : allowed === false ? 'error' : 'warn';
  const text =
    allowed === true
      ? `You may patch this ${preview.workload.kind}.`
      : allowed === false
        ? `You may not patch this ${preview.workload.kind}${reason ? `: ${reason}` : '.'}`
        : `Could not check whether you may patch this ${preview.workload.kind}${reason ? `: ${reason}` : ''}; the API server decides on apply.`;
  return (
    <p className="apply-access" data-testid="apply-access" data-allowed={String(allowed)}>
      <Badge tone={tone}>{allowed === true ? 'allowed' : allowed === false ? 'denied' : 'unknown'}</Badge> {text}
    </p>
  );
}

const OUTCOME_TITLE: Record<ApplyResult['outcome'], string> = { ok: 'Applied', refused: 'Refused', failed: 'Failed' };
const ROLLOUT_TONE: Record<NonNullable<ApplyResult['rollout']>['state'], Tone> = { complete: 'ok', 'timed-out': 'error', failing: 'error' };

function ResultPanel({ result }: { result: ApplyResult }) {
  const changed = /changed[- ]since[- ](the[- ])?preview|conflict/i.test(result.message);
  return (
    <div className={`apply-result apply-result--${result.outcome}`} data-testid="apply-result" data-outcome={result.outcome} role={result.outcome === 'ok' ? 'status' : 'alert'}>
      <div className="apply-result__title">
        <Badge tone={outcomeTone(result.outcome)}>{OUTCOME_TITLE[result.outcome]}</Badge>
        {result.outcome === 'refused' && <strong>{changed ? 'The object changed since the preview' : 'The apply was refused'}</strong>}
        {result.outcome === 'failed' && <strong>The change did not roll out: you can undo it</strong>}
      </div>
      <p className="apply-result__message">{result.message}</p>
      {result.rollout && (
        <div className="apply-result__rollout" data-testid="apply-rollout" data-state={result.rollout.state}>
          <Badge tone={ROLLOUT_TONE[result.rollout.state]}>rollout {result.rollout.state}</Badge> {result.rollout.message === result.message ? '' : result.rollout.message}
          {result.rollout.problems.length > 0 && (
            <ul className="apply-result__problems">
              {result.rollout.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result.outcome === 'refused' && <p className="muted">Preview again to see the diff against the object as it is now.</p>}
    </div>
  );
}

export function outcomeTone(outcome: ApplyResult['outcome']): Tone {
  return outcome === 'ok' ? 'ok' : outcome === 'refused' ? 'warn' : 'error';
}
