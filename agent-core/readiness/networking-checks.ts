import { isRecord } from '../inventory/kube-object.ts';
import { fail, pass, type ContainerCheck, type Verdict, type WorkloadCheck } from './check.ts';
import type { SubjectContainer } from './workload-subject.ts';

function hostPorts(container: SubjectContainer): Verdict {
  const ports: unknown[] = Array.isArray(container.spec.ports) ? container.spec.ports : [];
  const bound = ports.flatMap((p) => (isRecord(p) && typeof p.hostPort === 'number' && p.hostPort > 0 ? [p.hostPort] : []));
  return bound.length === 0 ? pass() : fail(`Binds host port ${bound.join(', ')}: only one such pod fits on a node, and it bypasses network policy.`);
}

export const NETWORKING_CHECKS: (ContainerCheck | WorkloadCheck)[] = [
  {
    id: 'hostNetworkSet',
    scope: 'workload',
    severity: 'danger',
    category: 'networking',
    fix: 'Remove hostNetwork from the pod spec; expose it through a Service.',
    evaluate: (subject) =>
      subject.podSpec.hostNetwork === true ? fail('Uses the node\u2019s network namespace: it can listen on and sniff any of the node\u2019s interfaces.') : pass(),
  },
  {
    id: 'hostPortSet',
    scope: 'container',
    severity: 'warning',
    category: 'networking',
    initContainers: true,
    fix: 'Remove hostPort from its ports; expose it through a Service.',
    evaluate: hostPorts,
  },
];
