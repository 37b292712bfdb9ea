import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { expectConverged as converged } from '../../test/inventory-convergence.ts';
import { kubectl } from '../../test/kubectl.ts';
import type {} from '../../test/provided-context.ts';
import { kubeConfigForContext } from '../kube/kube-client.ts';
import { resolveContext } from '../kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../kube/kubeconfig-files.ts';
import { discoverResources } from './api-discovery.ts';
import { clusterUuid } from './entity-uuid.ts';
import { InventoryModel } from './inventory-model.ts';
import { startInventoryForContext, type Inventory } from './inventory.ts';
import { LAST_APPLIED_ANNOTATION, MASK, maskObject } from './masking.ts';
import { Reflector, type ReflectorStatus } from './reflector.ts';
import { WATCHED_KINDS, type WatchedKind } from './watched-kinds.ts';

// The global setup's cluster: a real kube-apiserver v1.20.2 (CronJob in batch/v1beta1) with simulated kubelets and
// the seeded workloads; contexts testcluster (admin) and testcluster-viewer (get/list/watch on the watched kinds only).
const kubeconfig = inject('testclusterKubeconfig');
const admin = kubectl(kubeconfig, { context: 'testcluster' });
const expectConverged = (inventory: Pick<Inventory, 'entities'>, kinds: readonly WatchedKind[], namespace?: string, timeoutMs?: number) =>
  converged(inventory, admin, kinds, namespace, timeoutMs);

const entityNamed = (inventory: Inventory, kind: WatchedKind, namespace: string, name: string) =>
  inventory.entities().find((e) => e.kind === kind && e.namespace === namespace && e.name === name);

