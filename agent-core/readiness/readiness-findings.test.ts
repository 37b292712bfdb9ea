import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../inventory/kube-object.ts';
import type { KindSync } from '../inventory/inventory.ts';
import { WATCHED_KINDS } from '../inventory/watched-kinds.ts';
import { ALL_CHECKS } from './all-checks.ts';
import type { CheckId, WorkloadReadiness } from './finding.ts';
import { readinessContext } from './readiness-context.ts';
import { readinessFindings } from './readiness-findings.ts';
import { autoscaler, disruptionBudget, goodContainer, limitRange, modelOf, workload } from './testing/workloads.ts';

/** The readiness of `subject`, in an inventory holding it and `others`. */
function readinessOf(subject: KubeObject, others: KubeObject[] = [], progress?: KindSync[]): WorkloadReadiness {
  const model = modelOf(subject, ...others);
  return readinessFindings(model.entity(subject.metadata!.uid!)!, readinessContext(model.entities(), progress));
}

/** Every kind listed, except those given. */
function progressWith(...states: Pick<KindSync, 'kind' | 'state'>[]): KindSync[] {
  return WATCHED_KINDS.map((kind) => {
    const state = states.find((s) => s.kind === kind)?.state ?? 'watching';
    return { kind, apiVersion: 'v1', state, listed: 0, synced: state === 'watching', watchAllowed: true, relists: 0 };
  });
}

const ids = (r: WorkloadReadiness) => r.findings.map((f) => (f.container ? `${f.id}:${f.init ? 'init:' : ''}${f.container}` : f.id));
const failed = (r: WorkloadReadiness, id: CheckId) => r.findings.filter((f) => f.id === id);

// A Deployment that passes everything: 3 replicas, a PDB, no HPA.
const good = () => workload('Deployment', 'web', [goodContainer('web')]);
const pdbFor = (app: string) => disruptionBudget(`${app}-pdb`, { matchLabels: { app } });

describe('a workload that does everything right', () => {
  it('has no findings, and scores every check that applies', () => {
    const subject = good();
    const result = readinessOf(subject, [pdbFor('web')]);
    expect(result.findings).toEqual([]);
    expect(result.unknown).toEqual([]);
    // 24 checks; hpaMinAvailability does not apply without an HPA.
    expect(result.score).toEqual({ passing: ALL_CHECKS.length - 1, total: ALL_CHECKS.length - 1 });
    expect(result.notes).toEqual([{ id: 'missingPodDisruptionBudget', category: 'reliability', detail: 'PodDisruptionBudget web-pdb selects its pods.' }]);
    expect(result.workload).toMatchObject({ kind: 'Deployment', namespace: 'shop', name: 'web' });
  });

  it('every check has a Polaris id, a severity, a category and a one-line fix', () => {
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
    for (const check of ALL_CHECKS) {
      expect(['danger', 'warning', 'info']).toContain(check.severity);
      expect(['resources', 'reliability', 'security', 'images', 'networking']).toContain(check.category);
      expect(check.fix).toMatch(/^[A-Z].*\.$/);
      expect(check.fix).not.toContain('\n');
    }
  });
});

