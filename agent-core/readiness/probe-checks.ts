import { fail, NOT_APPLICABLE, pass, type ContainerCheck, type Verdict } from './check.ts';
import { isBatch, type SubjectContainer, type WorkloadSubject } from './workload-subject.ts';

const probe = (field: 'readinessProbe' | 'livenessProbe', message: string) =>
  (container: SubjectContainer, subject: WorkloadSubject): Verdict => {
    if (isBatch(subject)) return NOT_APPLICABLE;
    return container.spec[field] ? pass() : fail(message);
  };

export const PROBE_CHECKS: ContainerCheck[] = [
  {
    id: 'readinessProbeMissing',
    scope: 'container',
    severity: 'warning',
    category: 'reliability',
    initContainers: false,
    fix: 'Add a readinessProbe that succeeds only once the container can serve (e.g. an HTTP health endpoint).',
    evaluate: probe('readinessProbe', 'No readiness probe: traffic reaches it as soon as it starts, and keeps reaching it when it stops coping.'),
  },
  {
    id: 'livenessProbeMissing',
    scope: 'container',
    severity: 'warning',
    category: 'reliability',
    initContainers: false,
    fix: 'Add a livenessProbe that fails only when a restart would help (a deadlock, not a slow dependency).',
    evaluate: probe('livenessProbe', 'No liveness probe: a hung process keeps running until someone notices.'),
  },
];
