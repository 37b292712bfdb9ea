import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MEMORY_BYTES_ANNOTATION } from '../../sim/profiles/annotations.ts';
import { inFreshNamespace, uidOf, workload } from '../../test/fresh-namespace.ts';
import { kubectl } from '../../test/kubectl.ts';
import type {} from '../../test/provided-context.ts';
import { kubeConfigForContext } from '../kube/kube-client.ts';
import { resolveContext } from '../kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../kube/kubeconfig-files.ts';
import { openAgentLog } from '../log/agent-log.ts';
import { applyChange } from './apply-change.ts';
import type { ApplyContext } from './apply-context.ts';
import { AuditTrail, readAudit } from './audit-trail.ts';
import { undoOf, type ChangeRequest } from './change-request.ts';
import { reviewPatchAccess } from './patch-access.ts';
import { undoFromAudit } from './undo-from-audit.ts';
import { previewChange } from './preview-change.ts';

const kubeconfig = inject('testclusterKubeconfig');
const admin = kubectl(kubeconfig, { context: 'testcluster' });
const kcFor = (context: string) => kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig }), context));
const MI = 1024 * 1024;

interface Deployment {
  metadata: { resourceVersion: string; generation: number };
  spec: { template: { spec: { containers: { name: string; resources?: Record<string, Record<string, string>> }[] } } } & Record<string, unknown>;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-apply-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A namespace of its own with a two-container Deployment; the change targets "app", "sidecar" must not move. */
async function deploymentInFreshNamespace(): Promise<{ namespace: string; request: ChangeRequest }> {
  const namespace = await inFreshNamespace(admin, 'apply', (ns) => [
    workload('Deployment', 'web', ns, {
      replicas: 2,
      // The simulated kubelet runs "app" with a 200 MiB working set, whatever its request.
      annotations: { [`${MEMORY_BYTES_ANNOTATION}.app`]: String(200 * MI) },
      containers: [
        { name: 'app', image: 'nginx:1.19', resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
        { name: 'sidecar', image: 'envoy:1', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m' } } },
      ],
    }),
  ]);
  const uid = await uidOf(admin, 'deployment', 'web', namespace);
  return {
    namespace,
    request: {
      recommendationId: `rec-${namespace}`,
      target: { uuid: `uuid-${uid}`, kind: 'Deployment', apiVersion: 'apps/v1', namespace, name: 'web' },
      container: { name: 'app' },
      current: { cpuRequest: 0.5, cpuLimit: 1, memRequest: 512 * MI, memLimit: 1024 * MI },
      proposed: { cpuRequest: 0.25, cpuLimit: null, memRequest: 256 * MI, memLimit: 384 * MI },
    },
  };
}

const getDeployment = (namespace: string) => admin.json<Deployment>('get', 'deployment', 'web', '-n', namespace, '-o', 'json');

/**
 * The Deployment once its controller has stopped writing status: until its pods are available the controller
 * bumps the resourceVersion on its own, which would say nothing about what a dry run stored.
 */
async function settledDeployment(namespace: string): Promise<Deployment> {
  const deadline = Date.now() + 60_000;
  let previous = await getDeployment(namespace);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const current = await getDeployment(namespace);
    const status = (current as unknown as { status?: { availableReplicas?: number } }).status;
    if (current.metadata.resourceVersion === previous.metadata.resourceVersion && status?.availableReplicas === 2) return current;
    if (Date.now() > deadline) throw new Error(`deployment ${namespace}/web did not settle: ${JSON.stringify(status)}`);
    previous = current;
  }
}
const withoutAppResources = (d: Deployment) => {
  const spec = structuredClone(d.spec);
  for (const c of spec.template.spec.containers) if (c.name === 'app') delete c.resources;
  return spec;
};

describe('approve-to-apply against the test cluster (Kubernetes v1.20.2)', () => {
  it('dry-run stores nothing and shows the diff; apply changes only that container; undo restores; both are audited', async () => {
    const { namespace, request } = await deploymentInFreshNamespace();
    const logDir = path.join(tmp, `log-${namespace}`);
    const log = openAgentLog({ dir: logDir });
    const ctx: ApplyContext = { kc: kcFor('testcluster'), who: 'admin', audit: new AuditTrail(log.logger) };

    const before = await settledDeployment(namespace);
    const preview = await previewChange(ctx, request);
    const afterDryRun = await getDeployment(namespace);
    expect(afterDryRun.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(JSON.stringify(afterDryRun.spec)).toBe(JSON.stringify(before.spec));
    expect(preview.resourceVersion).toBe(before.metadata.resourceVersion);
    const changed = preview.diff.split('\n').filter((l) => l.startsWith('-') || l.startsWith('+'));
    expect(changed.sort()).toEqual(['+            cpu: 250m', '+            memory: 256Mi', '+            memory: 384Mi', '-            cpu: "1"', '-            cpu: 500m', '-            memory: 1Gi', '-            memory: 512Mi'].sort());
    expect(preview.consequence).toMatchObject({ rolls: 'all', podsReplaced: 2, summary: expect.stringMatching(/maxSurge 25%, maxUnavailable 25%/) });

    const applied = await applyChange(ctx, preview, { rolloutTimeoutMs: 90_000 });
    const after = await getDeployment(namespace);
    const app = after.spec.template.spec.containers.find((c) => c.name === 'app')!;
    expect(app.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '384Mi' } });
    expect(withoutAppResources(after)).toEqual(withoutAppResources(before));
    expect(applied.rollout?.state).toBe('complete');

    // Undo: the previous values, through the same preview and apply; the removed CPU limit comes back.
    // (Once the rollout's last status writes are done: a write between preview and apply would refuse it, rightly.)
    await settledDeployment(namespace);
    const undo = await previewChange(ctx, undoOf(request));
    await applyChange(ctx, undo, { follow: false });
    const restored = await getDeployment(namespace);
    expect(restored.spec.template.spec.containers.find((c) => c.name === 'app')!.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(withoutAppResources(restored)).toEqual(withoutAppResources(before));

    await log.close();
    const lines = readAudit(logDir);
    expect(lines.map((l) => [l.dryRun, l.outcome])).toEqual([
      [false, 'ok'],
      [true, 'ok'],
      [false, 'ok'],
      [true, 'ok'],
    ]);
    const oldest = lines.at(-1)!;
    const apply = lines.at(-2)!;
    for (const line of [oldest, apply]) {
      expect(line).toMatchObject({
        recommendationId: request.recommendationId,
        serviceId: request.target.uuid,
        containerId: `${namespace}/Deployment/web/app`,
        namespace,
        service: 'web',
        kind: 'Deployment',
        current: request.current,
        proposed: request.proposed,
        who: 'admin',
        when: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        message: expect.any(String),
      });
    }
    expect(oldest.dryRun).toBe(true);
    expect(apply.dryRun).toBe(false);
  });

  it('refuses an apply when the object changed since the preview', async () => {
    const { namespace, request } = await deploymentInFreshNamespace();
    const logDir = path.join(tmp, `log-${namespace}`);
    const log = openAgentLog({ dir: logDir });
    const ctx: ApplyContext = { kc: kcFor('testcluster'), who: 'admin', audit: new AuditTrail(log.logger) };
    const preview = await previewChange(ctx, request);
    await admin('label', 'deployment', 'web', '-n', namespace, 'touched=yes');
    await expect(applyChange(ctx, preview)).rejects.toMatchObject({ code: 'changed-since-preview', message: expect.stringMatching(/changed since the preview.*preview again/) });
    const app = (await getDeployment(namespace)).spec.template.spec.containers.find((c) => c.name === 'app')!;
    expect(app.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    await log.close();
    expect(readAudit(logDir)[0]).toMatchObject({ dryRun: false, outcome: 'refused', message: expect.stringMatching(/changed since the preview/) });
  });

  /** A fresh namespace holding one workload of `kind` (container "db"), rolled out; the change request for "db". */
  async function rolledOut(kind: 'StatefulSet' | 'DaemonSet', spec: Record<string, unknown>): Promise<{ namespace: string; request: ChangeRequest }> {
    const { replicas, ...rest } = spec as { replicas?: number };
    const container = { name: 'db', image: 'postgres:13', resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } } };
    const namespace = await inFreshNamespace(admin, 'apply', (ns) => [workload(kind, 'db', ns, { replicas, containers: [container], spec: rest })]);
    // `kubectl rollout status` refuses an OnDelete strategy: wait for the ready count instead.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { status } = await admin.json<{ status?: { readyReplicas?: number; numberReady?: number; replicas?: number; desiredNumberScheduled?: number } }>('get', kind, 'db', '-n', namespace, '-o', 'json');
      const [ready, wanted] = kind === 'DaemonSet' ? [status?.numberReady, status?.desiredNumberScheduled] : [status?.readyReplicas, status?.replicas];
      if (wanted && ready === wanted) break;
      if (Date.now() > deadline) throw new Error(`${kind} ${namespace}/db not ready: ${JSON.stringify(status)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const uid = await uidOf(admin, kind, 'db', namespace);
    return {
      namespace,
      request: {
        recommendationId: `rec-${namespace}`,
        target: { uuid: `uuid-${uid}`, kind, apiVersion: 'apps/v1', namespace, name: 'db' },
        container: { name: 'db' },
        current: { cpuRequest: 0.2, cpuLimit: null, memRequest: 256 * MI, memLimit: 512 * MI },
        proposed: { cpuRequest: 0.1, cpuLimit: null, memRequest: 300 * MI, memLimit: 600 * MI },
      },
    };
  }
  const podResources = async (namespace: string) =>
    (await admin.json<{ items: { spec: { containers: { resources: unknown }[] } }[] }>('get', 'pods', '-n', namespace, '-l', 'app=db', '-o', 'json')).items.map((p) => p.spec.containers[0]!.resources);
  const proposedResources = { requests: { cpu: '100m', memory: '300Mi' }, limits: { memory: '600Mi' } };

  it('follows a StatefulSet rollout by revision to the end', async () => {
    const { namespace, request } = await rolledOut('StatefulSet', { replicas: 2, serviceName: 'db' });
    const ctx: ApplyContext = { kc: kcFor('testcluster'), who: 'admin' };
    const preview = await previewChange(ctx, request);
    expect(preview.consequence).toMatchObject({ rolls: 'all', podsReplaced: 2, summary: expect.stringMatching(/one at a time, highest ordinal first/) });
    const progress: string[] = [];
    const applied = await applyChange(ctx, preview, { rolloutTimeoutMs: 90_000, pollMs: 300, watchAfterCompleteMs: 2000, onProgress: (line) => progress.push(line) });
    expect(applied.rollout).toMatchObject({ state: 'complete', message: expect.stringMatching(/^2 of 2 pods at revision db-\w+, ready$/) });
    expect(progress.length).toBeGreaterThan(1);
    const sts = await admin.json<{ status: { currentRevision: string; updateRevision: string } }>('get', 'statefulset', 'db', '-n', namespace, '-o', 'json');
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
    expect(await podResources(namespace)).toEqual([proposedResources, proposedResources]);
  });

  it('follows a DaemonSet rollout node by node to the end', async () => {
    const { namespace, request } = await rolledOut('DaemonSet', {});
    const ctx: ApplyContext = { kc: kcFor('testcluster'), who: 'admin' };
    const preview = await previewChange(ctx, request);
    expect(preview.consequence).toMatchObject({ rolls: 'all', podsReplaced: 3, summary: expect.stringMatching(/3 pods \(one per node\) replaced, maxUnavailable 1/) });
    const applied = await applyChange(ctx, preview, { rolloutTimeoutMs: 90_000, pollMs: 300, watchAfterCompleteMs: 2000 });
    expect(applied.rollout).toMatchObject({ state: 'complete', message: '3 of 3 nodes updated and available' });
    expect(await podResources(namespace)).toEqual([0, 1, 2].map(() => proposedResources));
  });

  it('says a StatefulSet with OnDelete does not roll, and does not wait for it', async () => {
    const { namespace, request } = await rolledOut('StatefulSet', { replicas: 1, serviceName: 'db', updateStrategy: { type: 'OnDelete' } });
    const ctx: ApplyContext = { kc: kcFor('testcluster'), who: 'admin' };
    const preview = await previewChange(ctx, request);
    expect(preview.consequence).toMatchObject({ rolls: 'none', podsReplaced: 0, summary: expect.stringMatching(/OnDelete/) });
    const applied = await applyChange(ctx, preview);
    expect(applied.rollout).toBeUndefined();
    // The running pod keeps its old values until it is deleted.
    expect(await podResources(namespace)).toEqual([{ requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } }]);
  });

  it('tells the user when the new pods are OOM-killed, and the undo brings the workload back', async () => {
    const { namespace, request } = await deploymentInFreshNamespace();
    await settledDeployment(namespace);
    const logDir = path.join(tmp, `log-${namespace}`);
    const log = openAgentLog({ dir: logDir });
    const ctx: ApplyContext = { kc: kcFor('testcluster'), who: 'admin', audit: new AuditTrail(log.logger) };
    // Far below what the simulated container uses: its kubelet kills it at once, again and again.
    const starved: ChangeRequest = { ...request, proposed: { ...request.current, memRequest: 2 * MI, memLimit: 2 * MI } };
    const applied = await applyChange(ctx, await previewChange(ctx, starved), { rolloutTimeoutMs: 90_000, pollMs: 300 });
    expect(applied.rollout).toMatchObject({ state: 'failing', message: expect.stringMatching(/new pods are failing.*(OOMKilled|CrashLoopBackOff).*consider undo/) });
    expect(applied.rollout!.problems.length).toBeGreaterThan(0);

    await log.close();
    const lines = readAudit(logDir);
    expect(lines[0]).toMatchObject({ dryRun: false, outcome: 'failed', patched: true, undo: false, message: expect.stringMatching(/rollout failing/) });

    // The undo comes from the audit log alone, as after a restart.
    const undo = undoFromAudit(lines, starved.recommendationId);
    expect(undo).toMatchObject({ undo: true, proposed: request.current, current: starved.proposed, target: request.target });
    const log2 = openAgentLog({ dir: logDir });
    const ctx2: ApplyContext = { ...ctx, audit: new AuditTrail(log2.logger) };
    const restored = await applyChange(ctx2, await previewChange(ctx2, undo), { rolloutTimeoutMs: 90_000, pollMs: 300 });
    expect(restored.rollout?.state, JSON.stringify(restored.rollout)).toBe('complete');
    const app = (await getDeployment(namespace)).spec.template.spec.containers.find((c) => c.name === 'app')!;
    expect(app.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    await log2.close();
    expect(readAudit(logDir)[0]).toMatchObject({ dryRun: false, outcome: 'ok', patched: true, undo: true });
    expect(() => undoFromAudit(readAudit(logDir), starved.recommendationId)).toThrow(/already an undo/);
  });

  it('tells the viewer context that it may not patch, and why', async () => {
    const { request } = await deploymentInFreshNamespace();
    const access = await reviewPatchAccess(kcFor('testcluster-viewer'), request.target, 'viewer');
    expect(access).toMatchObject({ allowed: false, reason: expect.stringMatching(/viewer may not patch deployments\.apps in namespace apply-.*read-only/) });
    expect(await reviewPatchAccess(kcFor('testcluster'), request.target, 'admin')).toEqual({ allowed: true });
  });
});