describe('resources', () => {
  it('reports each missing request and limit per app container, never for init containers', () => {
    const bare = { ...goodContainer('sidecar'), resources: undefined };
    const setup = { ...goodContainer('setup'), resources: undefined };
    const subject = workload('Deployment', 'web', [goodContainer('web'), bare], { podSpec: { initContainers: [setup] } });
    const result = readinessOf(subject, [pdbFor('web')]);
    expect(ids(result)).toEqual(['cpuRequestsMissing:sidecar', 'memoryRequestsMissing:sidecar', 'cpuLimitsMissing:sidecar', 'memoryLimitsMissing:sidecar']);
    expect(failed(result, 'cpuRequestsMissing')[0]).toMatchObject({ severity: 'warning', category: 'resources', message: expect.stringMatching(/^No CPU request/) });
  });

  it('a limit alone counts as the request too (the API server copies it)', () => {
    const subject = workload('Deployment', 'web', [goodContainer('web', { resources: { limits: { cpu: '1', memory: '1Gi' } } })]);
    expect(ids(readinessOf(subject, [pdbFor('web')]))).toEqual([]);
  });

  it('LimitRange defaults count as set, and say so', () => {
    const subject = workload('Deployment', 'web', [goodContainer('web', { resources: { requests: { cpu: '250m' } } })]);
    const result = readinessOf(subject, [pdbFor('web'), limitRange('defaults', { default: { cpu: '1', memory: '512Mi' }, defaultRequest: { memory: '256Mi' } })]);
    expect(result.findings).toEqual([]);
    expect(result.notes.filter((n) => n.category === 'resources')).toEqual([
      { id: 'memoryRequestsMissing', category: 'resources', container: 'web', detail: expect.stringContaining('memory request (256Mi) comes from the namespace\'s LimitRange default') },
      { id: 'cpuLimitsMissing', category: 'resources', container: 'web', detail: expect.stringContaining('CPU limit (1) comes from the namespace\'s LimitRange default') },
      { id: 'memoryLimitsMissing', category: 'resources', container: 'web', detail: expect.stringContaining('LimitRange') },
    ]);
  });

  it('a finding says when the LimitRange supplies the other half', () => {
    const subject = workload('Deployment', 'web', [goodContainer('web', { resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } } })]);
    const result = readinessOf(subject, [pdbFor('web'), limitRange('defaults', { defaultRequest: { cpu: '100m' } })]);
    expect(result.findings).toEqual([
      expect.objectContaining({ id: 'cpuLimitsMissing', container: 'web', detail: "The CPU request (100m) comes from the namespace's LimitRange default, not the workload's spec." }),
    ]);
    expect(result.notes.map((n) => n.id)).toContain('cpuRequestsMissing');
  });

  it('a template without requests is unknown, not missing, while LimitRanges cannot be listed; a pod carries what it got', () => {
    const forbidden = progressWith({ kind: 'LimitRange', state: 'forbidden' });
    const noResources = { ...goodContainer('web'), resources: undefined };
    const deployment = readinessOf(workload('Deployment', 'web', [noResources]), [pdbFor('web')], forbidden);
    expect(failed(deployment, 'cpuRequestsMissing')).toEqual([]);
    expect(deployment.unknown.map((u) => u.id)).toEqual(['cpuRequestsMissing', 'memoryRequestsMissing', 'cpuLimitsMissing', 'memoryLimitsMissing']);
    expect(deployment.unknown[0]!.reason).toMatch(/may not list limitranges/);
    expect(deployment.score.total).toBe(ALL_CHECKS.length - 1 - 4);
    const pod = readinessOf(workload('Pod', 'debug', [noResources]), [], forbidden);
    expect(failed(pod, 'cpuRequestsMissing')).toHaveLength(1);
  });
});

describe('probes', () => {
  const unprobed = (name: string) => ({ ...goodContainer(name), readinessProbe: undefined, livenessProbe: undefined });

  it('reports missing readiness and liveness probes per app container', () => {
    const result = readinessOf(workload('StatefulSet', 'db', [unprobed('db')], { podSpec: { initContainers: [unprobed('migrate')] } }), [pdbFor('db')]);
    expect(ids(result)).toEqual(['readinessProbeMissing:db', 'livenessProbeMissing:db']);
  });

  it('does not ask Jobs and CronJobs for probes', () => {
    expect(ids(readinessOf(workload('Job', 'once', [unprobed('task')])))).toEqual([]);
    expect(ids(readinessOf(workload('CronJob', 'nightly', [unprobed('task')])))).toEqual([]);
  });
});

