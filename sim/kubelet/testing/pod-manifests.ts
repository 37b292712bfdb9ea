import type { V1Pod } from '@kubernetes/client-node';
import { hashOf, SeededRandom } from '../../profiles/index.ts';

// Pod manifests as the API server returns them once scheduled: for tests and benchmarks that drive
// simulated nodes without an API server.

export interface ContainerSketch {
  name: string;
  image: string;
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface PodSketch {
  name: string;
  namespace?: string;
  nodeName: string;
  containers: ContainerSketch[];
  annotations?: Record<string, string>;
  ownerKind?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  initContainers?: ContainerSketch[];
}

export function podManifest(sketch: PodSketch): V1Pod {
  const namespace = sketch.namespace ?? 'default';
  const h = new SeededRandom(hashOf(0, 'uid', namespace, sketch.name)).hex(32);
  const uid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  const container = (c: ContainerSketch) => ({
    name: c.name,
    image: c.image,
    resources: { ...(c.requests && { requests: c.requests }), ...(c.limits && { limits: c.limits }) },
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: sketch.name,
      namespace,
      uid,
      resourceVersion: '1',
      annotations: sketch.annotations,
      ownerReferences: sketch.ownerKind ? [{ apiVersion: 'apps/v1', kind: sketch.ownerKind, name: sketch.name.replace(/-[^-]+$/, ''), uid: 'owner' }] : undefined,
    },
    spec: {
      nodeName: sketch.nodeName,
      restartPolicy: sketch.restartPolicy ?? 'Always',
      containers: sketch.containers.map(container),
      initContainers: sketch.initContainers?.map(container),
      volumes: [{ name: 'default-token-x7k2p', secret: { secretName: 'default-token-x7k2p' } }],
    },
    status: { phase: 'Pending' },
  };
}

const WORKLOADS: ReadonlyArray<{ name: string; namespace: string; containers: ContainerSketch[] }> = [
  { name: 'web', namespace: 'shop', containers: [
    { name: 'app', image: 'registry.example/shop/web:1.4.2', requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.8.2', requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
  ] },
  { name: 'checkout', namespace: 'shop', containers: [
    { name: 'checkout', image: 'registry.example/shop/checkout:2.11.0', requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
  ] },
  { name: 'api-gateway', namespace: 'shop', containers: [
    { name: 'gateway', image: 'registry.example/platform/gateway:0.19.3', requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '250m', memory: '256Mi' } },
  ] },
  { name: 'postgres', namespace: 'data', containers: [
    { name: 'postgres', image: 'docker.io/library/postgres:13.1', requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '1', memory: '2Gi' } },
    { name: 'exporter', image: 'quay.io/prometheuscommunity/postgres-exporter:v0.9.0', requests: { cpu: '10m', memory: '32Mi' } },
  ] },
  { name: 'node-exporter', namespace: 'monitoring', containers: [
    { name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.0.1', requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  ] },
  { name: 'legacy-batch', namespace: 'legacy', containers: [{ name: 'worker', image: 'registry.example/legacy/batch:2019.12' }] },
];

/** A node's worth of pods (about 1.5 containers each, mixed QoS classes), named like ReplicaSet pods. */
export function realisticPods(nodeName: string, count: number, seed = 1): V1Pod[] {
  const random = new SeededRandom(hashOf(seed, 'pods', nodeName));
  return Array.from({ length: count }, (_, i) => {
    const workload = WORKLOADS[i % WORKLOADS.length]!;
    return podManifest({
      name: `${workload.name}-${random.hex(10)}-${random.hex(5)}`,
      namespace: workload.namespace,
      nodeName,
      containers: workload.containers,
      ownerKind: 'ReplicaSet',
    });
  });
}
