import { KubeConfig, type V1Node, type V1Pod, type V1PodList } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VirtualClock } from '../clock.ts';
import { startKubeletFleet, type KubeletFleet } from './fleet.ts';
import { KubeApi, KubeApiError } from './kube-api.ts';
import { parseExposition } from './testing/prometheus-text-parser.ts';

// A second, small fleet of simulated kubelets registered against the shared test cluster (real
// etcd, kube-apiserver, controller-manager and scheduler), exercised through the API server alone.

const NAMESPACE = `kubelet-fleet-${Date.now().toString(36)}`;
const PREFIX = 'fleet-test-';
const SPEED = 600;

let kubeConfig: KubeConfig;
let api: KubeApi;
let fleet: KubeletFleet;

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not after ${timeoutMs / 1000}s${last ? ` (${(last as Error).message})` : ''}`);
}

/** Creating a pod right after its namespace can meet "No API token found" until the token controller catches up. */
async function createPod(manifest: object): Promise<void> {
  await eventually('pod created', async () => {
    await api.create(`/api/v1/namespaces/${NAMESPACE}/pods`, manifest);
    return true;
  });
}

const pod = (name: string) => api.get<V1Pod>(`/api/v1/namespaces/${NAMESPACE}/pods/${name}`);

beforeAll(async () => {
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(inject('testclusterKubeconfig'));
  kubeConfig.setCurrentContext('testcluster');
  api = await KubeApi.connect(kubeConfig);
  fleet = await startKubeletFleet({
    kubeConfig,
    nodeCount: 2,
    nodeNamePrefix: PREFIX,
    seed: 11,
    clock: new VirtualClock({ speed: SPEED }),
    deleteNodesOnStop: true,
  });
  await api.create('/api/v1/namespaces', { metadata: { name: NAMESPACE } });
});

afterAll(async () => {
  await api.delete(`/api/v1/namespaces/${NAMESPACE}`).catch(() => {});
  // The simulated kubelets confirm the pods' deletion; only then may they go.
  await eventually('namespace pods gone', async () => {
    const list = await api.get<V1PodList>(`/api/v1/namespaces/${NAMESPACE}/pods`);
    return list.items.length === 0 ? true : undefined;
  }).catch(() => {});
  await fleet?.stop();
  api?.close();
});

describe('kubelet fleet against a real API server', () => {
  it('registers nodes that go Ready, with an InternalIP and their own kubelet port', async () => {
    expect(fleet.nodeNames).toEqual([`${PREFIX}0`, `${PREFIX}1`]);
    for (const name of fleet.nodeNames) {
      const node = await eventually(`${name} Ready and untainted`, async () => {
        const n = await api.get<V1Node>(`/api/v1/nodes/${name}`);
        const ready = n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        const tainted = n.spec?.taints?.some((t) => t.key === 'node.kubernetes.io/not-ready');
        return ready && !tainted ? n : undefined;
      });
      expect(node.status!.addresses).toEqual([{ type: 'InternalIP', address: '127.0.0.1' }]);
      expect(node.status!.daemonEndpoints!.kubeletEndpoint!.Port).toBe(fleet.ports.get(name));
      expect(node.status!.nodeInfo!.kubeletVersion).toBe('v1.20.2');
      expect(node.status!.capacity).toMatchObject({ cpu: '8', pods: '110' });
      const lease = await api.get<{ spec: { holderIdentity: string; leaseDurationSeconds: number; renewTime: string } }>(
        `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}`,
      );
      expect(lease.spec).toMatchObject({ holderIdentity: name, leaseDurationSeconds: 40 });
      expect(Date.now() - Date.parse(lease.spec.renewTime)).toBeLessThan(20_000);
    }
  });

  it('runs a scheduled pod and reports it through the node proxy (summary and cAdvisor)', async () => {
    const node = `${PREFIX}0`;
    await createPod({
      metadata: { name: 'steady', annotations: { 'sim.cluster-insight.io/profile': 'steady', 'sim.cluster-insight.io/cpu-cores': '0.2' } },
      spec: {
        nodeSelector: { 'kubernetes.io/hostname': node },
        containers: [{ name: 'app', image: 'registry.example/shop/web:1.4.2', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } } }],
      },
    });
    const running = await eventually('pod Running', async () => {
      const p = await pod('steady');
      return p.status?.phase === 'Running' ? p : undefined;
    });
    expect(running.spec!.nodeName).toBe(node);
    expect(running.status!.podIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(running.status!.containerStatuses![0]).toMatchObject({ name: 'app', ready: true, restartCount: 0 });

    const summary = await eventually('the pod in the summary', async () => {
      const s = await api.get<{ node: { nodeName: string }; pods: Array<{ podRef: { name: string; namespace: string }; containers: Array<{ name: string; cpu: { usageCoreNanoSeconds: number } }> }> }>(
        `/api/v1/nodes/${node}/proxy/stats/summary`,
      );
      return s.pods.some((p) => p.podRef.namespace === NAMESPACE && p.containers.length > 0) ? s : undefined;
    });
    expect(summary.node.nodeName).toBe(node);
    const container = summary.pods.find((p) => p.podRef.name === 'steady')!.containers[0]!;
    expect(container.name).toBe('app');
    expect(container.cpu.usageCoreNanoSeconds).toBeGreaterThan(0);

    const cadvisor = await api.getText(`/api/v1/nodes/${node}/proxy/metrics/cadvisor`);
    const periods = parseExposition(cadvisor).get('container_cpu_cfs_periods_total')!.samples;
    expect(periods.some((s) => s.labels.namespace === NAMESPACE && s.labels.pod === 'steady' && s.labels.container === 'app')).toBe(true);
  });

  it('restarts an OOM-killed container and reports it in the pod status', async () => {
    await createPod({
      metadata: { name: 'leaky', annotations: { 'sim.cluster-insight.io/profile': 'leak' } },
      spec: {
        nodeSelector: { 'kubernetes.io/hostname': `${PREFIX}1` },
        containers: [{ name: 'cache', image: 'docker.io/library/redis:6.0', resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } } }],
      },
    });
    // 30–120 simulated minutes to the limit: at most 12 s at speed 600.
    const status = await eventually('an OOM restart', async () => {
      const s = (await pod('leaky')).status?.containerStatuses?.[0];
      return s && s.restartCount > 0 ? s : undefined;
    });
    expect(status.lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
  });

  it('confirms a graceful deletion at once, as a kubelet does', async () => {
    await api.delete(`/api/v1/namespaces/${NAMESPACE}/pods/steady`);
    await eventually('pod gone', async () => {
      try {
        await pod('steady');
        return undefined;
      } catch (err) {
        return err instanceof KubeApiError && err.status === 404 ? true : undefined;
      }
    }, 15_000);
  });
});