describe('security', () => {
  const withContext = (securityContext: Record<string, unknown> | undefined) => goodContainer('app', { securityContext });
  const only = (r: WorkloadReadiness, id: CheckId) => failed(r, id).map((f) => f.message);

  it('runAsRootAllowed: a pod-level runAsNonRoot or runAsUser is inherited; a container runAsUser 0 overrides it', () => {
    const hardened = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
    const deploy = (container: Record<string, unknown>, pod?: Record<string, unknown>) =>
      readinessOf(workload('Deployment', 'web', [withContext({ ...hardened, ...container })], { podSpec: pod ? { securityContext: pod } : {} }), [pdbFor('web')]);
    expect(only(deploy({}), 'runAsRootAllowed')).toEqual([expect.stringMatching(/^May run as root/)]);
    expect(only(deploy({}, { runAsNonRoot: true }), 'runAsRootAllowed')).toEqual([]);
    expect(only(deploy({}, { runAsUser: 1000 }), 'runAsRootAllowed')).toEqual([]);
    expect(only(deploy({ runAsUser: 0 }, { runAsNonRoot: true }), 'runAsRootAllowed')).toEqual(['Runs as root: runAsUser is 0.']);
    expect(only(deploy({ runAsNonRoot: false }, { runAsNonRoot: true }), 'runAsRootAllowed')).toHaveLength(1);
    expect(only(deploy({ runAsUser: 1000 }, { runAsUser: 0 }), 'runAsRootAllowed')).toEqual([]);
    expect(failed(deploy({}), 'runAsRootAllowed')[0]).toMatchObject({ severity: 'danger', category: 'security', container: 'app' });
  });

  it('reports an unhardened container on every security check, init containers included', () => {
    const open = { ...goodContainer('app'), securityContext: undefined };
    const init = { ...goodContainer('setup'), securityContext: { privileged: true } };
    const result = readinessOf(workload('Deployment', 'web', [open], { podSpec: { initContainers: [init] } }), [pdbFor('web')]);
    expect(ids(result)).toEqual([
      'runAsRootAllowed:init:setup',
      'runAsRootAllowed:app',
      'runAsPrivileged:init:setup',
      'privilegeEscalationAllowed:init:setup',
      'privilegeEscalationAllowed:app',
      'notReadOnlyRootFilesystem:init:setup',
      'notReadOnlyRootFilesystem:app',
      'insecureCapabilities:init:setup',
      'insecureCapabilities:app',
    ]);
    expect(result.findings.slice(0, 5).every((f) => f.severity === 'danger')).toBe(true);
    expect(failed(result, 'insecureCapabilities')[0]!.message).toBe(
      "It drops no capabilities, so it keeps the runtime's defaults (NET_RAW, SETUID, DAC_OVERRIDE among them), which a compromised process could misuse.",
    );
  });

  it('capabilities: ALL, SYS_ADMIN and NET_ADMIN are dangerous; what is not dropped is insecure; NET_BIND_SERVICE may come back', () => {
    const caps = (capabilities: Record<string, unknown>) =>
      readinessOf(workload('Deployment', 'web', [withContext({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities })]), [pdbFor('web')]);
    expect(ids(caps({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }))).toEqual([]);
    expect(ids(caps({ drop: ['all'] }))).toEqual([]);
    expect(only(caps({ drop: ['ALL'], add: ['cap_sys_admin', 'NET_RAW'] }), 'dangerousCapabilities')).toEqual(['Adds SYS_ADMIN: enough to take over the node or its network.']);
    expect(only(caps({ drop: ['ALL'], add: ['NET_RAW'] }), 'insecureCapabilities')).toEqual(['It adds NET_RAW, which a compromised process could misuse.']);
    expect(only(caps({ drop: ['NET_RAW', 'SETUID', 'SETGID', 'FOWNER', 'FSETID', 'DAC_OVERRIDE', 'SETFCAP', 'SETPCAP', 'SYS_CHROOT', 'AUDIT_WRITE'] }), 'insecureCapabilities')).toEqual([
      "It keeps CHOWN, MKNOD, KILL of the runtime's defaults, which a compromised process could misuse.",
    ]);
    expect(only(caps({ add: ['ALL'] }), 'dangerousCapabilities')).toHaveLength(1);
  });

  it('hostPID, hostIPC, hostPath and the service account token are pod-level findings', () => {
    const podSpec = {
      hostPID: true,
      hostIPC: true,
      automountServiceAccountToken: undefined,
      volumes: [{ name: 'proc', hostPath: { path: '/proc' } }, { name: 'scratch', emptyDir: {} }],
    };
    const result = readinessOf(workload('DaemonSet', 'agent', [goodContainer('agent')], { podSpec }));
    expect(ids(result)).toEqual(['hostPIDSet', 'hostIPCSet', 'hostPathSet', 'automountServiceAccountToken']);
    expect(failed(result, 'hostPathSet')[0]!.message).toBe("Mounts the node's filesystem: proc (/proc).");
    expect(failed(result, 'automountServiceAccountToken')[0]).toMatchObject({ severity: 'info', detail: expect.stringMatching(/ServiceAccount/) });
    expect(result.findings.map((f) => f.severity)).toEqual(['danger', 'danger', 'warning', 'info']);
  });
});