describe('inventory against the test cluster (Kubernetes v1.20.2)', () => {
  let inventory: Inventory;

  beforeAll(async () => {
    inventory = await startInventoryForContext({ kubeconfig, context: 'testcluster', env: {} });
    await inventory.waitUntilSettled(60_000);
  });
  afterAll(() => inventory?.stop());

  it('chooses versions by discovery: CronJob from batch/v1beta1 on 1.20, PDBs from policy/v1beta1, HPAs from autoscaling/v2beta2', () => {
    const progress = Object.fromEntries(inventory.syncProgress().map((k) => [k.kind, k]));
    expect(progress.CronJob).toMatchObject({ apiVersion: 'batch/v1beta1', synced: true });
    expect(progress.PodDisruptionBudget).toMatchObject({ apiVersion: 'policy/v1beta1', synced: true });
    // autoscaling prefers v1 on 1.20; v2beta2 is the one that carries metric targets.
    expect(progress.HorizontalPodAutoscaler).toMatchObject({ apiVersion: 'autoscaling/v2beta2', synced: true });
    expect(progress.Job).toMatchObject({ apiVersion: 'batch/v1', synced: true });
    expect(progress.Deployment).toMatchObject({ apiVersion: 'apps/v1', synced: true });
    expect(inventory.capabilities().capabilities.every((c) => c.status === 'available')).toBe(true);
  });

  it('holds what kubectl lists for every kind, names and uids', async () => {
    await expectConverged(inventory, WATCHED_KINDS);
  });

  it('resolves the seeded owner chains, LimitRange defaults and masks secrets', () => {
    const listed = inventory.toJson();
    const pods = listed.filter((e) => e.kind === 'Pod');
    const topOf = (namespace: string, prefix: string) => pods.find((p) => p.namespace === namespace && p.name.startsWith(prefix))?.controller;
    expect(topOf('shop', 'frontend-')).toMatchObject({ kind: 'Deployment', name: 'frontend' });
    expect(pods.find((p) => p.namespace === 'shop' && p.name.startsWith('frontend-'))!.ownerChain.map((o) => o.kind)).toEqual(['ReplicaSet', 'Deployment']);
    expect(topOf('shop', 'orders-db-')).toMatchObject({ kind: 'StatefulSet', name: 'orders-db' });
    expect(topOf('monitoring', 'node-exporter-')).toMatchObject({ kind: 'DaemonSet', name: 'node-exporter' });
    expect(topOf('data', 'backfill-')).toMatchObject({ kind: 'Job', name: 'backfill' });
    expect(topOf('legacy', 'old-api-')).toMatchObject({ kind: 'ReplicaSet', name: 'old-api' });
    expect(topOf('legacy', 'legacy-worker-')).toMatchObject({ kind: 'ReplicationController', name: 'legacy-worker' });
    expect(pods.find((p) => p.name === 'debug-shell')).toMatchObject({ controller: null, ownerChain: [] });
    expect(listed.filter((e) => e.kind === 'PodDisruptionBudget' || e.kind === 'HorizontalPodAutoscaler').map((e) => `${e.kind} ${e.namespace}/${e.name}`)).toEqual([
      'PodDisruptionBudget shop/frontend',
      'HorizontalPodAutoscaler shop/checkout',
    ]);
    const hpa = inventory.entities().find((e) => e.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa).toMatchObject({ apiVersion: 'autoscaling/v2beta2', containers: [], ownerChain: [] });
    expect(hpa.object.spec).toMatchObject({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] });

    // The legacy namespace's LimitRange filled in the containers that set nothing; the API server wrote the values into
    // the pods (and said so in the kubernetes.io/limit-ranger annotation). Whatever defaults it holds are marked.
    const debugShell = pods.find((p) => p.name === 'debug-shell')!;
    expect(debugShell.containers[0]!.requests).toEqual({
      cpu: { value: '100m', source: 'limitrange-default' },
      memory: { value: '128Mi', source: 'limitrange-default' },
    });
    expect(Object.values(debugShell.containers[0]!.limits).every((v) => v.source === 'limitrange-default')).toBe(true);
    expect(debugShell.qosClass).toBe('Burstable');
    const oldApi = listed.find((e) => e.kind === 'ReplicaSet' && e.name === 'old-api')!;
    expect(oldApi.containers[0]!.requests.cpu).toEqual({ value: '100m', source: 'limitrange-default' });
    const frontend = pods.find((p) => p.namespace === 'shop' && p.name.startsWith('frontend-'))!;
    expect(frontend.containers.find((c) => c.name === 'web')!.requests.cpu).toEqual({ value: '1', source: 'spec' });
    expect(frontend.containers.find((c) => c.name === 'log-shipper')!.requests).toEqual({});
    expect(frontend.qosClass).toBe('Burstable');

    const everything = JSON.stringify(inventory.entities());
    expect(everything).not.toMatch(/do-not-leak-me|not-for-your-eyes|hunter2/);
    expect(everything).toContain('SESSION_SECRET');
  });

  describe('churn in a fresh namespace', () => {
    const namespace = `inventory-churn-${crypto.randomBytes(3).toString('hex')}`;
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-churn-'));
    });
    afterAll(async () => {
      await admin('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const apply = async (objects: unknown[]) => {
      const file = path.join(dir, `${crypto.randomBytes(4).toString('hex')}.yaml`);
      fs.writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
      await admin('apply', '-f', file);
    };
    const churnKinds: WatchedKind[] = ['Pod', 'Deployment', 'ReplicaSet', 'Job', 'LimitRange', 'PodDisruptionBudget', 'HorizontalPodAutoscaler'];

    it('converges to kubectl through create, patch, scale and delete', async () => {
      await admin('create', 'namespace', namespace);
      const labels = { app: 'web' };
      await apply([
        {
          apiVersion: 'v1',
          kind: 'LimitRange',
          metadata: { name: 'defaults', namespace },
          spec: { limits: [{ type: 'Container', default: { cpu: '300m', memory: '256Mi' }, defaultRequest: { cpu: '50m', memory: '64Mi' } }] },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace },
          spec: {
            replicas: 2,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                terminationGracePeriodSeconds: 1,
                containers: [
                  {
                    name: 'web',
                    image: 'nginx:1.25.3',
                    args: ['--api-key=churn-secret-arg'],
                    env: [{ name: 'DB_PASSWORD', value: 'churn-secret-env' }],
                    resources: { requests: { cpu: '200m' } },
                  },
                ],
              },
            },
          },
        },
        { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace }, spec: { minAvailable: 1, selector: { matchLabels: labels } } },
        {
          // Its target does not exist: the HPA controller leaves the churn's replica counts alone.
          apiVersion: 'autoscaling/v2beta2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'absent', namespace },
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'absent' }, minReplicas: 1, maxReplicas: 3 },
        },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'bare', namespace },
          spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'shell', image: 'busybox:1.36', command: ['sh', '-c', 'echo churn-secret-cmd'] }] },
        },
      ]);
      await expectConverged(inventory, churnKinds, namespace);
      await expect.poll(() => inventory.entities().filter((e) => e.kind === 'Pod' && e.namespace === namespace).length, { timeout: 30_000 }).toBe(3);

      // Watch events were masked, kubectl's last-applied-configuration included.
      const deployment = entityNamed(inventory, 'Deployment', namespace, 'web')!;
      expect(deployment.object.metadata?.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(MASK);
      expect(JSON.stringify(inventory.entities().filter((e) => e.namespace === namespace))).not.toMatch(/churn-secret/);

      // The template lacks memory and the CPU limit: what its pods get comes from the LimitRange, and is marked so.
      expect(deployment.containers[0]).toMatchObject({
        requests: { cpu: { value: '200m', source: 'spec' }, memory: { value: '64Mi', source: 'limitrange-default' } },
        limits: { cpu: { value: '300m', source: 'limitrange-default' }, memory: { value: '256Mi', source: 'limitrange-default' } },
      });
      const webPod = inventory.entities().find((e) => e.kind === 'Pod' && e.namespace === namespace && e.controller?.name === 'web')!;
      expect(webPod.ownerChain.map((o) => `${o.kind}${o.known ? '' : '?'}`)).toEqual(['ReplicaSet', 'Deployment']);
      expect(webPod.containers[0]).toMatchObject({
        requests: { cpu: { value: '200m', source: 'spec' }, memory: { value: '64Mi', source: 'limitrange-default' } },
        limits: { cpu: { value: '300m', source: 'limitrange-default' }, memory: { value: '256Mi', source: 'limitrange-default' } },
      });

      await admin('-n', namespace, 'scale', 'deployment/web', '--replicas=3');
      await admin('-n', namespace, 'patch', 'deployment/web', '--type=json', '-p',
        JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/resources', value: { requests: { cpu: '100m', memory: '100Mi' }, limits: { memory: '100Mi' } } }]));
      await admin('-n', namespace, 'create', 'job', 'once', '--image=busybox:1.36');
      await admin('-n', namespace, 'delete', 'pod', 'bare', '--wait=false');
      await expectConverged(inventory, churnKinds, namespace);
      await expect
        .poll(() => entityNamed(inventory, 'Deployment', namespace, 'web')?.containers[0]?.limits, { timeout: 30_000 })
        .toEqual({ memory: { value: '100Mi', source: 'spec' }, cpu: { value: '300m', source: 'limitrange-default' } });
      expect(entityNamed(inventory, 'Job', namespace, 'once')).toBeDefined();

      await admin('-n', namespace, 'patch', 'poddisruptionbudget.policy/web', '--type=merge', '-p', JSON.stringify({ spec: { minAvailable: 2 } }));
      await expect
        .poll(() => (entityNamed(inventory, 'PodDisruptionBudget', namespace, 'web')?.object.spec as { minAvailable?: number } | undefined)?.minAvailable, { timeout: 30_000 })
        .toBe(2);

      await admin('-n', namespace, 'delete', 'deployment', 'web', '--wait=false');
      await admin('-n', namespace, 'delete', 'limitrange', 'defaults');
      await admin('-n', namespace, 'delete', 'poddisruptionbudget.policy', 'web');
      await admin('-n', namespace, 'delete', 'horizontalpodautoscaler.autoscaling', 'absent');
      await expectConverged(inventory, churnKinds, namespace, 60_000);
      expect(entityNamed(inventory, 'Deployment', namespace, 'web')).toBeUndefined();
      expect(entityNamed(inventory, 'PodDisruptionBudget', namespace, 'web')).toBeUndefined();
    });
  });
});

