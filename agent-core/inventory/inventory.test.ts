import { afterEach, describe, expect, it } from 'vitest';
import { discoverResources } from './api-discovery.ts';
import { startInventory, type Inventory, type InventoryEvent } from './inventory.ts';
import { MASK } from './masking.ts';
import { container, controller, cronJob, limitRange, namespace, pod } from './testing/fixtures.ts';
import { fakeClusterScript, type FakeClusterOptions } from './testing/fake-cluster-script.ts';
import { startScriptedApiServer, type ScriptedApiServer } from './testing/scripted-api-server.ts';

let server: ScriptedApiServer | undefined;
let inventory: Inventory | undefined;
afterEach(async () => {
  await inventory?.stop();
  await server?.close();
  inventory = server = undefined;
});

function seed() {
  const web = container('web', { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } }, { env: [{ name: 'SESSION_SECRET', value: 'do-not-leak-me' }] });
  const deployment = controller('Deployment', 'frontend', [web]);
  const replicaSet = controller('ReplicaSet', 'frontend-7d9', [web], { owner: deployment });
  const frontendPod = pod('frontend-7d9-x', [web], { owner: replicaSet, status: { phase: 'Running', qosClass: 'Burstable' } });
  const cron = cronJob('nightly', [container('report')], { namespace: 'data' });
  const legacyRs = controller('ReplicaSet', 'old-api', [container('api')], { namespace: 'legacy' });
  const defaults = limitRange('container-defaults', { default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }, { namespace: 'legacy' });
  const collections: FakeClusterOptions['collections'] = {
    '/api/v1/pods': [frontendPod],
    '/api/v1/namespaces': [namespace('shop'), namespace('data'), namespace('legacy')],
    '/api/v1/nodes': [],
    '/api/v1/limitranges': [defaults],
    '/api/v1/replicationcontrollers': [],
    '/apis/apps/v1/deployments': [deployment],
    '/apis/apps/v1/replicasets': [replicaSet, legacyRs],
    '/apis/apps/v1/statefulsets': [],
    '/apis/apps/v1/daemonsets': [],
    '/apis/batch/v1/jobs': [],
    '/apis/batch/v1beta1/cronjobs': [cron],
    '/apis/policy/v1beta1/poddisruptionbudgets': [],
    '/apis/autoscaling/v2beta2/horizontalpodautoscalers': [],
  };
  return { collections, frontendPod, cron, legacyRs };
}

async function start(options: Omit<FakeClusterOptions, 'collections'> = {}) {
  const seeded = seed();
  server = await startScriptedApiServer(fakeClusterScript({ ...options, collections: seeded.collections }));
  const events: InventoryEvent[] = [];
  inventory = await startInventory({ kubeConfig: server.kubeConfig, reflector: { backoff: { initialMs: 20, jitter: 0 }, forbiddenRetryMs: 60_000 } });
  inventory.subscribe((e) => events.push(e));
  await inventory.waitUntilSettled(5_000);
  return { ...seeded, server, inventory, events };
}

describe('discoverResources', () => {
  it('takes each kind from the version that serves it: CronJob from batch/v1beta1 on a 1.20 server, Job from batch/v1', async () => {
    server = await startScriptedApiServer(fakeClusterScript({ collections: {} }));
    const { served, unserved } = await discoverResources(server.kubeConfig);
    expect(unserved).toEqual([]);
    expect(served.get('CronJob')).toMatchObject({ apiVersion: 'batch/v1beta1', collectionPath: '/apis/batch/v1beta1/cronjobs' });
    expect(served.get('Job')).toMatchObject({ apiVersion: 'batch/v1', collectionPath: '/apis/batch/v1/jobs' });
    expect(served.get('Pod')).toMatchObject({ apiVersion: 'v1', collectionPath: '/api/v1/pods' });
    expect(served.get('Deployment')).toMatchObject({ apiVersion: 'apps/v1' });
    expect(served.get('PodDisruptionBudget')).toMatchObject({ apiVersion: 'policy/v1beta1', collectionPath: '/apis/policy/v1beta1/poddisruptionbudgets' });
    // autoscaling prefers v1 on 1.20, but only v2beta2 carries metric targets beyond one CPU percentage.
    expect(served.get('HorizontalPodAutoscaler')).toMatchObject({ apiVersion: 'autoscaling/v2beta2', collectionPath: '/apis/autoscaling/v2beta2/horizontalpodautoscalers' });
    // Never Secrets or ConfigMaps, even though the server serves them.
    expect(server.requests.filter((r) => /secrets|configmaps/.test(r.path))).toEqual([]);
  });
});

