import { useMemo, useState } from 'react';
import { READINESS_SEVERITIES, type ReadinessRow } from '../../../../agent-core/contract/app-contract.ts';
import { countFindings, distinctReadinessValues, filterReadiness, sortReadiness, totalCounts, type ReadinessSeverity, type ReadinessSortKey } from '../../readiness/filter-readiness.ts';
import { useReadinessView } from '../../state/readiness-view-store.ts';
import { useResource } from '../../state/resource.ts';
import { readinessResource } from '../../state/resources.ts';
import { useRoute } from '../../state/route-store.ts';
import { Badge } from '../common/Badge.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { READINESS_TONE } from '../common/SeverityBadge.tsx';
import { SkeletonBlock } from '../common/Skeleton.tsx';
import { FindingsList } from './FindingsList.tsx';
import { ReadinessScore } from './ReadinessScore.tsx';
import { FilterSelect } from '../common/FilterSelect.tsx';

// Each workload is a block of findings: beyond this many the user asks for the rest.
const ROW_LIMIT = 100;

const SEVERITY_MEANING: Record<ReadinessSeverity, string> = {
  danger: 'Blocks production: fix before relying on it',
  warning: 'Should be fixed',
  info: 'Advice that depends on the cluster',
};

const SORT_LABEL: Record<ReadinessSortKey, string> = { worst: 'Most findings first', score: 'Lowest score first', name: 'Name' };

export function ReadinessScreen() {
  const readiness = useResource(readinessResource, {});
  return (
    <div className="screen" data-testid="readiness">
      <div className="screen__head">
        <h1 className="screen-title">Readiness</h1>
        <span className="muted">Production-readiness checks on each workload's spec: resources, probes, security, images, availability</span>
      </div>
      <ResourceView state={readiness} onRetry={readinessResource.refresh} loading={<ReadinessSkeleton />} errorTitle="Could not run the readiness checks">
        {(data) => (data.rows.length === 0 ? <EmptyState title="No workloads to check">The agent sees no workloads in this cluster yet.</EmptyState> : <ReadinessBrowser rows={data.rows} />)}
      </ResourceView>
    </div>
  );
}

