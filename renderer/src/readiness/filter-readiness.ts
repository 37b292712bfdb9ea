import { READINESS_SEVERITIES, type ReadinessFindingView, type ReadinessRow } from '../../../agent-core/contract/app-contract.ts';

export type ReadinessSeverity = ReadinessFindingView['severity'];

export interface ReadinessFilter {
  query: string;
  severity: ReadinessSeverity | null;
  category: string | null;
  namespace: string | null;
}

export type ReadinessSortKey = 'worst' | 'score' | 'name';

/** "namespace/name", lower-cased, as in the workloads table's search. */
export function readinessSearchText(row: ReadinessRow): string {
  return `${row.workload.namespace}/${row.workload.name}`.toLowerCase();
}

/**
 * The workloads that match, each with only the findings that match. With a severity or category asked for, a
 * workload without such a finding drops out, and the checks that could not be decided (which have neither) hide.
 */
export function filterReadiness(rows: readonly ReadinessRow[], filter: ReadinessFilter): ReadinessRow[] {
  const terms = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const byFinding = filter.severity !== null || filter.category !== null;
  const out: ReadinessRow[] = [];
  for (const row of rows) {
    if (filter.namespace !== null && row.workload.namespace !== filter.namespace) continue;
    if (terms.length > 0) {
      const text = readinessSearchText(row);
      if (!terms.every((term) => text.includes(term))) continue;
    }
    if (!byFinding) {
      out.push(row);
      continue;
    }
    const findings = row.findings.filter((f) => (filter.severity === null || f.severity === filter.severity) && (filter.category === null || f.category === filter.category));
    if (findings.length > 0) out.push({ ...row, findings, unknown: [] });
  }
  return out;
}

export type SeverityCounts = Record<ReadinessSeverity, number>;

export function countFindings(findings: readonly ReadinessFindingView[]): SeverityCounts {
  const counts: SeverityCounts = { danger: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Findings by severity over all the rows, for the counts at the top. */
export function totalCounts(rows: readonly ReadinessRow[]): SeverityCounts {
  const counts: SeverityCounts = { danger: 0, warning: 0, info: 0 };
  for (const row of rows) for (const finding of row.findings) counts[finding.severity]++;
  return counts;
}

/** danger, then warning, then info; only the severities that have findings, each in the order given. */
export function groupBySeverity(findings: readonly ReadinessFindingView[]): { severity: ReadinessSeverity; findings: ReadinessFindingView[] }[] {
  return READINESS_SEVERITIES.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) })).filter((group) => group.findings.length > 0);
}

/** Share of the checks that passed, 0..1; null when no check applied. */
export function scoreRatio(score: ReadinessRow['score']): number | null {
  return score.total > 0 ? score.passing / score.total : null;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const nameOf = (row: ReadinessRow) => `${row.workload.namespace}/${row.workload.name}`;

/** worst: most danger findings, then warnings, then info; score: lowest share passing first; name: namespace/name. */
export function sortReadiness(rows: readonly ReadinessRow[], key: ReadinessSortKey): ReadinessRow[] {
  const decorated = rows.map((row) => ({ row, name: nameOf(row), counts: countFindings(row.findings), ratio: scoreRatio(row.score) ?? 1 }));
  decorated.sort((a, b) => {
    if (key === 'worst') {
      for (const severity of READINESS_SEVERITIES) if (a.counts[severity] !== b.counts[severity]) return b.counts[severity] - a.counts[severity];
    } else if (key === 'score' && a.ratio !== b.ratio) {
      return a.ratio - b.ratio;
    }
    return collator.compare(a.name, b.name);
  });
  return decorated.map((d) => d.row);
}

export function distinctReadinessValues(rows: readonly ReadinessRow[], field: 'namespace' | 'category'): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    if (field === 'namespace') values.add(row.workload.namespace);
    else for (const finding of row.findings) values.add(finding.category);
  }
  return [...values].sort(collator.compare);
}

/** A finding with every container it was found in: a check often fails the same way in each container. */
export interface MergedFinding extends Omit<ReadinessFindingView, 'container'> {
  /** Empty when it concerns the pod spec or the workload itself. */
  containers: string[];
}

/** Findings that say the same (same check, message, fix and detail) merged into one, in first-seen order. */
export function mergeFindings(findings: readonly ReadinessFindingView[]): MergedFinding[] {
  const merged = new Map<string, MergedFinding>();
  for (const finding of findings) {
    const key = JSON.stringify([finding.id, finding.severity, finding.message, finding.fix, finding.detail]);
    const seen = merged.get(key);
    if (seen) {
      if (finding.container !== null && !seen.containers.includes(finding.container)) seen.containers.push(finding.container);
    } else {
      const { container, ...rest } = finding;
      merged.set(key, { ...rest, containers: container === null ? [] : [container] });
    }
  }
  return [...merged.values()];
}
