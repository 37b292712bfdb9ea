import { RECOMMENDATION_SEVERITIES, type RecommendationRow } from '../../../agent-core/contract/app-contract.ts';
import { SIGNALS } from './recommendation-values.ts';

export type RecommendationSeverity = RecommendationRow['severity'];

export interface RecommendationFilter {
  query: string;
  namespace: string | null;
  kind: string | null;
  severity: RecommendationSeverity | null;
}

export type RecommendationSortKey = 'risk' | 'cpuFreed' | 'memFreed' | 'workload';

export interface RecommendationSort {
  key: RecommendationSortKey;
  direction: 'ascending' | 'descending';
}

/** "namespace/name/container", lower-cased: what the search box matches. */
export function recommendationSearchText(row: RecommendationRow): string {
  return `${row.workload.namespace}/${row.workload.name}/${row.container}`.toLowerCase();
}

export function filterRecommendations(rows: readonly RecommendationRow[], filter: RecommendationFilter): readonly RecommendationRow[] {
  const terms = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0 && filter.namespace === null && filter.kind === null && filter.severity === null) return rows;
  return rows.filter((row) => {
    if (filter.namespace !== null && row.workload.namespace !== filter.namespace) return false;
    if (filter.kind !== null && row.workload.kind !== filter.kind) return false;
    if (filter.severity !== null && row.severity !== filter.severity) return false;
    if (terms.length === 0) return true;
    const text = recommendationSearchText(row);
    return terms.every((term) => text.includes(term));
  });
}

const SEVERITY_RANK: Record<RecommendationSeverity, number> = { critical: 3, warning: 2, info: 1 };

/**
 * How risky leaving the container as it is: the severity first, then its signals (an OOM kill outweighs all
 * the others together, being pinned all those below it, and so on), then how many risks the change removes.
 */
export function riskScore(row: RecommendationRow): number {
  let signals = 0;
  SIGNALS.forEach(({ key }, i) => {
    if (row.signals[key]) signals += 2 ** (SIGNALS.length - 1 - i);
  });
  return SEVERITY_RANK[row.severity] * 10_000 + signals * 100 + Math.min(99, row.effect.risksRemoved.length);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const workloadKey = (row: RecommendationRow) => `${row.workload.namespace}/${row.workload.name}/${row.container}`;

const SORT_VALUE: Record<Exclude<RecommendationSortKey, 'workload'>, (row: RecommendationRow) => number> = {
  risk: riskScore,
  cpuFreed: (row) => row.effect.cpuCoresFreed,
  memFreed: (row) => row.effect.memoryBytesFreed,
};

/** Sorted copy. Ties fall back to the risk (for the savings sorts), then namespace/name/container. */
export function sortRecommendations(rows: readonly RecommendationRow[], sort: RecommendationSort): RecommendationRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const decorated = rows.map((row) => ({ row, key: workloadKey(row), value: sort.key === 'workload' ? 0 : SORT_VALUE[sort.key](row), risk: riskScore(row) }));
  decorated.sort((a, b) => {
    if (sort.key === 'workload') return sign * collator.compare(a.key, b.key);
    if (a.value !== b.value) return sign * (a.value - b.value);
    if (a.risk !== b.risk) return b.risk - a.risk;
    return collator.compare(a.key, b.key);
  });
  return decorated.map((d) => d.row);
}

/** Names read best alphabetically; risk and savings largest first. */
export function defaultRecommendationDirection(key: RecommendationSortKey): RecommendationSort['direction'] {
  return key === 'workload' ? 'ascending' : 'descending';
}

export function distinctRecommendationValues(rows: readonly RecommendationRow[], field: 'namespace' | 'kind'): string[] {
  return [...new Set(rows.map((row) => row.workload[field]))].sort(collator.compare);
}

/** How many rows of each severity, for the filter's labels. */
export function severityCounts(rows: readonly RecommendationRow[]): Record<RecommendationSeverity, number> {
  const counts = Object.fromEntries(RECOMMENDATION_SEVERITIES.map((s) => [s, 0])) as Record<RecommendationSeverity, number>;
  for (const row of rows) counts[row.severity]++;
  return counts;
}