describe('as the viewer (get/list/watch only: no nodes/proxy, no patch)', () => {
  it('reports nodes/proxy and patch denied with their impact, and still syncs everything', async () => {
    const viewer = await startInventoryForContext({ kubeconfig, context: 'testcluster-viewer', env: {} });
    try {
      await viewer.waitUntilSettled(60_000);
      const caps = Object.fromEntries(viewer.capabilities().capabilities.map((c) => [c.name, c]));
      expect(caps.recommendations).toMatchObject({ status: 'available' });
      expect(caps.readiness).toMatchObject({ status: 'available' });
      expect(caps['live-specs']).toMatchObject({ status: 'available' });
      expect(caps.metrics).toMatchObject({ status: 'denied', missing: ['get nodes/proxy'], impact: expect.stringMatching(/^No metrics/) });
      expect(caps.automation).toMatchObject({ status: 'denied', impact: expect.stringMatching(/^No automation/) });
      expect(caps.automation!.missing).toContain('patch deployments.apps');
      expect(viewer.syncProgress().every((k) => k.synced)).toBe(true);
      await expectConverged(viewer, ['Pod', 'Deployment', 'Node', 'CronJob', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']);
      // Same cluster, same UUIDs, whoever looks.
      const admins = await startInventoryForContext({ kubeconfig, context: 'testcluster', env: {} });
      try {
        await admins.waitUntilSettled(60_000);
        const node = viewer.entities().find((e) => e.kind === 'Node')!;
        expect(admins.entity(node.uid)?.uuid).toBe(node.uuid);
      } finally {
        await admins.stop();
      }
    } finally {
      await viewer.stop();
    }
  });
});

describe('resuming a watch from an old resourceVersion', () => {
  // A real server answers 410 Gone once that resourceVersion has left its watch cache; a fresh v1.20 test cluster's
  // cache still reaches back to the start, so it replays the history instead. Either way the store must end up equal
  // to kubectl's list, masked. (The 410 path itself is tested deterministically over HTTPS in reflector.test.ts.)
  it('converges to what kubectl lists, by replay or by relist after 410', async () => {
    const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig, env: {} }), 'testcluster'));
    const pods = (await discoverResources(kubeConfig)).served.get('Pod')!;
    const model = new InventoryModel(clusterUuid('resume-test'));
    const statuses: ReflectorStatus[] = [];
    const reflector = new Reflector({
      kubeConfig,
      resource: pods,
      transform: maskObject,
      resumeFrom: '1',
      backoff: { initialMs: 50 },
      store: model.storeFor('Pod'),
      onStatus: (s) => statuses.push(s),
    });
    reflector.start();
    try {
      await expectConverged(model, ['Pod']);
      expect(statuses[0]).toMatchObject({ state: 'watching', resourceVersion: '1' });
      const relisted = statuses.some((s) => s.state === 'listing');
      const sawGone = statuses.some((s) => s.lastError?.status === 410 || /too old resource version/i.test(s.lastError?.message ?? ''));
      expect(relisted).toBe(sawGone);
      const everything = JSON.stringify(model.entities());
      expect(everything).not.toMatch(/do-not-leak-me|not-for-your-eyes|hunter2/);
      expect(everything).toContain('SESSION_SECRET');
    } finally {
      await reflector.stop();
    }
  });
});
