import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useRef, type KeyboardEvent, type Ref } from 'react';
import type { WorkloadRow } from '../../../../agent-core/contract/app-contract.ts';
import { WORKLOAD_COLUMNS, type SortKey } from '../../workloads/workload-columns.ts';
import type { WorkloadSort } from '../../workloads/filter-workloads.ts';

export const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 34;

export interface WorkloadsTableHandle {
  /** Moves focus into the table (from the search box), selecting the first row if none is. */
  focus(): void;
}

interface Props {
  rows: readonly WorkloadRow[];
  sort: WorkloadSort;
  onSort: (key: SortKey) => void;
  selectedUid: string | null;
  onSelect: (uid: string) => void;
  onOpen: (uid: string) => void;
  ref?: Ref<WorkloadsTableHandle>;
}

/**
 * The workloads as a virtualized grid: only the rows in view (plus a few) are in the DOM, so 10,000 rows
 * scroll and filter as fast as 100. Data in, events out: no fetching here (the benchmark page renders it
 * from generated rows).
 */
export function WorkloadsTable({ rows, sort, onSort, selectedUid, onSelect, onOpen, ref }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header sits above the rows inside the scroll box.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.uid ?? index,
  });
  const selectedIndex = selectedUid === null ? -1 : rows.findIndex((row) => row.uid === selectedUid);

  useImperativeHandle(ref, () => ({
    focus() {
      scrollRef.current?.focus();
      if (selectedIndex < 0 && rows[0]) onSelect(rows[0].uid);
    },
  }));

  // Keep the selected row in view when the selection moves by keyboard or the rows change under it.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const moveSelection = (to: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, to))];
    if (row) onSelect(row.uid);
  };

  const pageRows = () => Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const handled: Record<string, () => void> = {
      ArrowDown: () => moveSelection(selectedIndex + 1),
      ArrowUp: () => moveSelection(selectedIndex - 1),
      PageDown: () => moveSelection(selectedIndex + pageRows()),
      PageUp: () => moveSelection(selectedIndex - pageRows()),
      Home: () => moveSelection(0),
      End: () => moveSelection(rows.length - 1),
      Enter: () => {
        const row = rows[selectedIndex];
        if (row) onOpen(row.uid);
      },
    };
    const action = handled[event.key];
    if (!action || event.target !== event.currentTarget) return;
    event.preventDefault();
    action();
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="vtable" role="grid" aria-label="Workloads" aria-rowcount={rows.length + 1} data-testid="workloads-table">
      <div
        ref={scrollRef}
        className="vtable__scroll"
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-activedescendant={selectedIndex >= 0 ? rowId(rows[selectedIndex]!.uid) : undefined}
      >
        <div className="vtable__head" role="rowgroup">
          <div className="vtable__row vtable__row--head workloads-grid" role="row" aria-rowindex={1}>
            {WORKLOAD_COLUMNS.map((column) => {
              const sorted = sort.key === column.key;
              return (
                <div
                  key={column.key}
                  role="columnheader"
                  aria-sort={sorted ? sort.direction : 'none'}
                  className={`vtable__cell vtable__cell--head${column.numeric ? ' num' : ''}`}
                  data-column={column.key}
                >
                  <button type="button" className="sort-button" title={`${column.description}. Click to sort.`} onClick={() => onSort(column.key)}>
                    {column.label}
                    <span className={`sort-button__arrow${sorted ? ' sort-button__arrow--on' : ''}`} aria-hidden="true">
                      {sorted && sort.direction === 'descending' ? '▼' : '▲'}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div className="vtable__body" role="rowgroup" style={{ height: rows.length * ROW_HEIGHT }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            const selected = item.index === selectedIndex;
            return (
              <div
                key={item.key}
                id={rowId(row.uid)}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`vtable__row workloads-grid${selected ? ' vtable__row--selected' : ''}`}
                style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
                data-testid="workload-row"
                data-name={row.name}
                data-namespace={row.namespace}
                data-kind={row.kind}
                data-uid={row.uid}
                onClick={() => {
                  onSelect(row.uid);
                  onOpen(row.uid);
                }}
              >
                {WORKLOAD_COLUMNS.map((column) =>
                  column.key === 'advice' ? (
                    <AdviceCell key={column.key} row={row} />
                  ) : (
                    <div key={column.key} role="gridcell" className={`vtable__cell${column.numeric ? ' num' : ''}${cellTone(column.key, row)}`} title={column.numeric ? undefined : column.text(row)}>
                      {column.text(row)}
                    </div>
                  ),
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

const rowId = (uid: string) => `workload-${uid}`;

/**
 * A glance, no more: the most pressing recommendation as a shaped dot (◆ critical, ● warning, ○ info), then the
 * danger and warning readiness counts. The words are in the title and for screen readers.
 */
function AdviceCell({ row }: { row: WorkloadRow }) {
  const { recommendation, readiness } = row;
  return (
    <div role="gridcell" className="vtable__cell advice-cell">
      {recommendation && (
        <span className="advice-badge" data-testid="badge-recommendation" data-severity={recommendation} title={`${recommendation} recommendation`}>
          <span className={`advice-dot advice-dot--${recommendation}`} aria-hidden="true" />
          <span className="visually-hidden">{recommendation} recommendation</span>
        </span>
      )}
      {readiness && (readiness.danger > 0 || readiness.warning > 0) && (
        <span
          className="advice-readiness"
          data-testid="badge-readiness"
          data-danger={readiness.danger}
          data-warning={readiness.warning}
          title={`Readiness: ${readiness.danger} danger, ${readiness.warning} warning, ${readiness.info} info`}
        >
          {readiness.danger > 0 && <span className="advice-count advice-count--danger">{readiness.danger}</span>}
          {readiness.warning > 0 && <span className="advice-count advice-count--warning">{readiness.warning}</span>}
          <span className="visually-hidden"> readiness findings: {readiness.danger} danger, {readiness.warning} warning</span>
        </span>
      )}
    </div>
  );
}
/** Draws the eye to what needs attention: pods not ready, throttling, OOM kills, restarts. */
function cellTone(key: SortKey, row: WorkloadRow): string {
  switch (key) {
    case 'ready':
      return row.desired !== null && row.ready < row.desired ? ' cell--warn' : '';
    case 'throttled':
      return row.throttled !== null && row.throttled >= 0.1 ? ' cell--warn' : '';
    case 'ooms':
      return row.ooms > 0 ? ' cell--error' : '';
    case 'restarts':
      return row.restarts > 0 ? ' cell--warn' : '';
    case 'name':
      return ' cell--strong';
    default:
      return '';
  }
}
