import type { AuditRow } from '../../../agent-core/contract/app-contract.ts';

export type AuditAction = 'dry-run' | 'apply';
export const AUDIT_ACTIONS: readonly AuditAction[] = ['dry-run', 'apply'];
export const AUDIT_OUTCOMES: readonly AuditRow['outcome'][] = ['ok', 'refused', 'failed'];

export interface AuditFilter {
  outcome: AuditRow['outcome'] | null;
  action: AuditAction | null;
}

/** ms since the epoch of a row's `when` (an ISO time, or ms as a string); NaN sorts last. */
export function auditTime(row: AuditRow): number {
  const asNumber = Number(row.when);
  if (row.when.trim() !== '' && Number.isFinite(asNumber)) return asNumber;
  return Date.parse(row.when);
}

/** Newest first, then filtered by outcome and kind of action. */
export function filterAuditRows(rows: readonly AuditRow[], filter: AuditFilter): AuditRow[] {
  const time = (row: AuditRow) => {
    const t = auditTime(row);
    return Number.isNaN(t) ? -Infinity : t;
  };
  return rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => (filter.outcome === null || row.outcome === filter.outcome) && (filter.action === null || (filter.action === 'dry-run') === row.dryRun))
    .sort((a, b) => time(b.row) - time(a.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** The container's name from a containerId ("namespace/kind/name/container"); the whole id if it has no slash. */
export function containerOf(containerId: string): string {
  const slash = containerId.lastIndexOf('/');
  return slash === -1 ? containerId : containerId.slice(slash + 1);
}

/**
 * The rows an Undo can start from: per recommendation, its newest stored patch when that was not itself an undo
 * (the core reads the same log to know what to put back). Rows written before `patched` existed count when ok.
 */
export function undoableRows(rows: readonly AuditRow[]): Set<AuditRow> {
  const newestPatch = new Map<string, AuditRow>();
  for (const row of filterAuditRows(rows, { outcome: null, action: 'apply' })) {
    if (!(row.patched ?? row.outcome === 'ok') || newestPatch.has(row.recommendationId)) continue;
    newestPatch.set(row.recommendationId, row);
  }
  return new Set([...newestPatch.values()].filter((row) => !row.undo));
}
