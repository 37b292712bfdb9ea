import { useEffect, useMemo, useRef, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ChartRange, WorkloadRow } from '../../../../agent-core/contract/app-contract.ts';
import { afterPaint, FILTER_MEASURE, FILTER_START, markFilterStart, measureSince } from '../../perf/marks.ts';
import { useWorkloadsView } from '../../state/workloads-view-store.ts';
import { distinctValues, filterWorkloads, searchText, sortWorkloads } from '../../workloads/filter-workloads.ts';
import type { SortKey } from '../../workloads/workload-columns.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { RangeSelector } from '../common/RangeSelector.tsx';
import { WorkloadsTable, type WorkloadsTableHandle } from './WorkloadsTable.tsx';
import { FilterSelect } from '../common/FilterSelect.tsx';

interface Props {
  /** All workloads; null while the first answer is on its way. */
  rows: readonly WorkloadRow[] | null;
  range: ChartRange;
  onRangeChange: (range: ChartRange) => void;
  onOpen: (uid: string) => void;
  /** Shown above the table (e.g. a failed refresh); the table stays. */
  notice?: ReactNode;
  /** A refetch for another range is on its way. */
  refreshing?: boolean;
}

/** Search, filters, sort and the table, from rows handed in: the workloads screen and the benchmark page share it. */
export function WorkloadsBrowser({ rows, range, onRangeChange, onOpen, notice, refreshing = false }: Props) {
  const view = useWorkloadsView();
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<WorkloadsTableHandle>(null);
  const filterPending = useRef(false);

  const all = rows ?? [];
  const sorted = useMemo(() => sortWorkloads(all, view.sort), [all, view.sort]);
  const texts = useMemo(() => sorted.map(searchText), [sorted]);
  const filter = { query: view.query, namespace: view.namespace, kind: view.kind };
  const shown = useMemo(() => filterWorkloads(sorted, texts, filter), [sorted, texts, filter.query, filter.namespace, filter.kind]);
  const namespaces = useMemo(() => distinctValues(all, 'namespace'), [all]);
  const kinds = useMemo(() => distinctValues(all, 'kind'), [all]);

  // The filter measure ends once the filtered rows are on screen: committed (this effect), then painted.
  useEffect(() => {
    if (!filterPending.current) return;
    filterPending.current = false;
    return afterPaint(() => measureSince(FILTER_MEASURE, FILTER_START));
  }, [shown]);

  // "/" jumps to the search box from anywhere on the screen, as in GitHub, k9s and Lens.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSearch = (event: ChangeEvent<HTMLInputElement>) => {
    markFilterStart();
    filterPending.current = true;
    view.set({ query: event.target.value });
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      tableRef.current?.focus();
    } else if (event.key === 'Escape' && view.query) {
      event.preventDefault();
      markFilterStart();
      filterPending.current = true;
      view.set({ query: '' });
    } else if (event.key === 'Enter' && shown[0]) {
      // Enter in the search box opens the selection, or the only / first match.
      const selected = shown.find((row) => row.uid === view.selectedUid) ?? shown[0];
      onOpen(selected.uid);
    }
  };

  const onSort = (key: SortKey) => {
    const same = view.sort.key === key;
    view.set({ sort: { key, direction: same && view.sort.direction === 'ascending' ? 'descending' : same ? 'ascending' : defaultDirection(key) } });
  };

  const filtered = view.query !== '' || view.namespace !== null || view.kind !== null;
  return (
    <div className="workloads-browser">
      <div className="toolbar">
        <input
          ref={searchRef}
          className="input toolbar__search"
          type="search"
          placeholder="Search name or namespace   /"
          aria-label="Search workloads by name or namespace"
          data-testid="workloads-search"
          value={view.query}
          onChange={onSearch}
          onKeyDown={onSearchKey}
        />
        <FilterSelect label="Namespace" allLabel="All namespaces" testId="workloads-namespace" values={namespaces} value={view.namespace} onChange={(namespace) => view.set({ namespace })} />
        <FilterSelect label="Kind" allLabel="All kinds" testId="workloads-kind" values={kinds} value={view.kind} onChange={(kind) => view.set({ kind })} />
        <span className="toolbar__count" aria-live="polite">
          <span data-testid="workloads-count">{shown.length} workloads</span>
          {filtered && rows && <span className="muted"> of {rows.length}</span>}
          {refreshing && <span className="spinner spinner--small" aria-label="Refreshing" />}
        </span>
        <span className="toolbar__spacer" />
        <RangeSelector range={range} onChange={onRangeChange} />
      </div>
      {notice}
      {rows === null ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        <EmptyState title="No workloads">The cluster has no workloads the agent can see yet.</EmptyState>
      ) : (
        <>
          <WorkloadsTable ref={tableRef} rows={shown} sort={view.sort} onSort={onSort} selectedUid={view.selectedUid} onSelect={(uid) => view.set({ selectedUid: uid })} onOpen={onOpen} />
          {shown.length === 0 && (
            <EmptyState title="No workload matches">
              Nothing matches the search and filters.{' '}
              <button type="button" className="link-button" onClick={() => view.set({ query: '', namespace: null, kind: null })}>
                Clear them
              </button>
            </EmptyState>
          )}
        </>
      )}
    </div>
  );
}

/** Numbers read best largest first; names alphabetically. */
function defaultDirection(key: SortKey): 'ascending' | 'descending' {
  return key === 'namespace' || key === 'kind' || key === 'name' || key === 'ready' ? 'ascending' : 'descending';
}

function TableSkeleton() {
  return (
    <div className="vtable vtable--skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">Loading workloads…</span>
      {Array.from({ length: 12 }, (_, i) => (
        <div key={i} className="skeleton__line skeleton__line--row" />
      ))}
    </div>
  );
}
