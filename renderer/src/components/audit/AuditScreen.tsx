import { useEffect, useMemo } from 'react';
import type { AuditRow } from '../../../../agent-core/contract/app-contract.ts';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, auditTime, containerOf, filterAuditRows, undoableRows } from '../../apply/audit-rows.ts';
import { useApply } from '../../state/apply-store.ts';
import { formatDateTime } from '../../format/time.ts';
import { formatValue, RESOURCE_FIELDS } from '../../recommendations/recommendation-values.ts';
import { useAuditView } from '../../state/audit-view-store.ts';
import { useResource } from '../../state/resource.ts';
import { auditResource } from '../../state/resources.ts';
import { outcomeTone } from '../apply/ApplyDialog.tsx';
import { Badge } from '../common/Badge.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { FilterSelect } from '../common/FilterSelect.tsx';
import { ResourceView } from '../common/ResourceView.tsx';

/** Every dry run and apply of this context, newest first: who changed what, when, and how it went. */
export function AuditScreen() {
  const audit = useResource(auditResource, {});
  // Opening the view asks again even when the last answer is recent.
  useEffect(() => auditResource.refresh(), []);
  return (
    <div className="screen" data-testid="audit">
      <div className="screen__head">
        <h1 className="screen-title">Audit</h1>
        <span className="muted">Every dry run and apply of a recommendation on this context, newest first (kept 30 days)</span>
      </div>
      <ResourceView state={audit} onRetry={auditResource.refresh} errorTitle="Could not load the audit log">
        {(data) => (data.rows.length === 0 ? <EmptyState title="No changes previewed or applied yet">Preview a recommendation to see it listed here.</EmptyState> : <AuditTable rows={data.rows} />)}
      </ResourceView>
    </div>
  );
}

function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  const view = useAuditView();
  const shown = useMemo(() => filterAuditRows(rows, { outcome: view.outcome, action: view.action }), [rows, view.outcome, view.action]);
  const undoable = useMemo(() => undoableRows(rows), [rows]);
  return (
    <section className="panel">
      <div className="toolbar audit-toolbar">
        <FilterSelect label="Outcome" allLabel="All outcomes" values={AUDIT_OUTCOMES} value={view.outcome} onChange={(outcome) => view.set({ outcome })} testId="audit-outcome" />
        <FilterSelect label="Kind of action" allLabel="Dry runs and applies" values={AUDIT_ACTIONS} value={view.action} onChange={(action) => view.set({ action })} testId="audit-action" />
        <span className="muted" data-testid="audit-count">
          {shown.length === rows.length ? `${rows.length} entries` : `${shown.length} of ${rows.length} entries`}
        </span>
      </div>
      {shown.length === 0 ? (
        <EmptyState title="No entries match the filters" />
      ) : (
        <div className="table-wrap">
          <table className="table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">Workload</th>
                <th scope="col">Container</th>
                <th scope="col">Who</th>
                <th scope="col">Values (current → proposed)</th>
                <th scope="col">Message</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row, i) => (
                <AuditTableRow key={`${row.when} ${row.containerId} ${row.dryRun} ${i}`} row={row} undoable={undoable.has(row)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AuditTableRow({ row, undoable }: { row: AuditRow; undoable: boolean }) {
  const startPreview = useApply((s) => s.startPreview);
  const time = auditTime(row);
  const changed = RESOURCE_FIELDS.filter((f) => row.current[f.field] !== row.proposed[f.field]);
  return (
    <tr data-testid="audit-row" data-dry-run={String(row.dryRun)} data-undo={String(row.undo === true)} data-outcome={row.outcome} data-service={row.service} data-namespace={row.namespace} data-kind={row.kind}>
      <td className="nowrap" title={row.when}>
        {Number.isNaN(time) ? row.when : formatDateTime(time)}
      </td>
      <td className="nowrap">
        {row.dryRun ? <Badge tone="info">dry run</Badge> : <Badge tone="neutral">apply</Badge>} {row.undo && <Badge tone="neutral">undo</Badge>}
      </td>
      <td>
        <Badge tone={outcomeTone(row.outcome)}>{row.outcome}</Badge>
      </td>
      <td>
        <span className="muted">
          {row.namespace} / {row.kind} /{' '}
        </span>
        {row.service}
      </td>
      <td className="mono">{containerOf(row.containerId)}</td>
      <td>
        <span className="mono nowrap">{row.who}</span>
        {row.remote && (
          <div className="muted audit-remote" data-testid="audit-remote" title={`Remote action ${row.remote.actionId}, approved here by ${row.who}`}>
            asked via gateway{row.remote.requestedBy ? ` by ${row.remote.requestedBy}` : ''}
          </div>
        )}
      </td>
      <td className="audit-values">
        {(changed.length > 0 ? changed : RESOURCE_FIELDS).map((f) => (
          <div key={f.field} className="nowrap">
            <span className="muted">{f.short} </span>
            {formatValue(f.resource, row.current[f.field])} → <strong>{formatValue(f.resource, row.proposed[f.field])}</strong>
          </div>
        ))}
      </td>
      <td className="audit-message">{row.message}</td>
      <td>
        {undoable && (
          <button
            type="button"
            className="button button--small"
            data-testid="audit-undo"
            title="Preview putting back the values this apply replaced"
            onClick={() => void startPreview({ recommendationId: row.recommendationId, undo: true, label: `${row.namespace}/${row.service} · ${containerOf(row.containerId)}` })}
          >
            Undo…
          </button>
        )}
      </td>
    </tr>
  );
}