describe('networking', () => {
  it('hostNetwork on the pod, hostPort per container', () => {
    const ports = [{ containerPort: 8080 }, { containerPort: 9100, hostPort: 9100 }];
    const result = readinessOf(workload('DaemonSet', 'exporter', [goodContainer('exporter', { ports })], { podSpec: { hostNetwork: true } }));
    expect(ids(result)).toEqual(['hostNetworkSet', 'hostPortSet:exporter']);
    expect(result.findings.map((f) => `${f.category}/${f.severity}`)).toEqual(['networking/danger', 'networking/warning']);
  });
});

describe('images', () => {
  const image = (img: string, pullPolicy?: string) => {
    const c = goodContainer('app', { image: img });
    if (pullPolicy === undefined) delete c.imagePullPolicy;
    else c.imagePullPolicy = pullPolicy;
    return readinessOf(workload('Deployment', 'web', [c]), [pdbFor('web')]);
  };

  it('tagNotSpecified: no tag or latest; a digest or a version passes; the registry port is no tag', () => {
    expect(ids(image('ghcr.io/example/etl:latest', 'Always'))).toEqual(['tagNotSpecified:app']);
    expect(failed(image('localhost:5000/etl', 'Always'), 'tagNotSpecified')[0]).toMatchObject({ severity: 'danger', category: 'images', message: expect.stringContaining('names no tag') });
    expect(ids(image('etl@sha256:0123', 'Always'))).toEqual([]);
  });

  it('pullPolicyNotAlways: the policy set, else the one the API server would default to', () => {
    expect(ids(image('etl:1.0', 'IfNotPresent'))).toEqual(['pullPolicyNotAlways:app']);
    expect(ids(image('etl:1.0'))).toEqual(['pullPolicyNotAlways:app']);
    expect(ids(image('etl:latest'))).toEqual(['tagNotSpecified:app']);
  });
});

