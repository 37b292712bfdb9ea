import { isRecord } from '../inventory/kube-object.ts';
import { fail, NOT_APPLICABLE, pass, unknown, type Verdict, type WorkloadCheck } from './check.ts';
import { autoscalerKey, type ReadinessContext } from './readiness-context.ts';
import { isReplicated, type WorkloadSubject } from './workload-subject.ts';

const autoscalerOf = (subject: WorkloadSubject, context: ReadinessContext) =>
  context.autoscalers.known ? context.autoscalers.value.get(autoscalerKey(subject.entity.namespace, subject.entity.kind, subject.entity.name)) : undefined;

function replicas(subject: WorkloadSubject, context: ReadinessContext): Verdict {
  if (!isReplicated(subject)) return NOT_APPLICABLE;
  const spec = subject.entity.object.spec;
  const count = isRecord(spec) && typeof spec.replicas === 'number' ? spec.replicas : 1;
  if (count >= 2) return pass();
  const autoscaler = autoscalerOf(subject, context);
  const detail = autoscaler ? `HPA ${autoscaler.name} sets its replicas: raise its minReplicas rather than spec.replicas.` : undefined;
  return fail(count === 0 ? 'Scaled to zero: nothing serves.' : 'A single replica: every restart, rollout or node drain is an outage.', detail);
}

function disruptionBudget(subject: WorkloadSubject, context: ReadinessContext): Verdict {
  if (!isReplicated(subject)) return NOT_APPLICABLE;
  if (!context.disruptionBudgets.known) return unknown(`Cannot tell whether a PodDisruptionBudget covers it: ${context.disruptionBudgets.reason}.`);
  const covering = (context.disruptionBudgets.value.get(subject.entity.namespace ?? '') ?? []).filter((b) => b.matches(subject.podLabels));
  if (covering.length === 0) return fail('No PodDisruptionBudget selects its pods: a node drain or cluster upgrade may evict all of them at once.');
  return pass(`PodDisruptionBudget ${covering.map((b) => b.name).join(', ')} selects its pods.`);
}

function autoscalerMinimum(subject: WorkloadSubject, context: ReadinessContext): Verdict {
  if (!isReplicated(subject)) return NOT_APPLICABLE;
  if (!context.autoscalers.known) return unknown(`Cannot tell whether an HPA scales it: ${context.autoscalers.reason}.`);
  const autoscaler = autoscalerOf(subject, context);
  if (!autoscaler) return NOT_APPLICABLE;
  return autoscaler.minReplicas >= 2 ? pass() : fail(`HPA ${autoscaler.name} may scale it down to ${autoscaler.minReplicas} replica${autoscaler.minReplicas === 1 ? '' : 's'}.`);
}

export const AVAILABILITY_CHECKS: WorkloadCheck[] = [
  {
    id: 'deploymentMissingReplicas',
    scope: 'workload',
    severity: 'warning',
    category: 'reliability',
    fix: 'Run at least 2 replicas (spec.replicas, or the HPA\u2019s minReplicas).',
    evaluate: replicas,
  },
  {
    id: 'missingPodDisruptionBudget',
    scope: 'workload',
    severity: 'warning',
    category: 'reliability',
    fix: 'Add a PodDisruptionBudget selecting its pods, e.g. maxUnavailable: 1.',
    evaluate: disruptionBudget,
  },
  {
    id: 'hpaMinAvailability',
    scope: 'workload',
    severity: 'warning',
    category: 'reliability',
    fix: 'Set the HPA\u2019s minReplicas to 2 or more.',
    evaluate: autoscalerMinimum,
  },
  {
    id: 'priorityClassNotSet',
    scope: 'workload',
    // Polaris warns; many clusters define no PriorityClass at all, so here it is advice.
    severity: 'info',
    category: 'reliability',
    fix: 'Set priorityClassName so the scheduler knows what to preempt first when the cluster is full.',
    evaluate: (subject) =>
      typeof subject.podSpec.priorityClassName === 'string' && subject.podSpec.priorityClassName !== ''
        ? pass()
        : fail('No priority class: under pressure it is preempted or evicted as readily as anything else.'),
  },
];
