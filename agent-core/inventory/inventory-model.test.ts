import { describe, expect, it } from 'vitest';
import { clusterUuid } from './entity-uuid.ts';
import { InventoryModel, type EntityChange } from './inventory-model.ts';
import type { KubeObject } from './kube-object.ts';
import { container, controller, cronJob, limitRange, pod } from './testing/fixtures.ts';
import type { WatchedKind } from './watched-kinds.ts';

function modelWith(...objects: KubeObject[]) {
  const model = new InventoryModel(clusterUuid('test'));
  const changes: EntityChange[] = [];
  model.subscribe((c) => changes.push(c));
  const byKind = new Map<WatchedKind, KubeObject[]>();
  for (const o of objects) byKind.set(o.kind as WatchedKind, [...(byKind.get(o.kind as WatchedKind) ?? []), o]);
  for (const [kind, list] of byKind) model.storeFor(kind).replace(list, '1');
  return { model, changes };
}

const chainOf = (model: InventoryModel, o: KubeObject) => model.entity(o.metadata!.uid!)!.ownerChain.map((l) => `${l.kind}/${l.name}${l.known ? '' : '?'}`);
const controllerOf = (model: InventoryModel, o: KubeObject) => model.entity(o.metadata!.uid!)!.controller?.name;

describe('owner chains', () => {
  const web = container('web');
  const deployment = controller('Deployment', 'frontend', [web]);
  const replicaSet = controller('ReplicaSet', 'frontend-7d9', [web], { owner: deployment });
  const deployed = pod('frontend-7d9-x', [web], { owner: replicaSet });
  const cron = cronJob('nightly', [web]);
  const job = controller('Job', 'nightly-123', [web], { owner: cron });
  const jobPod = pod('nightly-123-abc', [web], { owner: job });
  const statefulSet = controller('StatefulSet', 'db', [web]);
  const statefulPod = pod('db-0', [web], { owner: statefulSet });
  const daemonSet = controller('DaemonSet', 'exporter', [web]);
  const daemonPod = pod('exporter-x', [web], { owner: daemonSet });
  const rc = controller('ReplicationController', 'legacy', [web]);
  const rcPod = pod('legacy-x', [web], { owner: rc });
  const bareRs = controller('ReplicaSet', 'old-api', [web]);
  const bareRsPod = pod('old-api-x', [web], { owner: bareRs });
  const bare = pod('debug', [web]);

  it('resolves every controller kind to the top-level controller', () => {
    const { model } = modelWith(deployment, replicaSet, deployed, cron, job, jobPod, statefulSet, statefulPod, daemonSet, daemonPod, rc, rcPod, bareRs, bareRsPod, bare);
    expect(chainOf(model, deployed)).toEqual(['ReplicaSet/frontend-7d9', 'Deployment/frontend']);
    expect(controllerOf(model, deployed)).toBe('frontend');
    expect(chainOf(model, jobPod)).toEqual(['Job/nightly-123', 'CronJob/nightly']);
    expect(controllerOf(model, jobPod)).toBe('nightly');
    expect(chainOf(model, statefulPod)).toEqual(['StatefulSet/db']);
    expect(chainOf(model, daemonPod)).toEqual(['DaemonSet/exporter']);
    expect(chainOf(model, rcPod)).toEqual(['ReplicationController/legacy']);
    expect(chainOf(model, bareRsPod)).toEqual(['ReplicaSet/old-api']);
    expect(chainOf(model, bare)).toEqual([]);
    expect(controllerOf(model, bare)).toBeUndefined();
    expect(chainOf(model, replicaSet)).toEqual(['Deployment/frontend']);
    expect(chainOf(model, deployment)).toEqual([]);
  });

  it('names an owner not (yet) seen, and fills it in when it arrives — reporting the pod as modified', () => {
    const { model, changes } = modelWith(deployed);
    expect(chainOf(model, deployed)).toEqual(['ReplicaSet/frontend-7d9?']);
    changes.length = 0;
    model.storeFor('ReplicaSet').apply('ADDED', replicaSet);
    expect(chainOf(model, deployed)).toEqual(['ReplicaSet/frontend-7d9', 'Deployment/frontend?']);
    model.storeFor('Deployment').apply('ADDED', deployment);
    expect(chainOf(model, deployed)).toEqual(['ReplicaSet/frontend-7d9', 'Deployment/frontend']);
    expect(changes.map((c) => `${c.type} ${c.entity.kind}/${c.entity.name}`)).toEqual([
      'added ReplicaSet/frontend-7d9',
      'modified Pod/frontend-7d9-x',
      'added Deployment/frontend',
      'modified ReplicaSet/frontend-7d9',
      'modified Pod/frontend-7d9-x',
    ]);
    expect(changes.at(-1)!.entity.controller).toMatchObject({ kind: 'Deployment', name: 'frontend', known: true });
  });

  it('ignores non-controller owners when a controller owner is marked, and stops at cycles', () => {
    const a = controller('ReplicaSet', 'a', [web]);
    const b = controller('Deployment', 'b', [web], { owner: a });
    a.metadata!.ownerReferences = [{ kind: 'Deployment', name: 'b', uid: b.metadata!.uid!, controller: true }];
    const p = pod('p', [web], { owner: a });
    p.metadata!.ownerReferences!.unshift({ kind: 'Node', name: 'n', uid: 'node-uid' });
    const { model } = modelWith(a, b, p);
    expect(chainOf(model, p)).toEqual(['ReplicaSet/a', 'Deployment/b']);
  });
});