describe('availability', () => {
  it('deploymentMissingReplicas: fewer than 2 replicas, on the kinds that have replicas', () => {
    expect(ids(readinessOf(workload('Deployment', 'web', [goodContainer('web')], { replicas: 1 }), [pdbFor('web')]))).toEqual(['deploymentMissingReplicas']);
    expect(ids(readinessOf(workload('ReplicationController', 'web', [goodContainer('web')], { replicas: 0 }), [pdbFor('web')]))).toEqual(['deploymentMissingReplicas']);
    expect(ids(readinessOf(workload('DaemonSet', 'agent', [goodContainer('agent')])))).toEqual([]);
  });

  it('missingPodDisruptionBudget: a PDB in the same namespace whose selector (expressions included) matches the pod template', () => {
    const labels = { app: 'web', tier: 'front' };
    const deploy = () => workload('Deployment', 'web', [goodContainer('web')], { labels });
    expect(ids(readinessOf(deploy()))).toEqual(['missingPodDisruptionBudget']);
    expect(ids(readinessOf(deploy(), [disruptionBudget('other-app', { matchLabels: { app: 'api' } })]))).toEqual(['missingPodDisruptionBudget']);
    expect(ids(readinessOf(deploy(), [disruptionBudget('elsewhere', { matchLabels: { app: 'web' } }, { namespace: 'data' })]))).toEqual(['missingPodDisruptionBudget']);
    const byExpression = disruptionBudget('front', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }, { key: 'canary', operator: 'DoesNotExist' }] });
    expect(ids(readinessOf(deploy(), [byExpression]))).toEqual([]);
    // An empty selector: every pod of the namespace in policy/v1, none in policy/v1beta1.
    expect(ids(readinessOf(deploy(), [disruptionBudget('all', {})]))).toEqual([]);
    expect(ids(readinessOf(deploy(), [disruptionBudget('none', {}, { apiVersion: 'policy/v1beta1' })]))).toEqual(['missingPodDisruptionBudget']);
    // Not asked of DaemonSets (drains skip their pods), Jobs, or bare pods.
    expect(ids(readinessOf(workload('DaemonSet', 'agent', [goodContainer('agent')])))).toEqual([]);
    expect(ids(readinessOf(workload('Pod', 'debug', [goodContainer('debug')])))).toEqual([]);
  });

  it('hpaMinAvailability: an HPA on the workload with minReplicas under 2 (unset means 1)', () => {
    const deploy = () => workload('Deployment', 'checkout', [goodContainer('checkout')]);
    const pdb = pdbFor('checkout');
    expect(ids(readinessOf(deploy(), [pdb, autoscaler('checkout', { kind: 'Deployment', name: 'checkout' }, 1)]))).toEqual(['hpaMinAvailability']);
    expect(failed(readinessOf(deploy(), [pdb, autoscaler('scaler', { kind: 'Deployment', name: 'checkout' }, undefined)]), 'hpaMinAvailability')[0]!.message).toBe(
      'HPA scaler may scale it down to 1 replica.',
    );
    expect(ids(readinessOf(deploy(), [pdb, autoscaler('checkout', { kind: 'Deployment', name: 'checkout' }, 3)]))).toEqual([]);
    expect(ids(readinessOf(deploy(), [pdb, autoscaler('other', { kind: 'StatefulSet', name: 'checkout' }, 1)]))).toEqual([]);
    const single = workload('Deployment', 'checkout', [goodContainer('checkout')], { replicas: 1 });
    const both = readinessOf(single, [pdb, autoscaler('checkout', { kind: 'Deployment', name: 'checkout' }, 1)]);
    expect(ids(both)).toEqual(['deploymentMissingReplicas', 'hpaMinAvailability']);
    expect(both.findings[0]!.detail).toMatch(/HPA checkout sets its replicas/);
  });

  it('PDB and HPA checks are unknown, not findings, while those kinds cannot be listed or are still listing', () => {
    const progress = progressWith({ kind: 'PodDisruptionBudget', state: 'forbidden' }, { kind: 'HorizontalPodAutoscaler', state: 'listing' });
    const result = readinessOf(workload('Deployment', 'web', [goodContainer('web')]), [], progress);
    expect(result.findings).toEqual([]);
    expect(result.unknown).toEqual([
      { id: 'missingPodDisruptionBudget', reason: 'Cannot tell whether a PodDisruptionBudget covers it: the agent may not list poddisruptionbudgets.policy.' },
      { id: 'hpaMinAvailability', reason: 'Cannot tell whether an HPA scales it: horizontalpodautoscalers.autoscaling are still being listed.' },
    ]);
    expect(result.score).toEqual({ passing: ALL_CHECKS.length - 2, total: ALL_CHECKS.length - 2 });
  });

  it('priorityClassNotSet is advice', () => {
    const result = readinessOf(workload('Deployment', 'web', [goodContainer('web')], { podSpec: { priorityClassName: undefined } }), [pdbFor('web')]);
    expect(result.findings).toEqual([expect.objectContaining({ id: 'priorityClassNotSet', severity: 'info', category: 'reliability' })]);
  });
});

describe('score and order', () => {
  it('counts one result per container for container checks; findings are most severe first', () => {
    const sloppy = { name: 'app', image: 'app:latest' };
    const result = readinessOf(workload('Deployment', 'web', [sloppy, { ...sloppy, name: 'sidecar' }], { replicas: 1, podSpec: { priorityClassName: undefined, automountServiceAccountToken: undefined } }));
    const containerChecks = ALL_CHECKS.filter((c) => c.scope === 'container').length;
    const workloadChecks = ALL_CHECKS.length - containerChecks - 1; // no HPA
    expect(result.score.total).toBe(2 * containerChecks + workloadChecks);
    expect(result.score.passing).toBe(result.score.total - result.findings.length);
    const order = { danger: 0, warning: 1, info: 2 };
    expect(result.findings.map((f) => order[f.severity])).toEqual([...result.findings.map((f) => order[f.severity])].sort());
    expect(result.findings[0]!.severity).toBe('danger');
  });

  it('a kind without pods has no checks', () => {
    const pdb = pdbFor('web');
    const model = modelOf(pdb);
    expect(readinessFindings(model.entity(pdb.metadata!.uid!)!, readinessContext(model.entities())).score).toEqual({ passing: 0, total: 0 });
  });
});
