import { describe, expect, inject, it } from 'vitest';
import { kubectl } from './kubectl.ts';

/** What a user sees with a real kubectl (1.31) against `cluster-insight testcluster`. */
describe('testcluster through kubectl 1.31', () => {
  const kubeconfig = inject('testclusterKubeconfig');
  const admin = kubectl(kubeconfig, { context: 'testcluster' });
  const viewer = kubectl(kubeconfig, { context: 'testcluster-viewer' });

  type Node = { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } };
  type Pod = { metadata: { namespace: string; name: string; ownerReferences?: { kind: string }[] }; spec: { nodeName: string; containers: { name: string; resources?: { limits?: { cpu?: string } } }[] }; status: { phase: string } };

  it('lists 3 Ready nodes', async () => {
    // Other test files may register extra Nodes of their own; the cluster's are the simulated ones.
    const nodes = await admin.json<{ items: Node[] }>('get', 'nodes', '-o', 'json');
    const simulated = nodes.items.filter((n) => n.metadata.name.startsWith('sim-node-'));
    expect(simulated).toHaveLength(3);
    for (const n of simulated) expect(n.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('shows the seeded workloads Running', async () => {
    const pods = await admin.json<{ items: Pod[] }>('get', 'pods', '-A', '-o', 'json');
    const seeded = pods.items.filter((p) => ['shop', 'data', 'monitoring', 'legacy'].includes(p.metadata.namespace));
    const notUp = seeded.filter((p) => !['Running', 'Succeeded'].includes(p.status.phase));
    expect(notUp.map((p) => `${p.metadata.namespace}/${p.metadata.name}: ${p.status.phase}`)).toEqual([]);
    const owners = new Set(seeded.map((p) => p.metadata.ownerReferences?.[0]?.kind ?? 'bare Pod'));
    for (const kind of ['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'bare Pod']) expect(owners).toContain(kind);
    expect(seeded.length).toBeGreaterThanOrEqual(18);
  });

  it('reaches each kubelet through the node proxy: summary counters grow between two calls', async () => {
    const node = 'sim-node-0';
    type Summary = { pods: { podRef: { name: string }; containers: { name: string; cpu: { time: string; usageCoreNanoSeconds: number } }[] }[] };
    const first = await admin.json<Summary>('get', '--raw', `/api/v1/nodes/${node}/proxy/stats/summary`);
    await new Promise((r) => setTimeout(r, 1500));
    const second = await admin.json<Summary>('get', '--raw', `/api/v1/nodes/${node}/proxy/stats/summary`);
    const counters = (s: Summary) =>
      new Map(s.pods.flatMap((p) => p.containers.map((c) => [`${p.podRef.name}/${c.name}`, c.cpu] as const)));
    const before = counters(first);
    let grew = 0;
    for (const [key, cpu] of counters(second)) {
      const prev = before.get(key);
      if (!prev) continue;
      expect(Date.parse(cpu.time)).toBeGreaterThan(Date.parse(prev.time));
      if (cpu.usageCoreNanoSeconds > prev.usageCoreNanoSeconds) grew++;
    }
    expect(grew).toBeGreaterThan(0);
  });

  it('serves cAdvisor throttling counters for a container with a CPU limit, and none without one', async () => {
    const pods = await admin.json<{ items: Pod[] }>('get', 'pods', '-n', 'shop', '-l', 'app=api-gateway', '-o', 'json');
    const pod = pods.items[0]!;
    const text = await admin('get', '--raw', `/api/v1/nodes/${pod.spec.nodeName}/proxy/metrics/cadvisor`);
    const throttled = text.split('\n').filter((l) => l.startsWith('container_cpu_cfs_throttled_periods_total{'));
    expect(throttled.some((l) => l.includes(`pod="${pod.metadata.name}"`) && l.includes('container="gateway"'))).toBe(true);
    expect(throttled.some((l) => l.includes('container="log-shipper"'))).toBe(false);
    expect(Buffer.byteLength(text)).toBeGreaterThan(100_000);
  });

  it('patch --dry-run=server leaves the deployment unchanged; a real patch rolls out a new ReplicaSet', async () => {
    type Deploy = { metadata: { resourceVersion: string; generation: number; uid: string }; spec: { template: { spec: { containers: { name: string; resources: { requests: Record<string, string> } }[] } } } };
    const ns = 'shop';
    const before = await admin.json<Deploy>('get', 'deployment', 'checkout', '-n', ns, '-o', 'json');
    const patch = JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'checkout', resources: { requests: { cpu: '150m' } } }] } } } });
    const dry = await admin.json<Deploy>('patch', 'deployment', 'checkout', '-n', ns, '--type', 'strategic', '-p', patch, '--dry-run=server', '-o', 'json');
    expect(dry.spec.template.spec.containers[0]!.resources.requests.cpu).toBe('150m');
    const afterDry = await admin.json<Deploy>('get', 'deployment', 'checkout', '-n', ns, '-o', 'json');
    expect(afterDry.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(afterDry.spec).toEqual(before.spec);

    await admin('patch', 'deployment', 'checkout', '-n', ns, '--type', 'strategic', '-p', patch);
    await admin('rollout', 'status', 'deployment/checkout', '-n', ns, '--timeout=90s');
    type RS = { items: { metadata: { ownerReferences?: { uid: string }[] }; spec: { replicas: number; template: Deploy['spec']['template'] }; status: { readyReplicas?: number } }[] };
    const sets = (await admin.json<RS>('get', 'replicasets', '-n', ns, '-o', 'json')).items.filter(
      (rs) => rs.metadata.ownerReferences?.[0]?.uid === before.metadata.uid,
    );
    expect(sets.length).toBeGreaterThanOrEqual(2);
    const current = sets.find((rs) => rs.spec.template.spec.containers[0]!.resources.requests.cpu === '150m');
    expect(current?.status.readyReplicas).toBe(2);
    const pods = await admin.json<{ items: Pod[] }>('get', 'pods', '-n', ns, '-l', 'app=checkout', '-o', 'json');
    expect(pods.items.filter((p) => p.status.phase === 'Running').length).toBeGreaterThanOrEqual(2);
  });

  it('denies the viewer any write and nodes/proxy, and lets it list', async () => {
    await expect(viewer('auth', 'can-i', 'patch', 'deployments', '-n', 'shop')).rejects.toMatchObject({ stdout: 'no\n' });
    await expect(viewer('auth', 'can-i', 'get', 'nodes', '--subresource=proxy')).rejects.toMatchObject({ stdout: 'no\n' });
    await expect(viewer('auth', 'can-i', 'get', 'secrets', '-n', 'shop')).rejects.toMatchObject({ stdout: 'no\n' });
    expect(await viewer('auth', 'can-i', 'watch', 'pods', '-A')).toBe('yes\n');
    expect(await viewer('auth', 'can-i', 'watch', 'poddisruptionbudgets.policy', '-A')).toBe('yes\n');
    expect(await viewer('auth', 'can-i', 'list', 'horizontalpodautoscalers.autoscaling', '-A')).toBe('yes\n');
    const pods = await viewer.json<{ items: unknown[] }>('get', 'pods', '-A', '-o', 'json');
    expect(pods.items.length).toBeGreaterThan(0);
  });
});
