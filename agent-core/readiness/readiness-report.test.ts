import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { startInventory, type Inventory, type KindSync } from '../inventory/inventory.ts';
import { fakeClusterScript } from '../inventory/testing/fake-cluster-script.ts';
import { startScriptedApiServer, type ScriptedApiServer } from '../inventory/testing/scripted-api-server.ts';
import type { ContainerSpec, KubeObject } from '../inventory/kube-object.ts';
import { WATCHED_KINDS, type WatchedKind } from '../inventory/watched-kinds.ts';
import { readinessReport } from './readiness-report.ts';
import { autoscaler, disruptionBudget, goodContainer, limitRange, modelOf, workload } from './testing/workloads.ts';

const allSynced: KindSync[] = WATCHED_KINDS.map((kind) => ({ kind, apiVersion: 'v1', state: 'watching', listed: 0, synced: true, watchAllowed: true, relists: 0 }));

const ownedBy = (owner: KubeObject, object: KubeObject): KubeObject => ({
  ...object,
  metadata: { ...object.metadata, ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind!, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true }] },
});

describe('readinessReport', () => {
  it('covers the rows of the workloads table: top-level workloads and bare pods, by namespace and name', () => {
    const deployment = workload('Deployment', 'web', [goodContainer('web')]);
    const replicaSet = ownedBy(deployment, workload('ReplicaSet', 'web-7d9', [goodContainer('web')]));
    const pod = ownedBy(replicaSet, workload('Pod', 'web-7d9-x', [goodContainer('web')]));
    const bare = workload('Pod', 'debug', [{ name: 'shell', image: 'busybox' }], { namespace: 'legacy' });
    const cron = workload('CronJob', 'nightly', [goodContainer('report')], { namespace: 'data' });
    const model = modelOf(deployment, replicaSet, pod, bare, cron, disruptionBudget('web', { matchLabels: { app: 'web' } }));
    const report = readinessReport({ entities: () => model.entities(), syncProgress: () => allSynced });
    expect(report.map((r) => `${r.workload.namespace}/${r.workload.kind}/${r.workload.name}`)).toEqual(['data/CronJob/nightly', 'legacy/Pod/debug', 'shop/Deployment/web']);
    expect(report[2]!.findings).toEqual([]);
    expect(report[1]!.findings.map((f) => f.id)).toContain('tagNotSpecified');
  });

  describe('through a live inventory whose user may not list PodDisruptionBudgets', () => {
    let server: ScriptedApiServer | undefined;
    let inventory: Inventory | undefined;
    afterEach(async () => {
      await inventory?.stop();
      await server?.close();
    });

    it('says the PDB check is unknown, and why, instead of reporting every workload without one', async () => {
      const deployment = workload('Deployment', 'web', [goodContainer('web')]);
      const hpa = autoscaler('web', { kind: 'Deployment', name: 'web' }, 2);
      const pdbs = '/apis/policy/v1beta1/poddisruptionbudgets';
      server = await startScriptedApiServer(
        fakeClusterScript({
          collections: {
            '/apis/apps/v1/deployments': [deployment],
            [pdbs]: [disruptionBudget('web', { matchLabels: { app: 'web' } })],
            '/apis/autoscaling/v2beta2/horizontalpodautoscalers': [hpa],
            ...Object.fromEntries(
              ['/api/v1/pods', '/api/v1/namespaces', '/api/v1/nodes', '/api/v1/limitranges', '/api/v1/replicationcontrollers', '/apis/apps/v1/replicasets', '/apis/apps/v1/statefulsets', '/apis/apps/v1/daemonsets', '/apis/batch/v1/jobs', '/apis/batch/v1beta1/cronjobs'].map((path) => [path, []]),
            ),
          },
          allows: (q) => !(q.verb === 'list' && q.resource === 'poddisruptionbudgets'),
          forbidden: { list: [pdbs] },
        }),
      );
      inventory = await startInventory({ kubeConfig: server.kubeConfig, reflector: { forbiddenRetryMs: 60_000 } });
      await inventory.waitUntilSettled(5_000);
      const [web] = readinessReport(inventory);
      expect(web!.findings).toEqual([]);
      expect(web!.unknown).toEqual([{ id: 'missingPodDisruptionBudget', reason: 'Cannot tell whether a PodDisruptionBudget covers it: the agent may not list poddisruptionbudgets.policy.' }]);
      expect(inventory.capabilities().capabilities.find((c) => c.name === 'readiness')).toMatchObject({ status: 'partial', missing: ['list poddisruptionbudgets.policy'] });
    });
  });

  it('10k workloads: measured, not asserted', () => {
    const NAMESPACES = 100;
    const kinds: WatchedKind[] = ['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Pod'];
    const objects: KubeObject[] = [];
    for (let n = 0; n < NAMESPACES; n++) {
      const namespace = `team-${n}`;
      objects.push(limitRange('defaults', { defaultRequest: { cpu: '100m', memory: '128Mi' } }, namespace));
      objects.push(disruptionBudget('front', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, { namespace }));
      objects.push(autoscaler('w-0', { kind: 'Deployment', name: 'w-0' }, 1, { namespace }));
    }
    for (let i = 0; i < 10_000; i++) {
      const namespace = `team-${i % NAMESPACES}`;
      const containers: ContainerSpec[] = [goodContainer('app'), { name: 'sidecar', image: 'proxy:latest', ports: [{ containerPort: 15001 }] }];
      const labels = { app: `w-${i}`, tier: i % 2 === 0 ? 'front' : 'back' };
      const owner = workload(kinds[i % kinds.length]!, `w-${i}`, containers, { namespace, labels, podSpec: { initContainers: [goodContainer('init')] } });
      objects.push(owner);
      // Their pods are in the inventory too, and must be passed over.
      if (owner.kind !== 'Pod') objects.push(ownedBy(owner, workload('Pod', `w-${i}-a`, containers, { namespace, labels })));
    }
    const model = modelOf(...objects);
    const inventory = { entities: () => model.entities(), syncProgress: () => allSynced };

    readinessReport(inventory); // warm up
    const timings: number[] = [];
    let workloads = 0;
    let findings = 0;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const report = readinessReport(inventory);
      timings.push(performance.now() - started);
      workloads = report.length;
      findings = report.reduce((sum, r) => sum + r.findings.length, 0);
    }
    timings.sort((a, b) => a - b);
    console.log(`readinessReport: ${workloads} workloads (${model.entities().length} entities), ${findings} findings in ${timings[2]!.toFixed(0)} ms median, ${timings[4]!.toFixed(0)} ms slowest of 5`);
    expect(workloads).toBe(10_000);
  });
});
