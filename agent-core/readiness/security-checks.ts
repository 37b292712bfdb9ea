import { isRecord } from '../inventory/kube-object.ts';
import { fail, pass, type ContainerCheck, type Verdict, type WorkloadCheck } from './check.ts';
import { capabilitiesOf, DANGEROUS_CAPABILITIES, INSECURE_CAPABILITIES, RUNTIME_DEFAULT_CAPABILITIES } from './linux-capabilities.ts';
import type { SubjectContainer, WorkloadSubject } from './workload-subject.ts';

type SecurityContext = Record<string, unknown>;

const securityContextOf = (holder: Record<string, unknown>): SecurityContext | undefined =>
  isRecord(holder.securityContext) ? holder.securityContext : undefined;

/** The container's own setting, else what it inherits from the pod's securityContext (runAsUser, runAsNonRoot do). */
function inherited(container: SubjectContainer, subject: WorkloadSubject, field: 'runAsUser' | 'runAsNonRoot'): unknown {
  return securityContextOf(container.spec)?.[field] ?? securityContextOf(subject.podSpec)?.[field];
}

function runsAsRoot(container: SubjectContainer, subject: WorkloadSubject): Verdict {
  const runAsUser = inherited(container, subject, 'runAsUser');
  const runAsNonRoot = inherited(container, subject, 'runAsNonRoot');
  if (runAsUser === 0) return fail('Runs as root: runAsUser is 0.');
  if (typeof runAsUser === 'number' && runAsUser > 0) return pass();
  // runAsNonRoot alone makes the kubelet refuse an image whose user is root.
  if (runAsNonRoot === true) return pass();
  return fail('May run as root: neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser, so the image decides.');
}

const containerFlag = (field: string, expected: boolean, message: string) => (container: SubjectContainer): Verdict =>
  securityContextOf(container.spec)?.[field] === expected ? pass() : fail(message);

function dangerousCapabilities(container: SubjectContainer): Verdict {
  const dangerous = capabilitiesOf(securityContextOf(container.spec)).added.filter((c) => DANGEROUS_CAPABILITIES.has(c));
  return dangerous.length === 0 ? pass() : fail(`Adds ${dangerous.join(', ')}: enough to take over the node or its network.`);
}

const INSECURE_DEFAULTS = RUNTIME_DEFAULT_CAPABILITIES.filter((c) => INSECURE_CAPABILITIES.has(c)).length;

function insecureCapabilities(container: SubjectContainer): Verdict {
  const { added, retained } = capabilitiesOf(securityContextOf(container.spec));
  const kept = retained.filter((c) => INSECURE_CAPABILITIES.has(c));
  const granted = added.filter((c) => INSECURE_CAPABILITIES.has(c) || c === 'ALL');
  if (kept.length === 0 && granted.length === 0) return pass();
  const keptAll = kept.length === INSECURE_DEFAULTS;
  const what = [
    ...(keptAll ? ["drops no capabilities, so it keeps the runtime's defaults (NET_RAW, SETUID, DAC_OVERRIDE among them)"] : []),
    ...(kept.length > 0 && !keptAll ? [`keeps ${kept.join(', ')} of the runtime's defaults`] : []),
    ...(granted.length > 0 ? [`adds ${granted.join(', ')}`] : []),
  ];
  return fail(`It ${what.join(' and ')}, which a compromised process could misuse.`);
}

const containerCheck = (check: Omit<ContainerCheck, 'scope' | 'category' | 'initContainers'>): ContainerCheck => ({
  ...check,
  scope: 'container',
  category: 'security',
  // An init container runs with the same access as any other: security holds for it too.
  initContainers: true,
});

const podFlag = (field: 'hostPID' | 'hostIPC', message: string) => (subject: WorkloadSubject): Verdict =>
  subject.podSpec[field] === true ? fail(message) : pass();

