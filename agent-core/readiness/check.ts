import type { Category, CheckId, Severity } from './finding.ts';
import type { ReadinessContext } from './readiness-context.ts';
import type { SubjectContainer, WorkloadSubject } from './workload-subject.ts';

export type Verdict =
  | { result: 'pass'; detail?: string }
  | { result: 'fail'; message: string; detail?: string }
  | { result: 'unknown'; reason: string }
  | { result: 'not-applicable' };

export const pass = (detail?: string): Verdict => (detail ? { result: 'pass', detail } : { result: 'pass' });
export const fail = (message: string, detail?: string): Verdict => (detail ? { result: 'fail', message, detail } : { result: 'fail', message });
export const unknown = (reason: string): Verdict => ({ result: 'unknown', reason });
export const NOT_APPLICABLE: Verdict = { result: 'not-applicable' };

interface CheckDefinition {
  id: CheckId;
  severity: Severity;
  category: Category;
  /** One line: what to change. */
  fix: string;
}

/** A check of each container: the app containers, and the init containers too where `initContainers` says so. */
export interface ContainerCheck extends CheckDefinition {
  scope: 'container';
  /** Resource and probe checks do not apply to init containers (they run to completion, one at a time); security checks do. */
  initContainers: boolean;
  evaluate(container: SubjectContainer, subject: WorkloadSubject, context: ReadinessContext): Verdict;
}

/** A check of the pod spec or of the workload as a whole. */
export interface WorkloadCheck extends CheckDefinition {
  scope: 'workload';
  evaluate(subject: WorkloadSubject, context: ReadinessContext): Verdict;
}

export type Check = ContainerCheck | WorkloadCheck;
