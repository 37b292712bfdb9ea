import { useMemo } from 'react';
import { RECOMMENDATION_SEVERITIES, type CollectionStatus, type RecommendationRow } from '../../../../agent-core/contract/app-contract.ts';
import { savingsTotals } from '../../format/savings.ts';
import { formatAgo, formatDateTime } from '../../format/time.ts';
import { formatBytes, formatCores } from '../../format/units.ts';
import {
  defaultRecommendationDirection,
  distinctRecommendationValues,
  filterRecommendations,
  severityCounts,
  sortRecommendations,
  type RecommendationSeverity,
  type RecommendationSortKey,
} from '../../recommendations/filter-recommendations.ts';
import { useRecommendationsView } from '../../state/recommendations-view-store.ts';
import { useResource } from '../../state/resource.ts';
import { overviewResource, recommendationsResource } from '../../state/resources.ts';
import { useRoute, type RecommendationSelection } from '../../state/route-store.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { useNow } from '../common/use-now.ts';
import { RecommendationDetail } from './RecommendationDetail.tsx';
import { RecommendationsTable, selectionKey } from './RecommendationsTable.tsx';
import { FilterSelect } from '../common/FilterSelect.tsx';

const SORT_LABEL: Record<RecommendationSortKey, string> = {
  risk: 'risk',
  cpuFreed: 'CPU freed',
  memFreed: 'memory freed',
  workload: 'name',
};

const SORT_TITLE = 'Risk: severity, then the signals (OOM-killed, pinned, throttled, leaking, level shift). Savings: requests freed across the replicas.';

export function RecommendationsScreen({ selected }: { selected: RecommendationSelection | null }) {
  const recommendations = useResource(recommendationsResource, {});
  const now = useNow(5000);
  const computedAt = recommendations.data?.rows.reduce((latest, row) => Math.max(latest, row.computedAt), 0) || null;
  return (
    <div className="screen" data-testid="recommendations">
      <div className="screen__head">
        <h1 className="screen-title">Recommendations</h1>
        <span className="muted">Requests and limits per container, from what the agent measured: throttling, OOM kills and usage</span>
        {computedAt !== null && (
          <span className="muted screen__head-end" title={formatDateTime(computedAt)}>
            computed {formatAgo(computedAt, now)}
          </span>
        )}
      </div>
      <ResourceView state={recommendations} onRetry={recommendationsResource.refresh} loading={<RecommendationsSkeleton />} errorTitle="Could not load the recommendations">
        {(data) => (data.rows.length === 0 ? <NoRecommendationsYet /> : <RecommendationsBrowser rows={data.rows} selected={selected} />)}
      </ResourceView>
    </div>
  );
}