describe('startInventory', () => {
  it('syncs every kind, masks, resolves owners, and lists entities for the CLI', async () => {
    const { inventory, frontendPod, cron, legacyRs, server } = await start();
    expect(inventory.settled()).toBe(true);
    expect(inventory.syncProgress().every((k) => k.synced && k.state === 'watching')).toBe(true);
    expect(inventory.clusterIdentity).toBe('kube-system:kube-system-uid');
    expect(inventory.capabilities().capabilities.every((c) => c.status === 'available')).toBe(true);
    expect(JSON.stringify(inventory.entities())).not.toContain('do-not-leak-me');

    const listed = inventory.toJson();
    const podEntry = listed.find((e) => e.uid === frontendPod.metadata!.uid)!;
    expect(podEntry).toMatchObject({
      kind: 'Pod',
      namespace: 'shop',
      name: 'frontend-7d9-x',
      qosClass: 'Burstable',
      ownerChain: [
        { kind: 'ReplicaSet', name: 'frontend-7d9' },
        { kind: 'Deployment', name: 'frontend' },
      ],
      controller: { kind: 'Deployment', name: 'frontend' },
      containers: [{ name: 'web', init: false, requests: { cpu: { value: '1', source: 'spec' } }, limits: { memory: { value: '1Gi', source: 'spec' } }, restarts: 0 }],
    });
    expect(podEntry.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(listed[0]!.kind).toBe('Pod');
    expect(listed.find((e) => e.uid === cron.metadata!.uid)).toMatchObject({ kind: 'CronJob', containers: [{ name: 'report' }] });
    expect(listed.find((e) => e.uid === legacyRs.metadata!.uid)!.containers[0]!.limits).toEqual({
      cpu: { value: '500m', source: 'limitrange-default' },
      memory: { value: '512Mi', source: 'limitrange-default' },
    });
    const entity = inventory.entity(frontendPod.metadata!.uid!)!;
    expect((entity.object.spec as { containers: { env: unknown }[] }).containers[0]!.env).toEqual([{ name: 'SESSION_SECRET', value: MASK }]);
    expect(server.requests.filter((r) => /secrets|configmaps/.test(r.path))).toEqual([]);
  });

  it('as a viewer (no nodes/proxy, no patch): reports both denials with their impact, and still syncs', async () => {
    const { inventory } = await start({ allows: (q) => ['list', 'watch', 'get'].includes(q.verb) && q.subresource !== 'proxy' });
    const byName = Object.fromEntries(inventory.capabilities().capabilities.map((c) => [c.name, c]));
    expect(byName.recommendations).toMatchObject({ status: 'available', impact: null });
    expect(byName['live-specs']).toMatchObject({ status: 'available' });
    expect(byName.metrics).toMatchObject({ status: 'denied', missing: ['get nodes/proxy'], impact: expect.stringMatching(/^No metrics/) });
    expect(byName.automation).toMatchObject({ status: 'denied', impact: expect.stringMatching(/^No automation/) });
    expect(byName.automation!.missing).toEqual(
      expect.arrayContaining(['patch deployments.apps', 'patch statefulsets.apps', 'patch cronjobs.batch', 'patch replicationcontrollers']),
    );
    expect(inventory.syncProgress().every((k) => k.synced)).toBe(true);
    expect(inventory.entities().length).toBeGreaterThan(5);
  });

  it('without watch on pods: relists them periodically and says specs go stale', async () => {
    const { inventory, server } = await start({ allows: (q) => !(q.verb === 'watch' && q.resource === 'pods') });
    const liveSpecs = inventory.capabilities().capabilities.find((c) => c.name === 'live-specs')!;
    expect(liveSpecs).toMatchObject({ status: 'partial', missing: ['watch pods'], impact: expect.stringMatching(/^Specs go stale: pods .* every 5 min/) });
    expect(inventory.syncProgress().find((k) => k.kind === 'Pod')).toMatchObject({ synced: true, state: 'relisting-periodically', watchAllowed: false });
    expect(server.requests.filter((r) => r.path === '/api/v1/pods' && r.query.get('watch'))).toEqual([]);
  });

  it('a 403 at runtime (the review said yes) is reported like a denial; the rest keeps working', async () => {
    const { inventory, events } = await start({ forbidden: { list: ['/apis/apps/v1/replicasets'], watch: ['/api/v1/namespaces'] } });
    const progress = Object.fromEntries(inventory.syncProgress().map((k) => [k.kind, k]));
    expect(progress.ReplicaSet).toMatchObject({ state: 'forbidden', synced: false, lastError: { status: 403 } });
    expect(progress.Pod).toMatchObject({ synced: true });
    const caps = Object.fromEntries(inventory.capabilities().capabilities.map((c) => [c.name, c]));
    expect(caps.recommendations).toMatchObject({ status: 'partial', missing: ['list replicasets.apps'] });
    await expect.poll(() => inventory.capabilities().capabilities.find((c) => c.name === 'live-specs')!.missing).toEqual(['watch namespaces']);
    expect(inventory.syncProgress().find((k) => k.kind === 'Namespace')).toMatchObject({ synced: true, watchAllowed: false });
    // The pod's ReplicaSet is not visible: the chain names it from the pod's own reference.
    expect(inventory.toJson().find((e) => e.kind === 'Pod')!.ownerChain).toEqual([expect.objectContaining({ kind: 'ReplicaSet', name: 'frontend-7d9' })]);
    expect(events.some((e) => e.type === 'capabilities')).toBe(true);
  });

  it('reports sync progress per kind until all are settled, and stop() ends it all', async () => {
    const seeded = seed();
    server = await startScriptedApiServer(fakeClusterScript({ collections: seeded.collections }));
    inventory = await startInventory({ kubeConfig: server.kubeConfig });
    const events: InventoryEvent[] = [];
    inventory.subscribe((e) => events.push(e));
    await inventory.waitUntilSettled(5_000);
    const syncs = events.filter((e) => e.type === 'sync');
    expect(new Set(syncs.filter((e) => e.progress.synced).map((e) => e.kind)).size).toBe(13);
    expect(syncs.at(-1)).toMatchObject({ allSettled: true });
    const started = Date.now();
    await inventory.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(inventory.syncProgress().every((k) => k.state === 'stopped')).toBe(true);
  });
});
