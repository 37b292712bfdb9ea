import type { WorkloadRow } from '../../../agent-core/contract/app-contract.ts';
import { formatBytes, formatCores, formatCount, formatRatio } from '../format/units.ts';

export type SortKey = 'namespace' | 'kind' | 'name' | 'advice' | 'ready' | 'cpuRequest' | 'cpuLimit' | 'memRequest' | 'memLimit' | 'cpuP95' | 'memP95' | 'throttled' | 'restarts' | 'ooms';

export interface WorkloadColumn {
  key: SortKey;
  label: string;
  /** The header's tooltip: what the number means. */
  description: string;
  numeric: boolean;
  sortValue: (row: WorkloadRow) => string | number | null;
  text: (row: WorkloadRow) => string;
}

const readyText = (row: WorkloadRow) => `${row.ready}/${row.desired ?? '—'}`;

const RECOMMENDATION_RANK = { critical: 3, warning: 2, info: 1 } as const;

/** The most pressing recommendation first, then the most failed readiness checks (danger, then warning). */
export function adviceRank(row: WorkloadRow): number | null {
  if (row.recommendation === null && row.readiness === null) return null;
  const readiness = row.readiness ? Math.min(999, row.readiness.danger) * 1000 + Math.min(999, row.readiness.warning) : 0;
  return (row.recommendation ? RECOMMENDATION_RANK[row.recommendation] : 0) * 1_000_000 + readiness;
}

/** What the advice cell's badges say, in words (its tooltip). */
export function adviceText(row: WorkloadRow): string {
  const parts: string[] = [];
  if (row.recommendation) parts.push(`${row.recommendation} recommendation`);
  if (row.readiness) parts.push(`readiness: ${row.readiness.danger} danger, ${row.readiness.warning} warning, ${row.readiness.info} info`);
  return parts.join('; ');
}

export const WORKLOAD_COLUMNS: readonly WorkloadColumn[] = [
  { key: 'namespace', label: 'Namespace', description: 'Namespace', numeric: false, sortValue: (r) => r.namespace, text: (r) => r.namespace },
  { key: 'kind', label: 'Kind', description: 'Controller kind', numeric: false, sortValue: (r) => r.kind, text: (r) => r.kind },
  { key: 'name', label: 'Name', description: 'Name', numeric: false, sortValue: (r) => r.name, text: (r) => r.name },
  {
    key: 'advice',
    label: 'Advice',
    description: 'The most pressing recommendation for its containers, and its failed readiness checks (danger / warning)',
    numeric: false,
    sortValue: adviceRank,
    text: adviceText,
  },
  // Not-ready first when sorted ascending: the workloads that need attention.
  { key: 'ready', label: 'Ready', description: 'Ready pods / desired pods', numeric: true, sortValue: (r) => (r.desired ? r.ready / r.desired : r.ready > 0 ? 1 : null), text: readyText },
  { key: 'cpuRequest', label: 'CPU req', description: 'CPU requested per pod (sum of its containers)', numeric: true, sortValue: (r) => r.cpuRequest, text: (r) => formatCores(r.cpuRequest) },
  { key: 'cpuLimit', label: 'CPU lim', description: 'CPU limit per pod', numeric: true, sortValue: (r) => r.cpuLimit, text: (r) => formatCores(r.cpuLimit) },
  { key: 'memRequest', label: 'Mem req', description: 'Memory requested per pod', numeric: true, sortValue: (r) => r.memRequest, text: (r) => formatBytes(r.memRequest) },
  { key: 'memLimit', label: 'Mem lim', description: 'Memory limit per pod', numeric: true, sortValue: (r) => r.memLimit, text: (r) => formatBytes(r.memLimit) },
  { key: 'cpuP95', label: 'CPU p95', description: '95th percentile of per-pod CPU usage over the range', numeric: true, sortValue: (r) => r.cpuP95, text: (r) => formatCores(r.cpuP95) },
  { key: 'memP95', label: 'Mem p95', description: '95th percentile of per-pod memory working set over the range', numeric: true, sortValue: (r) => r.memP95, text: (r) => formatBytes(r.memP95) },
  { key: 'throttled', label: 'Throttled', description: 'Mean share of CFS periods throttled, over the limited containers', numeric: true, sortValue: (r) => r.throttled, text: (r) => formatRatio(r.throttled) },
  { key: 'restarts', label: 'Restarts', description: 'Container restarts', numeric: true, sortValue: (r) => r.restarts, text: (r) => formatCount(r.restarts) },
  { key: 'ooms', label: 'OOMs', description: 'Containers OOM-killed', numeric: true, sortValue: (r) => r.ooms, text: (r) => formatCount(r.ooms) },
];
