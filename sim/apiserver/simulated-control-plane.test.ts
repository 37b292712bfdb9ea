import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueCertificate } from '../controlplane/pki.ts';
import { encodeAccessReview } from './protobuf-review.ts';
import { startSimulatedControlPlane, type SimulatedControlPlane } from './simulated-control-plane.ts';
import { apiClient } from './testing/api-client.ts';

let cp: SimulatedControlPlane;
let admin: ReturnType<typeof apiClient>;
let viewer: ReturnType<typeof apiClient>;

const deployment = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'example/app:1', resources: { requests: { cpu: '100m', memory: '1024Mi' } } }] } },
    ...extra,
  },
});

const node = (name: string, port: number) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: {
    addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
    daemonEndpoints: { kubeletEndpoint: { Port: port } },
    allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
    capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: new Date().toISOString() }],
  },
});

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: last ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  cp = await startSimulatedControlPlane({ historySize: 50, proxyTimeoutMs: 1500 });
  admin = apiClient(cp.server, cp.caPem, cp.admin.token);
  viewer = apiClient(cp.server, cp.caPem, cp.viewer.token);
  await admin.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
});

afterAll(async () => {
  await cp?.stop();
});

describe('discovery and authentication', () => {
  it('serves version and discovery as Kubernetes 1.20 does', async () => {
    expect((await admin.get('/version')).json.gitVersion).toBe('v1.20.2');
    const core = (await admin.get('/api/v1')).json;
    const pods = core.resources.find((r: { name: string }) => r.name === 'pods');
    expect(pods).toMatchObject({ namespaced: true, kind: 'Pod', shortNames: ['po'] });
    expect(core.resources.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['pods/status', 'nodes/proxy', 'replicationcontrollers/scale']));
    const groups = (await admin.get('/apis')).json.groups;
    expect(groups.find((g: { name: string }) => g.name === 'batch').versions.map((v: { version: string }) => v.version)).toEqual(['v1', 'v1beta1']);
    expect(groups.find((g: { name: string }) => g.name === 'autoscaling').preferredVersion.version).toBe('v1');
    const batch = (await admin.get('/apis/batch/v1beta1')).json;
    expect(batch.resources.find((r: { name: string }) => r.name === 'cronjobs')).toMatchObject({ kind: 'CronJob', shortNames: ['cj'] });
  });

  it('answers a bad token 401 and an unauthorized user 403 with the real message', async () => {
    const bad = await apiClient(cp.server, cp.caPem, 'nope').get('/api/v1/pods');
    expect(bad.status).toBe(401);
    expect(bad.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    const denied = await viewer.get('/api/v1/namespaces/shop/pods');
    expect(denied.status).toBe(403);
    expect(denied.json.message).toBe('pods is forbidden: User "cluster-insight-viewer" cannot list resource "pods" in API group "" in the namespace "shop"');
    expect((await viewer.get('/apis')).status).toBe(200);
  });

  it('answers SelfSubjectAccessReviews in JSON and in protobuf (kubectl 1.32+)', async () => {
    const review = (spec: unknown) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec });
    const ask = async (client: typeof admin, attrs: Record<string, string>) =>
      (await client.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', review({ resourceAttributes: attrs }))).json.status.allowed;
    expect(await ask(admin, { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop' })).toBe(true);
    expect(await ask(viewer, { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop' })).toBe(false);
    const proto = await viewer.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', encodeAccessReview({ resourceAttributes: { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' } }), {
      'content-type': 'application/vnd.kubernetes.protobuf',
    });
    expect(proto.status).toBe(201);
    expect(proto.json.spec.resourceAttributes).toEqual({ verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' });
    expect(proto.json.status.allowed).toBe(true);
  });
});

describe('objects', () => {
  it('creates with the real defaults, canonical quantities and generation 1', async () => {
    const created = await admin.post('/apis/apps/v1/namespaces/shop/deployments', deployment('web'));
    expect(created.status).toBe(201);
    const d = created.json;
    expect(d.metadata).toMatchObject({ generation: 1, namespace: 'shop', uid: expect.any(String), resourceVersion: expect.any(String), creationTimestamp: expect.any(String) });
    expect(d.spec).toMatchObject({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
    expect(d.spec.template.spec.containers[0]).toMatchObject({ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' });
    expect(d.spec.template.spec.containers[0].resources.requests.memory).toBe('1Gi');
    expect((await admin.post('/apis/apps/v1/namespaces/shop/deployments', deployment('web'))).status).toBe(409);
    expect((await admin.post('/apis/apps/v1/namespaces/nowhere/deployments', deployment('web'))).status).toBe(404);
  });

  it('dry-runs a strategic merge patch without changing anything, then patches for real', async () => {
    // Let the controllers settle first: the resourceVersion must not move for another reason.
    let before = (await admin.get('/apis/apps/v1/namespaces/shop/deployments/web')).json;
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      const again = (await admin.get('/apis/apps/v1/namespaces/shop/deployments/web')).json;
      if (again.metadata.resourceVersion === before.metadata.resourceVersion) break;
      before = again;
    }
    const rvBefore = cp.store.resourceVersion;
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', resources: { requests: { cpu: '150m' } } }] } } } };
    const dry = await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web?dryRun=All', patch, 'strategic');
    expect(dry.status).toBe(200);
    expect(dry.json.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '150m', memory: '1Gi' });
    expect(dry.json.metadata.generation).toBe(2);
    const after = (await admin.get('/apis/apps/v1/namespaces/shop/deployments/web')).json;
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.spec).toEqual(before.spec);
    expect(cp.store.resourceVersion).toBe(rvBefore);

    const real = await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web', patch, 'strategic');
    expect(real.json.metadata.generation).toBe(2);
    expect(Number(real.json.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    // A stale resourceVersion in the patch is a conflict, as the agent's apply relies on.
    const stale = await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web', { metadata: { resourceVersion: before.metadata.resourceVersion }, spec: { replicas: 3 } }, 'strategic');
    expect(stale.status).toBe(409);
    expect(stale.json.reason).toBe('Conflict');
    // A patch that changes nothing writes nothing (on a kind no controller writes to meanwhile).
    const lr = (await admin.post('/api/v1/namespaces/shop/limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'same' }, spec: { limits: [] } })).json;
    const same = await admin.patch('/api/v1/namespaces/shop/limitranges/same', { spec: { limits: [] } }, 'strategic');
    expect(same.json.metadata.resourceVersion).toBe(lr.metadata.resourceVersion);
    await admin.delete('/api/v1/namespaces/shop/limitranges/same');
  });

  it('applies merge and JSON patches; PUT with a stale resourceVersion conflicts; status is its own subresource', async () => {
    const merged = await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web', { metadata: { labels: { team: 'a' } } }, 'merge');
    expect(merged.json.metadata.labels).toEqual({ app: 'web', team: 'a' });
    expect(merged.json.metadata.generation).toBe(2);
    const json = await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web', [{ op: 'replace', path: '/spec/replicas', value: 1 }], 'json');
    expect(json.json.spec.replicas).toBe(1);
    expect(json.json.metadata.generation).toBe(3);
    const stale = await admin.put('/apis/apps/v1/namespaces/shop/deployments/web', { ...merged.json, spec: { ...merged.json.spec, replicas: 5 } });
    expect(stale.status).toBe(409);

    // (A merge patch rather than a PUT: the deployment controller writes status meanwhile, and a PUT's resourceVersion would go stale.)
    const withStatus = await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web/status', { spec: { replicas: 9 }, status: { replicas: 42 } }, 'merge');
    expect(withStatus.json.status.replicas).toBe(42);
    expect(withStatus.json.spec.replicas).toBe(1);
    const specWrite = await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web', { status: { replicas: 7 } }, 'merge');
    expect(specWrite.json.status.replicas).not.toBe(7);
  });

  it('refuses what the real server refuses: a changed selector, a template its selector misses, a changed pod spec', async () => {
    const selector = await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web', { spec: { selector: { matchLabels: { app: 'other' } } } }, 'strategic');
    expect(selector.status).toBe(422);
    expect(selector.json.message).toContain('field is immutable');
    const mismatch = await admin.post('/apis/apps/v1/namespaces/shop/deployments', deployment('bad', { selector: { matchLabels: { app: 'nope' } } }));
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.message).toContain('`selector` does not match template `labels`');
    await admin.post('/api/v1/namespaces/shop/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fixed' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } });
    const image = await admin.patch('/api/v1/namespaces/shop/pods/fixed', { spec: { containers: [{ name: 'c', image: 'x:2' }] } }, 'strategic');
    expect(image.status).toBe(200);
    const resources = await admin.patch('/api/v1/namespaces/shop/pods/fixed', { spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } }, 'strategic');
    expect(resources.status).toBe(422);
    expect(resources.json.message).toContain('pod updates may not change fields');
    await admin.delete('/api/v1/namespaces/shop/pods/fixed', { gracePeriodSeconds: 0 });
  });

  it('lists with selectors and pages with limit and continue', async () => {
    for (let i = 0; i < 5; i++) await admin.post('/api/v1/namespaces/shop/limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: `lr-${i}`, labels: { n: String(i % 2) } }, spec: { limits: [] } });
    const page1 = (await admin.get('/api/v1/namespaces/shop/limitranges?limit=2')).json;
    expect(page1.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['lr-0', 'lr-1']);
    expect(page1.metadata.remainingItemCount).toBe(3);
    const page2 = (await admin.get(`/api/v1/namespaces/shop/limitranges?limit=2&continue=${encodeURIComponent(page1.metadata.continue)}`)).json;
    expect(page2.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['lr-2', 'lr-3']);
    const odd = (await admin.get('/api/v1/limitranges?labelSelector=n%3D1')).json;
    expect(odd.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['lr-1', 'lr-3']);
    const one = (await admin.get('/api/v1/limitranges?fieldSelector=metadata.name%3Dlr-4')).json;
    expect(one.items).toHaveLength(1);
    expect(one.kind).toBe('LimitRangeList');
    for (let i = 0; i < 5; i++) await admin.delete(`/api/v1/namespaces/shop/limitranges/lr-${i}`);
  });

  it('answers kubectl get with a Table', async () => {
    const t = (await admin.get('/apis/apps/v1/namespaces/shop/deployments', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' })).json;
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    expect(t.rows[0].cells[0]).toBe('web');
    expect(t.rows[0].object.metadata.namespace).toBe('shop');
  });
});

describe('watch', () => {
  it('streams changes from a resourceVersion, with bookmarks, and ends at timeoutSeconds', async () => {
    const rv = (await admin.get('/api/v1/namespaces/shop/limitranges')).json.metadata.resourceVersion;
    const watching = admin.watch(`/api/v1/namespaces/shop/limitranges?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=7`, () => false, 15_000);
    await new Promise((r) => setTimeout(r, 100));
    await admin.post('/api/v1/namespaces/shop/limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'w' }, spec: { limits: [] } });
    await admin.patch('/api/v1/namespaces/shop/limitranges/w', { metadata: { labels: { x: 'y' } } }, 'merge');
    await admin.delete('/api/v1/namespaces/shop/limitranges/w');
    const { events, ended } = await watching;
    expect(ended).toBe('complete');
    const changes = events.filter((e) => e.type !== 'BOOKMARK');
    expect(changes.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events.some((e) => e.type === 'BOOKMARK' && Number(e.object.metadata.resourceVersion) >= Number(changes[2]!.object.metadata.resourceVersion))).toBe(true);
  }, 20_000);

  it('answers a resourceVersion older than the history with an ERROR event carrying 410 Expired', async () => {
    const rv = cp.store.resourceVersion;
    for (let i = 0; i < 60; i++) await admin.patch('/apis/apps/v1/namespaces/shop/deployments/web', { metadata: { annotations: { n: String(i) } } }, 'merge');
    const { events } = await admin.watch(`/apis/apps/v1/namespaces/shop/deployments?watch=1&resourceVersion=${rv}`, () => false);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 } });
    expect(events[0]!.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('turns a pod that comes to match a field selector into ADDED, as the kubelets rely on', async () => {
    await admin.post('/api/v1/namespaces/shop/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lonely' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } });
    const rv = cp.store.resourceVersion;
    const watching = admin.watch(`/api/v1/pods?watch=1&resourceVersion=${rv}&fieldSelector=${encodeURIComponent('spec.nodeName=n-x')}`, (e) => e.length > 0);
    await new Promise((r) => setTimeout(r, 50));
    await admin.post('/api/v1/namespaces/shop/pods/lonely/binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'lonely' }, target: { kind: 'Node', name: 'n-x' } });
    const { events } = await watching;
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'lonely' }, spec: { nodeName: 'n-x' } } });
    await admin.delete('/api/v1/namespaces/shop/pods/lonely', { gracePeriodSeconds: 0 });
  });
});

describe('controllers', () => {
  let kubelet: https.Server;

  beforeAll(async () => {
    const ca = await createCertificateAuthority('test-kubelet-ca');
    const cert = await issueCertificate(ca, { commonName: 'kubelet' }, { ips: ['127.0.0.1'] });
    kubelet = https.createServer({ cert: cert.cert, key: cert.key }, (req, res) => res.end(JSON.stringify({ path: req.url })));
    await new Promise<void>((r) => kubelet.listen(0, '127.0.0.1', r));
    await admin.post('/api/v1/nodes', node('n1', (kubelet.address() as AddressInfo).port));
  });

  afterAll(() => kubelet?.close());

  const readyAll = async (ns: string) => {
    // The kubelet's part: every bound pod Running and Ready.
    const pods = (await admin.get(`/api/v1/namespaces/${ns}/pods`)).json.items;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) {
        await admin.delete(`/api/v1/namespaces/${ns}/pods/${p.metadata.name}`, { gracePeriodSeconds: 0, preconditions: { uid: p.metadata.uid } });
        continue;
      }
      if (!p.spec.nodeName || p.status.phase === 'Running') continue;
      await admin.patch(`/api/v1/namespaces/${ns}/pods/${p.metadata.name}/status`, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString() }] } }, 'strategic');
    }
  };

  it('rolls a deployment out through ReplicaSets and pods, and collects them when it goes', async () => {
    await admin.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'roll' } });
    await admin.post('/apis/apps/v1/namespaces/roll/deployments', deployment('api'));
    const ready = (ns: string) => async () => {
      await readyAll(ns);
      return (await admin.get(`/apis/apps/v1/namespaces/${ns}/deployments/api`)).json;
    };
    const d1 = await until('first rollout', ready('roll'), (d) => d.status.availableReplicas === 2 && d.status.observedGeneration === 1);
    expect(d1.status.conditions.find((c: { type: string }) => c.type === 'Progressing').reason).toBe('NewReplicaSetAvailable');
    const pods = (await admin.get('/api/v1/namespaces/roll/pods')).json.items;
    expect(pods.every((p: { spec: { nodeName: string } }) => p.spec.nodeName === 'n1')).toBe(true);
    expect(pods[0].metadata.labels['pod-template-hash']).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);

    await admin.patch('/apis/apps/v1/namespaces/roll/deployments/api', { spec: { template: { spec: { containers: [{ name: 'app', image: 'example/app:2' }] } } } }, 'strategic');
    const d2 = await until('second rollout', ready('roll'), (d) => d.status.observedGeneration === 2 && d.status.updatedReplicas === 2 && d.status.replicas === 2 && d.status.availableReplicas === 2);
    expect(d2.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    const sets = (await admin.get('/apis/apps/v1/namespaces/roll/replicasets')).json.items;
    expect(sets.map((s: { spec: { replicas: number } }) => s.spec.replicas).sort()).toEqual([0, 2]);
    const podsNow = (await admin.get('/api/v1/namespaces/roll/pods')).json.items.filter((p: { metadata: { deletionTimestamp?: string } }) => !p.metadata.deletionTimestamp);
    expect(podsNow).toHaveLength(2);
    expect(podsNow.every((p: { spec: { containers: { image: string }[] } }) => p.spec.containers[0]!.image === 'example/app:2')).toBe(true);

    await admin.delete('/apis/apps/v1/namespaces/roll/deployments/api');
    await until(
      'garbage collection',
      async () => {
        await readyAll('roll');
        return (await admin.get('/apis/apps/v1/namespaces/roll/replicasets')).json.items.length + (await admin.get('/api/v1/namespaces/roll/pods')).json.items.length;
      },
      (n) => n === 0,
    );
  });

  it('applies LimitRange defaults to new pods, as the LimitRanger admission plugin does', async () => {
    await admin.post('/api/v1/namespaces/shop/limitranges', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }] },
    });
    const pod = (await admin.post('/api/v1/namespaces/shop/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } })).json;
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(pod.metadata.annotations['kubernetes.io/limit-ranger']).toMatch(/^LimitRanger plugin set: /);
    expect(pod.status.qosClass).toBe('Burstable');
    await admin.delete('/api/v1/namespaces/shop/limitranges/defaults');
  });

  it('proxies to the kubelet at the Node address, and answers 503 when it refuses', async () => {
    const proxied = await admin.get('/api/v1/nodes/n1/proxy/stats/summary?only_cpu_and_memory=true');
    expect(proxied.status).toBe(200);
    expect(proxied.json.path).toBe('/stats/summary?only_cpu_and_memory=true');
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await admin.post('/api/v1/nodes', node('dead', port));
    const refused = await admin.get('/api/v1/nodes/dead/proxy/stats/summary');
    expect(refused.status).toBe(503);
    expect(refused.json.message).toContain('connection refused');
    await admin.delete('/api/v1/nodes/dead');

    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    await admin.post('/api/v1/nodes', node('silent', (silent.address() as AddressInfo).port));
    const started = Date.now();
    const timedOut = await admin.get('/api/v1/nodes/silent/proxy/stats/summary');
    expect(timedOut.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    await admin.delete('/api/v1/nodes/silent');
    silent.close();
  });
});

