// Production-readiness checks (Polaris ids) over the inventory's entities: pure functions, cheap enough to rerun on every change.
export { readinessFindings } from './readiness-findings.ts';
export { readinessReport } from './readiness-report.ts';
export { readinessContext, type ReadinessContext } from './readiness-context.ts';
export { ALL_CHECKS } from './all-checks.ts';
export type { Category, CheckId, Finding, ReadinessNote, Severity, UnknownCheck, WorkloadReadiness, WorkloadRef } from './finding.ts';
