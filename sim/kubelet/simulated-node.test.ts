import { describe, expect, it } from 'vitest';
import { nodeForTest, TEST_START, type RecordedCall } from './testing/node-harness.ts';
import { podManifest, realisticPods } from './testing/pod-manifests.ts';

const MINUTE = 60_000;

interface ContainerStatus {
  name: string;
  state: Record<string, Record<string, unknown>>;
  lastState: Record<string, Record<string, unknown>>;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID: string;
  started: boolean;
}
interface StatusPatch {
  metadata: { uid: string };
  status: {
    phase: string;
    podIP: string;
    hostIP: string;
    startTime: string;
    conditions: Array<{ type: string; status: string }>;
    containerStatuses: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

const statusPatches = (calls: RecordedCall[], pod: string) =>
  calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(`/pods/${pod}/status`)).map((c) => c.body as StatusPatch);

const web = podManifest({
  name: 'web-6b8f7c9d4-k2j4x', namespace: 'shop', nodeName: 'sim-node-0',
  annotations: { 'sim.cluster-insight.io/profile': 'steady' },
  initContainers: [{ name: 'migrate', image: 'registry.example/shop/migrate:1.4.2' }],
  containers: [{ name: 'app', image: 'registry.example/shop/web:1.4.2', requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } }],
});

describe('simulated node', () => {
  it('runs a bound pod: Running, a pod IP of its own, ready containers with docker ids', async () => {
    const { calls, advance } = nodeForTest({ pods: [web] });
    await advance(5000);
    const [patch] = statusPatches(calls, 'web-6b8f7c9d4-k2j4x');
    expect(patch).toBeDefined();
    const { status } = patch!;
    expect(patch!.metadata.uid).toBe(web.metadata!.uid);
    expect(status.phase).toBe('Running');
    expect(status.hostIP).toBe('127.0.0.1');
    expect(status.podIP).toMatch(/^10\.64\.0\.\d+$/);
    expect(status.startTime).toBe(new Date(TEST_START).toISOString().replace('.000', ''));
    expect(status.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    const [app] = status.containerStatuses;
    expect(app).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'registry.example/shop/web:1.4.2', lastState: {} });
    expect(app!.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(app!.imageID).toMatch(/^docker-pullable:\/\/registry\.example\/shop\/web@sha256:[0-9a-f]{64}$/);
    expect(app!.state.running!.startedAt).toBe(new Date(TEST_START + 2000).toISOString().replace('.000', ''));
    expect(status.initContainerStatuses![0]!.state.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
  });

  it('gives every pod on the node a different IP', () => {
    const { node } = nodeForTest({ pods: realisticPods('sim-node-0', 40) });
    const ips = [...node.pods.values()].map((p) => p.podIP);
    expect(new Set(ips).size).toBe(40);
  });

  it('reports an OOM kill: restart count, lastState OOMKilled with exit code 137, a new container id', async () => {
    const leaky = podManifest({
      name: 'session-cache-0', namespace: 'shop', nodeName: 'sim-node-0',
      annotations: { 'sim.cluster-insight.io/profile': 'leak' },
      containers: [{ name: 'cache', image: 'docker.io/library/redis:6.0', requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } }],
    });
    const { calls, advance } = nodeForTest({ pods: [leaky] });
    for (let i = 0; i < 150; i++) await advance(MINUTE);
    const patches = statusPatches(calls, 'session-cache-0');
    const restarted = patches.find((p) => p.status.containerStatuses[0]!.restartCount === 1 && p.status.phase === 'Running' && p.status.containerStatuses[0]!.ready)!;
    expect(restarted).toBeDefined();
    const cache = restarted.status.containerStatuses[0]!;
    expect(cache.lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(cache.lastState.terminated!.containerID).not.toBe(cache.containerID);
    expect(Date.parse(cache.state.running!.startedAt as string)).toBeGreaterThan(Date.parse(cache.lastState.terminated!.finishedAt as string));
  });

  it('finishes a Job pod with phase Succeeded after its run time', async () => {
    const job = podManifest({
      name: 'nightly-report-27411', namespace: 'data', nodeName: 'sim-node-0', ownerKind: 'Job', restartPolicy: 'Never',
      annotations: { 'sim.cluster-insight.io/run-seconds': '180' },
      containers: [{ name: 'report', image: 'registry.example/data/report:5', requests: { cpu: '500m', memory: '256Mi' } }],
    });
    const { node, calls, advance } = nodeForTest({ pods: [job] });
    await advance(2 * MINUTE);
    expect(statusPatches(calls, 'nightly-report-27411').at(-1)!.status.phase).toBe('Running');
    await advance(2 * MINUTE);
    const { status } = statusPatches(calls, 'nightly-report-27411').at(-1)!;
    expect(status.phase).toBe('Succeeded');
    expect(status.containerStatuses[0]!.state.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
    expect(status.conditions.find((c) => c.type === 'Ready')!.status).toBe('False');
    expect(JSON.parse(node.render('summary')).pods).toHaveLength(0);
  });

  it('confirms a graceful deletion at once with gracePeriodSeconds 0 and the pod uid as precondition', async () => {
    const { node, calls, advance } = nodeForTest({ pods: [web] });
    await advance(5000);
    node.podChanged({ ...web, metadata: { ...web.metadata, deletionTimestamp: new Date(TEST_START + 5000), deletionGracePeriodSeconds: 30 } });
    await advance(1000);
    const deletion = calls.find((c) => c.method === 'DELETE')!;
    expect(deletion.path).toBe('/api/v1/namespaces/shop/pods/web-6b8f7c9d4-k2j4x');
    expect(deletion.body).toMatchObject({ gracePeriodSeconds: 0, preconditions: { uid: web.metadata!.uid } });
    expect(JSON.parse(node.render('summary')).pods).toHaveLength(0);
    node.podGone(web);
    expect(node.pods.size).toBe(0);
  });

  it('does not take over pods that already finished', () => {
    const done = { ...web, status: { phase: 'Succeeded' } };
    const { node } = nodeForTest({ pods: [done] });
    expect(node.pods.size).toBe(0);
  });
});
