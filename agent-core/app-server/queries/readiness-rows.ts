import type { ReadinessRow } from '../../contract/app-contract.ts';
import type { Inventory } from '../../inventory/index.ts';
import { readinessReport } from '../../readiness/index.ts';

export function readinessRows(inventory: Inventory): ReadinessRow[] {
  return readinessReport(inventory).map((r) => ({
    workload: { uid: r.workload.uid, namespace: r.workload.namespace ?? '', kind: r.workload.kind, name: r.workload.name },
    score: r.score,
    findings: r.findings.map((f) => ({ id: f.id, severity: f.severity, category: f.category, container: f.container ?? null, message: f.message, fix: f.fix, detail: f.detail ?? null })),
    unknown: r.unknown.map((u) => ({ id: u.id, container: u.container ?? null, reason: u.reason })),
  }));
}

/** Failed checks by severity per workload uid, for the workloads table's badge. */
export function readinessCounts(rows: readonly ReadinessRow[]): Map<string, { danger: number; warning: number; info: number }> {
  const byUid = new Map<string, { danger: number; warning: number; info: number }>();
  for (const row of rows) {
    const counts = { danger: 0, warning: 0, info: 0 };
    for (const finding of row.findings) counts[finding.severity]++;
    byUid.set(row.workload.uid, counts);
  }
  return byUid;
}
