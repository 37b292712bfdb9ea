import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {} from '../../test/provided-context.ts';
import { startInventoryForContext, type Inventory } from '../inventory/inventory.ts';
import type { WorkloadReadiness } from './finding.ts';
import { readinessReport } from './readiness-report.ts';

// The global setup's cluster (Kubernetes v1.20.2) with the seeded workloads, read as the agent reads it.
const kubeconfig = inject('testclusterKubeconfig');

describe('readiness of the seeded workloads (Kubernetes v1.20.2)', () => {
  let inventory: Inventory;
  let report: WorkloadReadiness[];
  const of = (namespace: string, kind: string, name: string) => {
    const found = report.find((r) => r.workload.namespace === namespace && r.workload.kind === kind && r.workload.name === name);
    if (!found) throw new Error(`no readiness for ${kind} ${namespace}/${name}`);
    return found;
  };
  const ids = (r: WorkloadReadiness) => r.findings.map((f) => (f.container ? `${f.id}:${f.container}` : f.id));

  beforeAll(async () => {
    inventory = await startInventoryForContext({ kubeconfig, context: 'testcluster', env: {} });
    await inventory.waitUntilSettled(60_000);
    report = readinessReport(inventory);
  });
  afterAll(() => inventory?.stop());

  it('reports the top-level workloads and the bare pod, not the ReplicaSets and pods they own', () => {
    const seeded = report.filter((r) => ['shop', 'data', 'monitoring', 'legacy'].includes(r.workload.namespace ?? ''));
    expect(seeded.map((r) => `${r.workload.namespace}/${r.workload.kind}/${r.workload.name}`).sort()).toEqual(
      expect.arrayContaining([
        'data/CronJob/nightly-report',
        'data/Deployment/etl-worker',
        'data/Job/backfill',
        'legacy/Pod/debug-shell',
        'legacy/ReplicaSet/old-api',
        'legacy/ReplicationController/legacy-worker',
        'monitoring/DaemonSet/node-exporter',
        'shop/Deployment/api-gateway',
        'shop/Deployment/checkout',
        'shop/Deployment/frontend',
        'shop/StatefulSet/orders-db',
        'shop/StatefulSet/session-cache',
      ]),
    );
    expect(seeded.filter((r) => r.workload.kind === 'Pod').map((r) => r.workload.name)).toEqual(['debug-shell']);
    expect(report.every((r) => r.unknown.length === 0)).toBe(true);
    for (const r of report) expect(r.score.passing).toBe(r.score.total - r.findings.length);
  });

  it('shop/frontend: probed web without a CPU limit, a bare log-shipper, and the PodDisruptionBudget that covers it', () => {
    const frontend = of('shop', 'Deployment', 'frontend');
    const found = ids(frontend);
    expect(found).toContain('cpuLimitsMissing:web');
    expect(found).not.toContain('memoryLimitsMissing:web');
    expect(found).not.toContain('readinessProbeMissing:web');
    expect(found).not.toContain('livenessProbeMissing:web');
    expect(found).toEqual(expect.arrayContaining(['cpuRequestsMissing:log-shipper', 'memoryLimitsMissing:log-shipper', 'readinessProbeMissing:log-shipper']));
    expect(found).not.toContain('missingPodDisruptionBudget');
    expect(frontend.notes).toContainEqual({ id: 'missingPodDisruptionBudget', category: 'reliability', detail: 'PodDisruptionBudget frontend selects its pods.' });
    expect(found).not.toContain('deploymentMissingReplicas');
    expect(found).toContain('runAsRootAllowed:web');
    // Nothing seeded is hardened: every pod mounts its token and sets no priority class.
    expect(found).toEqual(expect.arrayContaining(['automountServiceAccountToken', 'priorityClassNotSet']));
    // Versioned images and the API server's default IfNotPresent.
    expect(found).not.toContain('tagNotSpecified:web');
    expect(found).toContain('pullPolicyNotAlways:web');
  });

  it('shop: no PodDisruptionBudget for the gateway; the checkout HPA may go down to 1; one cache replica', () => {
    expect(ids(of('shop', 'Deployment', 'api-gateway'))).toContain('missingPodDisruptionBudget');
    const checkout = of('shop', 'Deployment', 'checkout');
    expect(checkout.findings.find((f) => f.id === 'hpaMinAvailability')).toMatchObject({
      severity: 'warning',
      category: 'reliability',
      message: 'HPA checkout may scale it down to 1 replica.',
    });
    expect(ids(checkout)).not.toContain('deploymentMissingReplicas');
    expect(ids(of('shop', 'Deployment', 'frontend'))).not.toContain('hpaMinAvailability');
    expect(ids(of('shop', 'StatefulSet', 'session-cache'))).toContain('deploymentMissingReplicas');
  });

  it('data/etl-worker: a latest image with no requests or limits', () => {
    const found = ids(of('data', 'Deployment', 'etl-worker'));
    expect(found).toEqual(expect.arrayContaining(['tagNotSpecified:worker', 'cpuRequestsMissing:worker', 'memoryRequestsMissing:worker', 'cpuLimitsMissing:worker', 'memoryLimitsMissing:worker']));
    // The API server defaults a latest image to pull Always.
    expect(found).not.toContain('pullPolicyNotAlways:worker');
    expect(of('data', 'Deployment', 'etl-worker').findings.find((f) => f.id === 'tagNotSpecified')!.severity).toBe('danger');
  });

  it('batch workloads are not asked for probes, replicas or disruption budgets', () => {
    for (const [kind, name] of [['CronJob', 'nightly-report'], ['Job', 'backfill']] as const) {
      const found = ids(of('data', kind, name));
      expect(found.filter((id) => /Probe|Replicas|DisruptionBudget|hpa/.test(id))).toEqual([]);
    }
    const exporter = ids(of('monitoring', 'DaemonSet', 'node-exporter'));
    expect(exporter.filter((id) => /Replicas|DisruptionBudget/.test(id))).toEqual([]);
  });

  it('legacy: the bare debug-shell has no probes; the LimitRange supplies its requests and limits, and the findings say so', () => {
    const shell = of('legacy', 'Pod', 'debug-shell');
    expect(ids(shell)).toEqual(expect.arrayContaining(['readinessProbeMissing:shell', 'livenessProbeMissing:shell']));
    expect(ids(shell).filter((id) => /Requests|Limits/.test(id))).toEqual([]);
    expect(shell.notes.filter((n) => n.category === 'resources').map((n) => n.id)).toEqual(['cpuRequestsMissing', 'memoryRequestsMissing', 'cpuLimitsMissing', 'memoryLimitsMissing']);
    expect(shell.notes[0]!.detail).toBe("The CPU request (100m) comes from the namespace's LimitRange default, not the workload's spec.");
    const oldApi = of('legacy', 'ReplicaSet', 'old-api');
    expect(ids(oldApi).filter((id) => /Requests|Limits/.test(id))).toEqual([]);
    expect(oldApi.notes.filter((n) => n.category === 'resources')).toHaveLength(4);
    expect(ids(oldApi)).toEqual(expect.arrayContaining(['deploymentMissingReplicas', 'missingPodDisruptionBudget']));
  });
});