function ReadinessBrowser({ rows }: { rows: readonly ReadinessRow[] }) {
  const view = useReadinessView();
  const navigate = useRoute((s) => s.navigate);
  const [showAll, setShowAll] = useState(false);
  const filter = { query: view.query, severity: view.severity, category: view.category, namespace: view.namespace };
  const sorted = useMemo(() => sortReadiness(rows, view.sort), [rows, view.sort]);
  const shown = useMemo(() => filterReadiness(sorted, filter), [sorted, filter.query, filter.severity, filter.category, filter.namespace]);
  // The counts ignore the severity filter (they are how one picks it), not the others.
  const counts = useMemo(() => totalCounts(view.severity === null ? shown : filterReadiness(sorted, { ...filter, severity: null })), [shown, sorted, view.severity]);
  const namespaces = useMemo(() => distinctReadinessValues(rows, 'namespace'), [rows]);
  const categories = useMemo(() => distinctReadinessValues(rows, 'category'), [rows]);
  const unknownCount = useMemo(() => shown.reduce((n, row) => n + row.unknown.length, 0), [shown]);
  const filtered = view.query !== '' || view.severity !== null || view.category !== null || view.namespace !== null;
  const limited = showAll ? shown : shown.slice(0, ROW_LIMIT);

  return (
    <div className="readiness-browser">
      <div className="severity-cards" data-testid="readiness-counts">
        {READINESS_SEVERITIES.map((severity) => (
          <button
            key={severity}
            type="button"
            className={`severity-card severity-card--${severity}`}
            data-testid="readiness-count"
            data-severity={severity}
            aria-pressed={view.severity === severity}
            title={`${SEVERITY_MEANING[severity]}. Click to show only these.`}
            onClick={() => view.set({ severity: view.severity === severity ? null : severity })}
          >
            <span className="severity-card__value">{counts[severity].toLocaleString()}</span>
            <span className="severity-card__label">
              <Badge tone={READINESS_TONE[severity]}>{severity}</Badge> {counts[severity] === 1 ? 'finding' : 'findings'}
            </span>
          </button>
        ))}
        <div className="severity-card severity-card--static">
          <span className="severity-card__value">{shown.length.toLocaleString()}</span>
          <span className="severity-card__label muted">
            workloads{unknownCount > 0 && ` · ${unknownCount} ${unknownCount === 1 ? 'check' : 'checks'} undecided`}
          </span>
        </div>
      </div>
      <div className="toolbar">
        <input
          className="input toolbar__search"
          type="search"
          placeholder="Search name or namespace"
          aria-label="Search workloads by name or namespace"
          data-testid="readiness-search"
          value={view.query}
          onChange={(e) => view.set({ query: e.target.value })}
        />
        <FilterSelect label="Severity" allLabel="All severities" testId="readiness-severity" values={READINESS_SEVERITIES} value={view.severity} onChange={(severity) => view.set({ severity })} />
        <FilterSelect label="Category" allLabel="All categories" testId="readiness-category" values={categories} value={view.category} onChange={(category) => view.set({ category })} />
        <FilterSelect label="Namespace" allLabel="All namespaces" testId="readiness-namespace" values={namespaces} value={view.namespace} onChange={(namespace) => view.set({ namespace })} />
        <select className="select" aria-label="Order" data-testid="readiness-sort" value={view.sort} onChange={(e) => view.set({ sort: e.target.value as ReadinessSortKey })}>
          {(Object.keys(SORT_LABEL) as ReadinessSortKey[]).map((key) => (
            <option key={key} value={key}>
              Sort: {SORT_LABEL[key]}
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="button button--ghost" onClick={view.clearFilters}>
            Clear filters
          </button>
        )}
      </div>
      {shown.length === 0 ? (
        <EmptyState title="No workload matches">
          Nothing matches the search and filters.{' '}
          <button type="button" className="link-button" onClick={view.clearFilters}>
            Clear them
          </button>
        </EmptyState>
      ) : (
        <ul className="plain-list readiness-list" data-testid="readiness-list">
          {limited.map((row) => (
            <ReadinessItem key={row.workload.uid} row={row} onOpen={() => navigate({ screen: 'workload', uid: row.workload.uid })} />
          ))}
        </ul>
      )}
      {shown.length > limited.length && (
        <div className="table-more">
          Showing the first {limited.length} of {shown.length} workloads.{' '}
          <button type="button" className="link-button" onClick={() => setShowAll(true)}>
            Show all
          </button>
        </div>
      )}
    </div>
  );
}

function ReadinessItem({ row, onOpen }: { row: ReadinessRow; onOpen: () => void }) {
  const counts = countFindings(row.findings);
  return (
    <li className="panel readiness-row" data-testid="readiness-row" data-workload={row.workload.name} data-namespace={row.workload.namespace} data-kind={row.workload.kind}>
      <header className="readiness-row__head">
        <div className="readiness-row__title">
          <Badge tone="info">{row.workload.kind}</Badge>
          <button type="button" className="link-button readiness-row__name" title="Open the workload" onClick={onOpen}>
            <span className="muted">{row.workload.namespace} / </span>
            <span className="strong">{row.workload.name}</span>
          </button>
        </div>
        <span className="readiness-row__counts">
          {READINESS_SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
            <Badge key={s} tone={READINESS_TONE[s]} title={`${counts[s]} ${s}`}>
              {counts[s]} {s}
            </Badge>
          ))}
        </span>
        <ReadinessScore score={row.score} />
      </header>
      {row.findings.length === 0 && row.unknown.length === 0 ? (
        <p className="readiness-row__clean">Every check passes.</p>
      ) : (
        <FindingsList findings={row.findings} unknown={row.unknown} />
      )}
    </li>
  );
}

function ReadinessSkeleton() {
  return (
    <div className="readiness-skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">Running the readiness checks…</span>
      <div className="severity-cards">
        {Array.from({ length: 4 }, (_, i) => (
          <SkeletonBlock key={i} className="severity-card severity-card--skeleton" />
        ))}
      </div>
      {Array.from({ length: 3 }, (_, i) => (
        <SkeletonBlock key={i} className="panel-skeleton readiness-skeleton__row" />
      ))}
    </div>
  );
}
