import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RecommendationRow } from '../../../../agent-core/contract/app-contract.ts';
import { formatBytesFreed, formatCoresFreed, savingsDirection } from '../../format/savings.ts';
import type { RecommendationSort, RecommendationSortKey } from '../../recommendations/filter-recommendations.ts';
import { RESOURCE_FIELDS } from '../../recommendations/recommendation-values.ts';
import { RecommendationSeverityBadge } from '../common/SeverityBadge.tsx';
import { ValueChange } from './ValueChange.tsx';

// A plain table stays quick up to a few hundred rows; beyond that the user asks for the rest.
const ROW_LIMIT = 200;

export const CONFIDENCE_TONE = { low: 'warn', medium: 'neutral', high: 'ok' } as const;

export const selectionKey = (row: Pick<RecommendationRow, 'workload' | 'container'>): string => `${row.workload.uid}/${row.container}`;

interface Props {
  rows: readonly RecommendationRow[];
  sort: RecommendationSort;
  onSort: (key: RecommendationSortKey) => void;
  selectedKey: string | null;
  onSelect: (row: RecommendationRow) => void;
}

export function RecommendationsTable({ rows, sort, onSort, selectedKey, onSelect }: Props) {
  const [showAll, setShowAll] = useState(false);
  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((row) => selectionKey(row) === selectedKey);
  const limit = showAll ? rows.length : Math.max(ROW_LIMIT, selectedIndex + 1);
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  // Bring the selected row into the table's view when it was picked from elsewhere (a link, the URL).
  useEffect(() => {
    const row = bodyRef.current?.querySelector<HTMLElement>('tr[aria-selected="true"]');
    const box = row?.closest<HTMLElement>('.recommendations-table');
    if (!row || !box) return;
    const rowBox = row.getBoundingClientRect();
    const view = box.getBoundingClientRect();
    if (rowBox.top < view.top + 34 || rowBox.bottom > view.bottom) box.scrollTop += rowBox.top - view.top - 34 - 8;
  }, [selectedKey]);

  const head = (key: RecommendationSortKey, label: string, description: string, numeric = false): ReactNode => {
    const sorted = sort.key === key;
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sorted ? sort.direction : 'none'}>
        <button type="button" className="sort-button" title={`${description}. Click to sort.`} onClick={() => onSort(key)}>
          {label}
          <span className={`sort-button__arrow${sorted ? ' sort-button__arrow--on' : ''}`} aria-hidden="true">
            {sorted && sort.direction === 'descending' ? '▼' : '▲'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <>
      <div className="table-wrap recommendations-table">
        <table className="table table--sticky table--dense" data-testid="recommendations-table" aria-label="Recommendations">
          <thead>
            <tr>
              {head('workload', 'Workload · container', 'Namespace / name of the workload, its kind and the container')}
              {head('risk', 'Severity', 'Risk first: the severity, then the signals (OOM-killed, pinned, throttled, leaking, level shift); with the confidence')}
              {RESOURCE_FIELDS.map((f) => (
                <th key={f.field} scope="col" title={`${f.label}: current → proposed`}>
                  {f.short}
                </th>
              ))}
              {head('cpuFreed', 'CPU freed', 'Cores of CPU requests freed across the replicas (negative: more is requested)', true)}
              {head('memFreed', 'Mem freed', 'Memory requests freed across the replicas (negative: more is requested)', true)}
              <th scope="col">Risks removed</th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {shown.map((row) => {
              const selected = selectionKey(row) === selectedKey;
              return (
                <tr
                  key={selectionKey(row)}
                  className={`recommendation-row${selected ? ' recommendation-row--selected' : ''}`}
                  aria-selected={selected}
                  data-testid="recommendation-row"
                  data-workload={row.workload.name}
                  data-namespace={row.workload.namespace}
                  data-container={row.container}
                  data-severity={row.severity}
                  onClick={() => onSelect(row)}
                >
                  <td className="recommendation-row__workload">
                    {/* Focusable for the keyboard; its click bubbles to the row. */}
                    <button type="button" className="row-button" aria-label={`Show the recommendation for ${row.workload.namespace}/${row.workload.name} container ${row.container}`}>
                      <span className="muted">{row.workload.namespace} / </span>
                      <span className="strong">{row.workload.name}</span>
                    </button>
                    <div className="recommendation-row__sub" title={`${row.workload.kind} ${row.workload.name}, container ${row.container}`}>
                      <span className="muted">{row.workload.kind} · </span>
                      <span className="mono">{row.container}</span>
                    </div>
                  </td>
                  <td>
                    <RecommendationSeverityBadge severity={row.severity} />
                    <div className={`recommendation-row__sub confidence confidence--${row.confidence}`} title={`Confidence from ${row.evidence.coverage.minutes} pod-minutes over ${row.evidence.coverage.days} d`}>
                      {row.confidence} confidence
                    </div>
                  </td>
                  {RESOURCE_FIELDS.map((f) => (
                    <td key={f.field} className="nowrap">
                      <ValueChange field={f.field} resource={f.resource} current={row.current[f.field]} proposed={row.proposed[f.field]} />
                    </td>
                  ))}
                  <td className={`num savings savings--${savingsDirection(row.effect.cpuCoresFreed, 'cpu')}`}>{formatCoresFreed(row.effect.cpuCoresFreed)}</td>
                  <td className={`num savings savings--${savingsDirection(row.effect.memoryBytesFreed, 'memory')}`}>{formatBytesFreed(row.effect.memoryBytesFreed)}</td>
                  <td className="risks-cell">
                    {row.effect.risksRemoved.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="plain-list risks-list" title={row.effect.risksRemoved.join('\n')}>
                        {row.effect.risksRemoved.map((risk) => (
                          <li key={risk}>{risk}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && (
        <div className="table-more">
          Showing the first {shown.length} of {rows.length}.{' '}
          <button type="button" className="link-button" onClick={() => setShowAll(true)}>
            Show all
          </button>
        </div>
      )}
    </>
  );
}