describe('fault injection', () => {
  it('answers 429 with Retry-After and 5xx at the configured rates, and stops when cleared', async () => {
    cp.faults.set({ throttleRate: 1, retryAfterSeconds: 3 });
    const throttled = await admin.get('/api/v1/namespaces');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('3');
    cp.faults.set({ errorRate: 1, errorCode: 503 });
    expect((await admin.get('/api/v1/namespaces')).status).toBe(503);
    cp.faults.set({});
    expect((await admin.get('/api/v1/namespaces')).status).toBe(200);
  });

  it('drops watches after N events, forces 410 Gone, adds latency and hangs a node proxy', async () => {
    cp.faults.set({ watchDropAfterEvents: 2 });
    const dropped = await admin.watch('/api/v1/namespaces?watch=1', () => false);
    expect(dropped.ended).toBe('aborted');
    expect(dropped.events).toHaveLength(2);

    cp.faults.set({ forceGoneWatches: 1 });
    const gone = await admin.watch(`/api/v1/namespaces?watch=1&resourceVersion=${cp.store.resourceVersion}`, () => false);
    expect(gone.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410 } });

    cp.faults.set({ latencyMs: 300 });
    const started = Date.now();
    await admin.get('/version');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    cp.faults.set({ hangingNodes: ['n1'] });
    const hung = admin.get('/api/v1/nodes/n1/proxy/stats/summary');
    const outcome = await Promise.race([hung.then(() => 'answered', () => 'failed'), new Promise((r) => setTimeout(() => r('hanging'), 1000))]);
    expect(outcome).toBe('hanging');
    cp.faults.set({});
    expect(cp.faults.counters).toMatchObject({ watchDrops: 1, gone: 1 });
  });

  it('restarts the API server on the same port, keeping the state', async () => {
    const before = (await admin.get('/apis/apps/v1/namespaces/shop/deployments/web')).json;
    await cp.restartApiServer({ hard: true, downForMs: 200 });
    const after = (await admin.get('/apis/apps/v1/namespaces/shop/deployments/web')).json;
    expect(after.metadata.uid).toBe(before.metadata.uid);
  });
});