function hostPathVolumes(subject: WorkloadSubject): Verdict {
  const volumes: unknown[] = Array.isArray(subject.podSpec.volumes) ? subject.podSpec.volumes : [];
  const mounted = volumes.flatMap((v) => (isRecord(v) && isRecord(v.hostPath) ? [`${String(v.name)} (${String(v.hostPath.path)})`] : []));
  return mounted.length === 0 ? pass() : fail(`Mounts the node's filesystem: ${mounted.join(', ')}.`);
}

function serviceAccountToken(subject: WorkloadSubject): Verdict {
  if (subject.podSpec.automountServiceAccountToken === false) return pass();
  return fail(
    'Its pods get an API token mounted, usable by anyone who gets into a container.',
    'Unless its ServiceAccount sets automountServiceAccountToken: false, which the agent does not read (it never lists ServiceAccounts).',
  );
}

export const SECURITY_CHECKS: (ContainerCheck | WorkloadCheck)[] = [
  containerCheck({
    id: 'runAsRootAllowed',
    severity: 'danger',
    fix: 'Set securityContext.runAsNonRoot: true (and a non-zero runAsUser) on the pod or the container.',
    evaluate: runsAsRoot,
  }),
  containerCheck({
    id: 'runAsPrivileged',
    severity: 'danger',
    fix: 'Remove securityContext.privileged; add only the capabilities it needs.',
    evaluate: (container) =>
      securityContextOf(container.spec)?.privileged === true ? fail('Runs privileged: it has every capability and all of the node\u2019s devices.') : pass(),
  }),
  containerCheck({
    id: 'privilegeEscalationAllowed',
    severity: 'danger',
    fix: 'Set securityContext.allowPrivilegeEscalation: false.',
    evaluate: containerFlag('allowPrivilegeEscalation', false, 'Allows privilege escalation: a setuid binary in the image can gain more privileges than the process started with.'),
  }),
  containerCheck({
    id: 'notReadOnlyRootFilesystem',
    severity: 'warning',
    fix: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write.',
    evaluate: containerFlag('readOnlyRootFilesystem', true, 'Its root filesystem is writable: an intruder can change its binaries.'),
  }),
  containerCheck({
    id: 'dangerousCapabilities',
    severity: 'danger',
    fix: 'Remove ALL, SYS_ADMIN and NET_ADMIN from securityContext.capabilities.add.',
    evaluate: dangerousCapabilities,
  }),
  containerCheck({
    id: 'insecureCapabilities',
    severity: 'warning',
    fix: 'Set securityContext.capabilities.drop: [ALL] and add back only what it needs (e.g. NET_BIND_SERVICE).',
    evaluate: insecureCapabilities,
  }),
  {
    id: 'hostPIDSet',
    scope: 'workload',
    severity: 'danger',
    category: 'security',
    fix: 'Remove hostPID from the pod spec.',
    evaluate: podFlag('hostPID', 'Shares the node\u2019s process namespace: it sees, and may signal, every process on the node.'),
  },
  {
    id: 'hostIPCSet',
    scope: 'workload',
    severity: 'danger',
    category: 'security',
    fix: 'Remove hostIPC from the pod spec.',
    evaluate: podFlag('hostIPC', 'Shares the node\u2019s IPC namespace: it can read the shared memory of every process on the node.'),
  },
  {
    id: 'hostPathSet',
    scope: 'workload',
    severity: 'warning',
    category: 'security',
    fix: 'Replace hostPath volumes with a PersistentVolumeClaim, an emptyDir or a ConfigMap.',
    evaluate: hostPathVolumes,
  },
  {
    id: 'automountServiceAccountToken',
    scope: 'workload',
    // Polaris warns; here it is advice, because the ServiceAccount (which the agent does not read) may already turn it off.
    severity: 'info',
    category: 'security',
    fix: 'Set automountServiceAccountToken: false in the pod spec unless it calls the Kubernetes API.',
    evaluate: serviceAccountToken,
  },
];