describe('entities', () => {
  it('uuid: stable per cluster, kind and uid; different in another cluster', () => {
    const p = pod('p', [container('c')]);
    const first = modelWith(p).model.entity(p.metadata!.uid!)!.uuid;
    expect(modelWith(p).model.entity(p.metadata!.uid!)!.uuid).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const elsewhere = new InventoryModel(clusterUuid('other'));
    expect(elsewhere.uuidOf('Pod', p.metadata!.uid!)).not.toBe(first);
    expect(modelWith(p).model.entity(p.metadata!.uid!)!.ownerChain).toEqual([]);
  });

  it('pods: restarts, last termination reason (OOMKilled), QoS from status, node and phase', () => {
    const p = pod('cache-0', [container('cache', { requests: { memory: '128Mi' }, limits: { memory: '256Mi' } })], {
      status: {
        phase: 'Running',
        qosClass: 'Burstable',
        containerStatuses: [{ name: 'cache', restartCount: 3, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2024-01-01T00:00:00Z' } } }],
      },
    });
    p.spec!.nodeName = 'sim-node-1';
    const entity = modelWith(p).model.entity(p.metadata!.uid!)!;
    expect(entity).toMatchObject({ kind: 'Pod', name: 'cache-0', namespace: 'shop', qosClass: 'Burstable', nodeName: 'sim-node-1', phase: 'Running' });
    expect(entity.containers).toEqual([
      {
        name: 'cache',
        image: 'example/cache:1',
        init: false,
        requests: { memory: { value: '128Mi', source: 'spec' } },
        limits: { memory: { value: '256Mi', source: 'spec' } },
        restarts: 3,
        lastTerminationReason: 'OOMKilled',
        lastTerminatedAt: '2024-01-01T00:00:00Z',
      },
    ]);
  });

  it('controllers: template containers with LimitRange defaults, and the QoS their pods will get', () => {
    const lr = limitRange('defaults', { default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }, { namespace: 'legacy' });
    const rs = controller('ReplicaSet', 'old-api', [container('api')], { namespace: 'legacy' });
    const guaranteed = controller('Deployment', 'g', [container('g', { limits: { cpu: '1', memory: '1Gi' } })], { namespace: 'legacy' });
    const { model, changes } = modelWith(rs, guaranteed);
    expect(model.entity(rs.metadata!.uid!)!.qosClass).toBe('BestEffort');
    changes.length = 0;
    model.storeFor('LimitRange').apply('ADDED', lr);
    const entity = model.entity(rs.metadata!.uid!)!;
    expect(entity.qosClass).toBe('Burstable');
    expect(entity.containers[0]!.requests.cpu).toEqual({ value: '100m', source: 'limitrange-default' });
    expect(model.entity(guaranteed.metadata!.uid!)!.qosClass).toBe('Guaranteed');
    // The LimitRange changed what the ReplicaSet's pods will get; the Deployment's spec already had everything.
    expect(changes.map((c) => `${c.type} ${c.entity.kind}/${c.entity.name}`).sort()).toEqual(['added LimitRange/defaults', 'modified ReplicaSet/old-api']);
  });

  it('a relist reports what changed only: added, modified (new resourceVersion) and deleted', () => {
    const a = pod('a', [container('c')]);
    const b = pod('b', [container('c')]);
    const c = pod('c', [container('c')]);
    const { model, changes } = modelWith(a, b);
    changes.length = 0;
    const b2 = { ...b, metadata: { ...b.metadata!, resourceVersion: '2' } };
    model.storeFor('Pod').replace([b2, c, { ...a }], '5');
    expect(changes.map((x) => `${x.type} ${x.entity.name}`)).toEqual(['modified b', 'added c']);
    model.storeFor('Pod').replace([c], '6');
    expect(changes.slice(2).map((x) => `${x.type} ${x.entity.name}`)).toEqual(['deleted a', 'deleted b']);
    expect(model.entities().map((e) => e.name)).toEqual(['c']);
  });

  it('a deleted owner leaves its pods with an unknown link', () => {
    const rs = controller('ReplicaSet', 'rs', [container('c')]);
    const p = pod('p', [container('c')], { owner: rs });
    const { model, changes } = modelWith(rs, p);
    changes.length = 0;
    model.storeFor('ReplicaSet').apply('DELETED', rs);
    expect(changes.map((x) => `${x.type} ${x.entity.name}`)).toEqual(['deleted rs', 'modified p']);
    expect(chainOf(model, p)).toEqual(['ReplicaSet/rs?']);
  });

  it('a listener that throws is reported and does not stop the others', () => {
    const errors: unknown[] = [];
    const model = new InventoryModel(clusterUuid('x'), (err) => errors.push(err));
    const seen: string[] = [];
    model.subscribe(() => {
      throw new Error('boom');
    });
    const unsubscribe = model.subscribe((c) => seen.push(c.entity.name));
    model.storeFor('Pod').apply('ADDED', pod('p', [container('c')]));
    unsubscribe();
    model.storeFor('Pod').apply('ADDED', pod('q', [container('c')]));
    expect(seen).toEqual(['p']);
    expect(errors).toHaveLength(2);
  });
});
