import type { InventoryEntity } from '../inventory/inventory-model.ts';
import { ALL_CHECKS } from './all-checks.ts';
import type { Check, Verdict } from './check.ts';
import type { Finding, ReadinessNote, Severity, UnknownCheck, WorkloadReadiness } from './finding.ts';
import type { ReadinessContext } from './readiness-context.ts';
import { workloadSubject, type SubjectContainer } from './workload-subject.ts';

const SEVERITY_ORDER: Record<Severity, number> = { danger: 0, warning: 1, info: 2 };

const where = (container: SubjectContainer | undefined) =>
  container ? { container: container.spec.name, ...(container.init ? { init: true as const } : {}) } : {};

/** Collects verdicts into findings, notes, unknowns and the score. */
class Tally {
  readonly findings: Finding[] = [];
  readonly notes: ReadinessNote[] = [];
  readonly unknown: UnknownCheck[] = [];
  passing = 0;
  total = 0;

  record(check: Check, verdict: Verdict, container?: SubjectContainer): void {
    switch (verdict.result) {
      case 'not-applicable':
        return;
      case 'unknown':
        this.unknown.push({ id: check.id, ...where(container), reason: verdict.reason });
        return;
      case 'pass':
        this.total++;
        this.passing++;
        if (verdict.detail) this.notes.push({ id: check.id, category: check.category, ...where(container), detail: verdict.detail });
        return;
      case 'fail':
        this.total++;
        this.findings.push({
          id: check.id,
          severity: check.severity,
          category: check.category,
          ...where(container),
          message: verdict.message,
          fix: check.fix,
          ...(verdict.detail ? { detail: verdict.detail } : {}),
        });
    }
  }
}

/**
 * The production-readiness of one workload (a controller with a pod template, or a pod): every check that applies,
 * against the pods it makes. Pure and cheap; `context` comes from readinessContext() over the same inventory.
 */
export function readinessFindings(entity: InventoryEntity, context: ReadinessContext): WorkloadReadiness {
  const tally = new Tally();
  const subject = workloadSubject(entity);
  if (subject) {
    for (const check of ALL_CHECKS) {
      if (check.scope === 'workload') {
        tally.record(check, check.evaluate(subject, context));
        continue;
      }
      for (const container of subject.containers) {
        if (container.init && !check.initContainers) continue;
        tally.record(check, check.evaluate(container, subject, context), container);
      }
    }
  }
  // Array.prototype.sort is stable: within a severity, findings stay in check order.
  tally.findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const { uid, uuid, kind, namespace, name } = entity;
  return {
    workload: { uid, uuid, kind, ...(namespace ? { namespace } : {}), name },
    findings: tally.findings,
    notes: tally.notes,
    unknown: tally.unknown,
    score: { passing: tally.passing, total: tally.total },
  };
}
