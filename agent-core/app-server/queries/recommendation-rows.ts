import type { RecommendationRow } from '../../contract/app-contract.ts';
import type { WorkloadRecommendation } from '../../agent/live-recommendations.ts';

const MIB = 2 ** 20;

/** How pressing a recommendation is: a risk it removes comes first, then what it frees. */
export function severityOf(r: WorkloadRecommendation): RecommendationRow['severity'] {
  if (r.signals.oomKilled || r.signals.pinned || r.signals.throttled || r.effect.risksRemoved.length > 0) return 'critical';
  if (Math.abs(r.effect.cpuCoresFreed) >= 0.1 || Math.abs(r.effect.memoryBytesFreed) >= 128 * MIB) return 'warning';
  return 'info';
}

function changes(r: WorkloadRecommendation): boolean {
  return (['cpuRequest', 'cpuLimit', 'memRequest', 'memLimit'] as const).some((field) => r.current[field] !== r.proposed[field]);
}

/** The recommendations that change something, in the contract's shape. */
export function recommendationRows(recommendations: readonly WorkloadRecommendation[]): RecommendationRow[] {
  return recommendations.filter(changes).map((r) => ({
    id: r.id,
    workload: { uid: r.workload.uid, namespace: r.workload.namespace, kind: r.workload.kind, name: r.workload.name },
    container: r.containerName,
    severity: severityOf(r),
    current: r.current,
    proposed: r.proposed,
    reasons: r.reasons,
    confidence: r.confidence,
    signals: r.signals,
    effect: { cpuCoresFreed: finiteOr(r.effect.cpuCoresFreed, 0), memoryBytesFreed: finiteOr(r.effect.memoryBytesFreed, 0), risksRemoved: r.effect.risksRemoved },
    evidence: {
      coverage: { minutes: r.evidence.coverage.minutes, days: r.evidence.coverage.days, from: finiteOr(r.evidence.coverage.from, null), to: finiteOr(r.evidence.coverage.to, null) },
      cpu: pick(r.evidence.cpu),
      memory: pick(r.evidence.memory),
      throttling: r.evidence.throttling && {
        minutes: r.evidence.throttling.minutes,
        throttledShare: finiteOr(r.evidence.throttling.throttledShare, null),
        heavyShare: finiteOr(r.evidence.throttling.heavyShare, null),
        saturatedShare: finiteOr(r.evidence.throttling.saturatedShare, null),
        meanRatio: finiteOr(r.evidence.throttling.meanRatio, null),
      },
      ooms: { count: r.evidence.ooms.count, last: finiteOr(r.evidence.ooms.last, null) },
    },
    computedAt: r.computedAt,
  }));
}

/** NaN (no data) would cross the wire as null anyway; say so in the type. */
function finiteOr<T extends number | null>(value: number | null, fallback: T): number | T {
  return value !== null && Number.isFinite(value) ? value : fallback;
}

function pick(p: { p50: number; p90: number; p95: number; p99: number; max: number }) {
  return { p50: finiteOr(p.p50, null), p90: finiteOr(p.p90, null), p95: finiteOr(p.p95, null), p99: finiteOr(p.p99, null), max: finiteOr(p.max, null) };
}

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/** The most pressing severity per workload uid, for the workloads table's badge. */
export function severityByWorkload(rows: readonly RecommendationRow[]): Map<string, RecommendationRow['severity']> {
  const byUid = new Map<string, RecommendationRow['severity']>();
  for (const row of rows) {
    const seen = byUid.get(row.workload.uid);
    if (seen === undefined || RANK[row.severity] < RANK[seen]) byUid.set(row.workload.uid, row.severity);
  }
  return byUid;
}
