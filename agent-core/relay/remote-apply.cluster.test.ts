// A remote action end to end against a real API server: gateway → agent (pending) → approval → server-side dry run →
// apply → actionResult at the gateway, with both steps in the audit trail (and relayed as audit packets).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { inFreshNamespace, uidOf, workload } from '../../test/fresh-namespace.ts';
import { kubectl } from '../../test/kubectl.ts';
import type {} from '../../test/provided-context.ts';
import type { WorkloadRecommendation } from '../agent/live-recommendations.ts';
import { AuditTrail, readAudit } from '../apply/audit-trail.ts';
import { kubeConfigForContext } from '../kube/kube-client.ts';
import { resolveContext } from '../kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../kube/kubeconfig-files.ts';
import { openAgentLog } from '../log/agent-log.ts';
import { clusterActionExecutor } from './apply-executor.ts';
import type { PendingAction } from './remote-actions.ts';
import { RelayHarness } from './testing/relay-harness.ts';
import { eventually } from './testing/relay-fixtures.ts';

const kubeconfig = inject('testclusterKubeconfig');
const admin = kubectl(kubeconfig, { context: 'testcluster' });
const kc = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig }), 'testcluster'));
const MI = 1024 * 1024;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-relay-apply-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function deployment(): Promise<{ namespace: string; uid: string }> {
  const namespace = await inFreshNamespace(admin, 'relay', (ns) => [
    workload('Deployment', 'web', ns, { replicas: 1, containers: [{ name: 'app', image: 'nginx:1.19', resources: { requests: { cpu: '500m', memory: '512Mi' } } }] }),
  ]);
  return { namespace, uid: await uidOf(admin, 'deployment', 'web', namespace) };
}

describe('remote apply through the relay', () => {
  it('is pending until approved; then dry-run, apply, audit, and the outcome reaches the gateway', async () => {
    const { namespace, uid } = await deployment();
    const rec = {
      id: `rec-${namespace}`,
      workload: { kind: 'Deployment', namespace, name: 'web', uid },
      containerName: 'app',
      current: { cpuRequest: 0.5, cpuLimit: null, memRequest: 512 * MI, memLimit: null },
      proposed: { cpuRequest: 0.25, cpuLimit: null, memRequest: 256 * MI, memLimit: null },
      computedAt: Date.now(),
    } as unknown as WorkloadRecommendation;

    const h = new RelayHarness(path.join(tmp, `${namespace}-gw`), path.join(tmp, `${namespace}-agent`));
    try {
      const gateway = await h.enrolAndStart();
      const relay = h.relay();
      const log = openAgentLog({ dir: h.agentDir, tee: relay.logStream() });
      const pending: PendingAction[] = [];
      relay.on('action', (a) => pending.push(a));
      await eventually(() => relay.report().state === 'connected', 10_000, 'connected');

      // The gateway names an id that new minutes have since replaced: the agent resolves it to the container's current one.
      const replaced = `rec-before-${namespace}`;
      const { actionId } = gateway.requestAction(h.connection.clusterId, replaced, 'alice');
      await eventually(() => pending.length === 1, 10_000, 'the pending action');
      await new Promise((r) => setTimeout(r, 500));
      const before = await admin.json<{ spec: { template: { spec: { containers: { resources: { requests: Record<string, string> } }[] } } } }>('get', 'deployment', 'web', '-n', namespace, '-o', 'json');
      expect(before.spec.template.spec.containers[0]!.resources.requests).toEqual({ cpu: '500m', memory: '512Mi' });
      expect(readAudit(h.agentDir)).toEqual([]);

      const executor = clusterActionExecutor({ kc, who: 'bob', audit: new AuditTrail(log.logger) }, (id) => (id === rec.id || id === replaced ? rec : undefined));
      const result = await relay.approve(actionId, executor, 'bob');
      expect(result).toMatchObject({ outcome: 'applied', dryRun: { ok: true }, recommendationId: replaced, recomputedAs: rec.id });
      expect(result.message).toContain(`new data replaced ${replaced} with ${rec.id}`);
      expect(result.dryRun!.diff).toMatch(/\+\s+cpu: 250m/);

      const after = await admin.json<typeof before>('get', 'deployment', 'web', '-n', namespace, '-o', 'json');
      expect(after.spec.template.spec.containers[0]!.resources.requests).toEqual({ cpu: '250m', memory: '256Mi' });
      await log.close();
      // Newest first: the apply after its dry run.
      // Who approved it here and who asked for it at the gateway.
      expect(readAudit(h.agentDir).map((e) => [e.dryRun, e.outcome, e.who, e.remote])).toEqual([
        [false, 'ok', 'bob', { actionId, requestedBy: 'alice' }],
        [true, 'ok', 'bob', { actionId, requestedBy: 'alice' }],
      ]);
      await eventually(() => gateway.store.actions(h.connection.clusterId)[0]!.result, 10_000, 'the result at the gateway');
      expect(gateway.store.actions(h.connection.clusterId)[0]!.result).toMatchObject({ outcome: 'applied', decidedBy: 'bob', recomputedAs: rec.id });
      await eventually(() => gateway.store.packets({ clusterId: h.connection.clusterId, kind: 'audit' }).length === 2, 10_000, 'two audit packets');
    } finally {
      await h.closeAll();
      await admin('delete', 'namespace', namespace, '--wait=false');
    }
  });
});