describe('versions', () => {
  it('serves a HorizontalPodAutoscaler written at v2beta2 at autoscaling/v1 with its CPU target, and takes patches at either', async () => {
    const hpa = {
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 4, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
    };
    expect((await admin.post('/apis/autoscaling/v2beta2/namespaces/shop/horizontalpodautoscalers', hpa)).status).toBe(201);
    const v1 = (await admin.get('/apis/autoscaling/v1/namespaces/shop/horizontalpodautoscalers/web')).json;
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toEqual({ scaleTargetRef: hpa.spec.scaleTargetRef, minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 70 });
    await admin.patch('/apis/autoscaling/v1/namespaces/shop/horizontalpodautoscalers/web', { spec: { targetCPUUtilizationPercentage: 60 } }, 'merge');
    const v2 = (await admin.get('/apis/autoscaling/v2beta2/namespaces/shop/horizontalpodautoscalers/web')).json;
    expect(v2.spec.metrics[0].resource.target.averageUtilization).toBe(60);
    expect(v2.spec.maxReplicas).toBe(4);
  });
});

describe('kubectl conveniences', () => {
  it('streams Tables to `kubectl get -w`, the column definitions first', async () => {
    const rv = cp.store.resourceVersion;
    const accept = { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' };
    const watching = admin.watch(`/api/v1/namespaces/shop/limitranges?watch=1&resourceVersion=${rv}`, (e) => e.length >= 2, 10_000, accept);
    await new Promise((r) => setTimeout(r, 50));
    await admin.post('/api/v1/namespaces/shop/limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'tw' }, spec: { limits: [] } });
    await admin.patch('/api/v1/namespaces/shop/limitranges/tw', { metadata: { labels: { a: 'b' } } }, 'merge');
    const { events } = await watching;
    expect(events.map((e) => [e.type, e.object.kind, e.object.rows[0].cells[0]])).toEqual([['ADDED', 'Table', 'tw'], ['MODIFIED', 'Table', 'tw']]);
    expect(events[0]!.object.columnDefinitions.length).toBeGreaterThan(0);
    expect(events[1]!.object.columnDefinitions).toEqual([]);
    await admin.delete('/api/v1/namespaces/shop/limitranges/tw');
  });

  it('approximates server-side apply: creates, then merges the applied configuration', async () => {
    const applied = (cpu: string) => `apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: ssa\n  namespace: shop\nspec:\n  limits:\n  - type: Container\n    default:\n      cpu: "${cpu}"\n`;
    const headers = { 'content-type': 'application/apply-patch+yaml' };
    const created = await admin.request('PATCH', '/api/v1/namespaces/shop/limitranges/ssa?fieldManager=kubectl', Buffer.from(applied('1')), headers);
    expect(created.status).toBe(201);
    const updated = await admin.request('PATCH', '/api/v1/namespaces/shop/limitranges/ssa?fieldManager=kubectl', Buffer.from(applied('2000m')), headers);
    expect(updated.status).toBe(200);
    expect(updated.json.spec.limits[0].default.cpu).toBe('2');
    await admin.delete('/api/v1/namespaces/shop/limitranges/ssa');
  });

  it('deletes a namespace with everything in it', async () => {
    await admin.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    await admin.post('/api/v1/namespaces/gone/limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'x' }, spec: { limits: [] } });
    const deleting = await admin.delete('/api/v1/namespaces/gone');
    expect(deleting.json.status.phase).toBe('Terminating');
    expect((await admin.post('/api/v1/namespaces/gone/limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'y' }, spec: { limits: [] } })).status).toBe(403);
    await until('namespace deletion', async () => (await admin.get('/api/v1/namespaces/gone')).status, (s) => s === 404);
    expect((await admin.get('/api/v1/namespaces/gone/limitranges')).json.items).toEqual([]);
  });
});
