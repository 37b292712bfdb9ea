import type { WorkloadRow } from '../../../agent-core/contract/app-contract.ts';
import { WORKLOAD_COLUMNS, type SortKey } from './workload-columns.ts';

export interface WorkloadFilter {
  query: string;
  namespace: string | null;
  kind: string | null;
}

export interface WorkloadSort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

/** What the search box matches a row against: "namespace/name", so "prod/api" finds api in prod. */
export function searchText(row: WorkloadRow): string {
  return `${row.namespace}/${row.name}`.toLowerCase();
}

/**
 * The rows that match, in their given order. `texts[i]` is searchText(rows[i]), computed once per data set so
 * a keystroke costs one substring test per row and term.
 */
export function filterWorkloads(rows: readonly WorkloadRow[], texts: readonly string[], filter: WorkloadFilter): readonly WorkloadRow[] {
  const terms = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0 && filter.namespace === null && filter.kind === null) return rows;
  const matches: WorkloadRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (filter.namespace !== null && row.namespace !== filter.namespace) continue;
    if (filter.kind !== null && row.kind !== filter.kind) continue;
    const text = texts[i]!;
    if (terms.every((term) => text.includes(term))) matches.push(row);
  }
  return matches;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorted copy; rows without a value (no limit, no metrics yet) go last in both directions. Ties keep namespace/name order. */
export function sortWorkloads(rows: readonly WorkloadRow[], sort: WorkloadSort): WorkloadRow[] {
  const column = WORKLOAD_COLUMNS.find((c) => c.key === sort.key) ?? WORKLOAD_COLUMNS[0]!;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  // Decorate once: calling sortValue inside the comparator would run it n log n times.
  const decorated = rows.map((row) => ({ row, value: column.sortValue(row), tie: `${row.namespace}/${row.name}` }));
  decorated.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
    } else if (a.value !== b.value) {
      const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
      if (order !== 0) return sign * order;
    }
    return collator.compare(a.tie, b.tie);
  });
  return decorated.map((d) => d.row);
}

/** Distinct values, sorted, for the filter menus. */
export function distinctValues(rows: readonly WorkloadRow[], field: 'namespace' | 'kind'): string[] {
  return [...new Set(rows.map((row) => row[field]))].sort(collator.compare);
}
