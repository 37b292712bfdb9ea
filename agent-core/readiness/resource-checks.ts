import type { ResourceValue } from '../inventory/limit-range-defaults.ts';
import { fail, pass, unknown, type ContainerCheck, type Verdict } from './check.ts';
import type { CheckId } from './finding.ts';
import type { ReadinessContext } from './readiness-context.ts';
import type { SubjectContainer, WorkloadSubject } from './workload-subject.ts';

type Resource = 'cpu' | 'memory';
type Side = 'requests' | 'limits';

const SINGULAR: Record<Side, string> = { requests: 'request', limits: 'limit' };

/** What the container's pods get: the inventory's view (LimitRange defaults filled in and marked), else the spec itself. */
function valueOf(container: SubjectContainer, side: Side, resource: Resource): ResourceValue | undefined {
  const viewed = container.view?.[side][resource];
  if (viewed) return viewed;
  const own = container.spec.resources?.[side]?.[resource] ?? (side === 'requests' ? container.spec.resources?.limits?.[resource] : undefined);
  return own === undefined ? undefined : { value: own, source: 'spec' };
}

const describe = (side: Side, resource: Resource) => `${resource === 'cpu' ? 'CPU' : 'memory'} ${SINGULAR[side]}`;
const fromLimitRange = (side: Side, resource: Resource, value: ResourceValue) =>
  `The ${describe(side, resource)} (${value.value}) comes from the namespace's LimitRange default, not the workload's spec.`;

function judge(side: Side, resource: Resource, why: string) {
  const other: Side = side === 'requests' ? 'limits' : 'requests';
  return (container: SubjectContainer, subject: WorkloadSubject, context: ReadinessContext): Verdict => {
    const value = valueOf(container, side, resource);
    if (value?.source === 'limitrange-default') return pass(fromLimitRange(side, resource, value));
    if (value) return pass();
    // A pod carries what LimitRanger gave it; a template does not, and only the LimitRanges can tell what it will get.
    if (subject.entity.kind !== 'Pod' && !context.limitRanges.known) {
      return unknown(`No ${describe(side, resource)} in the spec, and ${context.limitRanges.reason}: a LimitRange may supply one.`);
    }
    // The LimitRange supplies the other half: worth knowing, since adding this one there may be the simplest fix.
    const counterpart = valueOf(container, other, resource);
    return fail(`No ${describe(side, resource)}: ${why}.`, counterpart?.source === 'limitrange-default' ? fromLimitRange(other, resource, counterpart) : undefined);
  };
}

function resourceCheck(id: CheckId, side: Side, resource: Resource, fix: string, why: string): ContainerCheck {
  return { id, scope: 'container', severity: 'warning', category: 'resources', initContainers: false, fix, evaluate: judge(side, resource, why) };
}

export const RESOURCE_CHECKS: ContainerCheck[] = [
  resourceCheck(
    'cpuRequestsMissing',
    'requests',
    'cpu',
    'Set resources.requests.cpu to what the container uses at its busiest (see its recommendation).',
    'the scheduler places it as if it needed no CPU, and under contention it gets the smallest share',
  ),
  resourceCheck(
    'memoryRequestsMissing',
    'requests',
    'memory',
    'Set resources.requests.memory to the container\u2019s peak working set (see its recommendation).',
    'the scheduler places it as if it needed no memory, and it is among the first evicted under memory pressure',
  ),
  resourceCheck(
    'cpuLimitsMissing',
    'limits',
    'cpu',
    'Set resources.limits.cpu well above its usage (or decide deliberately to run without one).',
    'one busy loop can take every idle core on the node',
  ),
  resourceCheck(
    'memoryLimitsMissing',
    'limits',
    'memory',
    'Set resources.limits.memory above the container\u2019s peak (see its recommendation).',
    'a leak grows until the node runs short of memory and the kernel kills whatever it picks',
  ),
];