function RecommendationsBrowser({ rows, selected }: { rows: readonly RecommendationRow[]; selected: RecommendationSelection | null }) {
  const view = useRecommendationsView();
  const navigate = useRoute((s) => s.navigate);
  const filter = { query: view.query, namespace: view.namespace, kind: view.kind, severity: view.severity };
  const sorted = useMemo(() => sortRecommendations(rows, view.sort), [rows, view.sort]);
  const shown = useMemo(() => filterRecommendations(sorted, filter), [sorted, filter.query, filter.namespace, filter.kind, filter.severity]);
  const namespaces = useMemo(() => distinctRecommendationValues(rows, 'namespace'), [rows]);
  const kinds = useMemo(() => distinctRecommendationValues(rows, 'kind'), [rows]);
  const counts = useMemo(() => severityCounts(rows), [rows]);
  const totals = useMemo(() => savingsTotals(shown), [shown]);
  const selectedKey = selected ? `${selected.uid}/${selected.container}` : null;
  const selectedRow = selectedKey === null ? undefined : rows.find((row) => selectionKey(row) === selectedKey);
  const filtered = view.query !== '' || view.namespace !== null || view.kind !== null || view.severity !== null;

  const onSort = (key: RecommendationSortKey) => {
    const same = view.sort.key === key;
    const direction = same ? (view.sort.direction === 'ascending' ? 'descending' : 'ascending') : defaultRecommendationDirection(key);
    view.set({ sort: { key, direction } });
  };
  const select = (row: RecommendationRow | null) =>
    navigate(row ? { screen: 'recommendations', selected: { uid: row.workload.uid, container: row.container } } : { screen: 'recommendations' }, { replace: true });

  return (
    <div className="recommendations-browser">
      <div className="toolbar">
        <input
          className="input toolbar__search"
          type="search"
          placeholder="Search workload or container"
          aria-label="Search recommendations by namespace, workload or container"
          data-testid="recommendations-search"
          value={view.query}
          onChange={(e) => view.set({ query: e.target.value })}
        />
        <FilterSelect label="Namespace" allLabel="All namespaces" testId="recommendations-namespace" values={namespaces} value={view.namespace} onChange={(namespace) => view.set({ namespace })} />
        <FilterSelect label="Kind" allLabel="All kinds" testId="recommendations-kind" values={kinds} value={view.kind} onChange={(kind) => view.set({ kind })} />
        <select
          className="select"
          aria-label="Severity"
          data-testid="recommendations-severity"
          value={view.severity ?? ''}
          onChange={(e) => view.set({ severity: (e.target.value || null) as RecommendationSeverity | null })}
        >
          <option value="">All severities</option>
          {RECOMMENDATION_SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {severity} ({counts[severity]})
            </option>
          ))}
        </select>
        <select
          className="select"
          aria-label="Sort by"
          title={SORT_TITLE}
          data-testid="recommendations-sort"
          value={view.sort.key}
          onChange={(e) => {
            const key = e.target.value as RecommendationSortKey;
            view.set({ sort: { key, direction: defaultRecommendationDirection(key) } });
          }}
        >
          {(Object.keys(SORT_LABEL) as RecommendationSortKey[]).map((key) => (
            <option key={key} value={key}>
              Sort: {SORT_LABEL[key]}
            </option>
          ))}
        </select>
        <span className="toolbar__count" aria-live="polite">
          <span data-testid="recommendations-count">
            {shown.length} {shown.length === 1 ? 'recommendation' : 'recommendations'}
          </span>
          {filtered && <span className="muted"> of {rows.length}</span>}
        </span>
      </div>
      <p className="savings-summary" data-testid="recommendations-totals" title="Requests freed and added by the recommendations shown, across their replicas">
        <span className="muted">Applied together, these </span>
        <span className="savings--frees">
          free {formatCores(totals.cpuFreed)} CPU and {formatBytes(totals.memoryFreed)} memory
        </span>
        {(totals.cpuAdded > 0 || totals.memoryAdded > 0) && (
          <>
            <span className="muted"> of requests, and </span>
            <span className="savings--adds">
              add {formatCores(totals.cpuAdded)} CPU and {formatBytes(totals.memoryAdded)} memory
            </span>
            <span className="muted"> where containers need more</span>
          </>
        )}
        <span className="muted">.</span>
      </p>
      {shown.length === 0 ? (
        <EmptyState title="No recommendation matches">
          Nothing matches the search and filters.{' '}
          <button type="button" className="link-button" onClick={view.clearFilters}>
            Clear them
          </button>
        </EmptyState>
      ) : (
        <RecommendationsTable rows={shown} sort={view.sort} onSort={onSort} selectedKey={selectedKey} onSelect={select} />
      )}
      {selectedRow ? (
        <RecommendationDetail
          key={selectedKey}
          row={selectedRow}
          hidden={!shown.includes(selectedRow)}
          onOpenWorkload={(uid) => navigate({ screen: 'workload', uid })}
          onClose={() => select(null)}
        />
      ) : (
        selectedKey !== null && <p className="muted">That container has no recommendation any more: its requests and limits fit what it uses, or it is gone.</p>
      )}
      {!selectedKey && shown.length > 0 && <p className="muted hint">Select a recommendation to see why, its evidence and a chart of its usage against the current and proposed values.</p>}
    </div>
  );
}

/** Nothing to recommend: say why (no data yet, or collection cannot run) from the overview's collection status. */
function NoRecommendationsYet() {
  const overview = useResource(overviewResource, {});
  const navigate = useRoute((s) => s.navigate);
  const collection = overview.data?.collection;
  return (
    <EmptyState title="No recommendations yet — they appear once the agent has collected some minutes">
      <span data-testid="recommendations-empty-hint">{collection ? <CollectionHint collection={collection} onOpenPermissions={() => navigate({ screen: 'permissions' })} /> : 'Checking the metrics collection…'}</span>
    </EmptyState>
  );
}

function CollectionHint({ collection, onOpenPermissions }: { collection: CollectionStatus; onOpenPermissions: () => void }) {
  const now = useNow(5000);
  const detail = collection.detail?.replace(/[.\s]+$/, '') || null;
  if (collection.state === 'denied') {
    return (
      <>
        Metrics collection is denied{detail ? `: ${detail}` : ''}. Without metrics there is nothing to recommend from.{' '}
        <button type="button" className="link-button" onClick={onOpenPermissions}>
          See Permissions
        </button>
      </>
    );
  }
  if (collection.state === 'waiting') return <>Metrics collection is waiting{detail ? `: ${detail}` : ' for its first cycle'}.</>;
  return (
    <>
      Metrics collection is running: last scrape {formatAgo(collection.lastScrape, now)}, latest minute stored {formatDateTime(collection.latestMinute)}, from {collection.nodesScraped}{' '}
      {collection.nodesScraped === 1 ? 'node' : 'nodes'}. Once it has data, a container whose requests and limits already fit its usage gets no recommendation.
    </>
  );
}

function RecommendationsSkeleton() {
  return (
    <div className="recommendations-skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">Loading the recommendations…</span>
      <div className="skeleton__line recommendations-skeleton__toolbar" />
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="skeleton__line skeleton__line--row" />
      ))}
    </div>
  );
}
