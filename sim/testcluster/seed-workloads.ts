import type { KubernetesObject } from '@kubernetes/client-node';

/** The annotation by which the simulated kubelets pick a container's usage profile. */
export const PROFILE_ANNOTATION = 'sim.cluster-insight.io/profile';

type Profile = 'steady' | 'diurnal' | 'spiky' | 'leak' | 'cpu-bound' | 'idle';
type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

interface ContainerSeed {
  name: string;
  image: string;
  resources?: Resources;
  env?: Record<string, string>;
  args?: string[];
  probes?: boolean;
}

const labelsFor = (app: string) => ({ app, 'app.kubernetes.io/part-of': 'cluster-insight-seed' });

function podTemplate(app: string, profile: Profile, containers: ContainerSeed[], extra: Record<string, unknown> = {}) {
  return {
    metadata: { labels: labelsFor(app), annotations: { [PROFILE_ANNOTATION]: profile } },
    spec: {
      terminationGracePeriodSeconds: 5,
      ...extra,
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image,
        ...(c.resources ? { resources: c.resources } : {}),
        ...(c.args ? { args: c.args } : {}),
        ...(c.env ? { env: Object.entries(c.env).map(([name, value]) => ({ name, value })) } : {}),
        ...(c.probes
          ? {
              readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
              livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 20 },
            }
          : {}),
      })),
    },
  };
}

function controller(apiVersion: string, kind: string, namespace: string, name: string, spec: Record<string, unknown>): KubernetesObject {
  return { apiVersion, kind, metadata: { namespace, name, labels: labelsFor(name) }, spec } as KubernetesObject;
}

const replicated = (apiVersion: string, kind: string) =>
  (namespace: string, name: string, replicas: number, profile: Profile, containers: ContainerSeed[], extra: Record<string, unknown> = {}) =>
    controller(apiVersion, kind, namespace, name, {
      replicas,
      selector: kind === 'ReplicationController' ? labelsFor(name) : { matchLabels: labelsFor(name) },
      template: podTemplate(name, profile, containers),
      ...extra,
    });

const deployment = replicated('apps/v1', 'Deployment');
const statefulSet = (namespace: string, name: string, replicas: number, profile: Profile, containers: ContainerSeed[]) =>
  replicated('apps/v1', 'StatefulSet')(namespace, name, replicas, profile, containers, { serviceName: name });
const replicaSet = replicated('apps/v1', 'ReplicaSet');
const replicationController = replicated('v1', 'ReplicationController');

const cpuMem = (cpuReq: string, memReq: string, cpuLim?: string, memLim?: string): Resources => ({
  requests: { cpu: cpuReq, memory: memReq },
  ...(cpuLim || memLim ? { limits: { ...(cpuLim ? { cpu: cpuLim } : {}), ...(memLim ? { memory: memLim } : {}) } } : {}),
});

export const SEED_NAMESPACES = ['shop', 'data', 'monitoring', 'legacy'] as const;

/** The API versions of the seeded kinds that moved between Kubernetes releases, as discovery found them. */
export interface SeedApiVersions {
  /** batch/v1beta1 before Kubernetes 1.21, batch/v1 after. */
  cronJob: string;
  /** policy/v1beta1 before 1.21, policy/v1 after. */
  podDisruptionBudget: string;
  /** autoscaling/v2beta2 before 1.23, autoscaling/v2 after (both carry CPU utilisation targets). */
  horizontalPodAutoscaler: string;
}

/**
 * A realistic mix for the test cluster: every controller kind, containers with and without
 * requests and limits, a LimitRange, and workloads that are over-provisioned (frontend),
 * throttled (api-gateway), leaking memory (session-cache), spiky and diurnal; a PodDisruptionBudget
 * for frontend and an HPA scaling checkout on CPU utilisation (which, with no metrics API, never scales).
 */
export function seedWorkloads(versions: SeedApiVersions): KubernetesObject[] {
  const namespaces = SEED_NAMESPACES.map(
    (name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'app.kubernetes.io/part-of': 'cluster-insight-seed' } } }) as KubernetesObject,
  );
  return [
    ...namespaces,
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { namespace: 'legacy', name: 'container-defaults' },
      spec: {
        limits: [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }],
      },
    } as KubernetesObject,

    deployment('shop', 'frontend', 3, 'idle', [
      { name: 'web', image: 'nginx:1.25.3', resources: cpuMem('1', '1Gi', undefined, '1Gi'), probes: true, env: { API_URL: 'http://api-gateway', SESSION_SECRET: 'do-not-leak-me' } },
      { name: 'log-shipper', image: 'fluent/fluent-bit:2.2' },
    ]),
    deployment('shop', 'api-gateway', 2, 'cpu-bound', [
      { name: 'gateway', image: 'envoyproxy/envoy:v1.28.0', resources: cpuMem('250m', '256Mi', '500m', '512Mi'), probes: true, args: ['--config-path', '/etc/envoy/envoy.yaml', '--token=hunter2'] },
    ]),
    deployment('shop', 'checkout', 2, 'spiky', [
      { name: 'checkout', image: 'ghcr.io/example/checkout:1.8.2', resources: cpuMem('200m', '256Mi', '1', '512Mi'), probes: true },
    ]),
    {
      apiVersion: versions.podDisruptionBudget,
      kind: 'PodDisruptionBudget',
      metadata: { namespace: 'shop', name: 'frontend' },
      spec: {
        maxUnavailable: 1,
        selector: { matchLabels: { app: 'frontend' }, matchExpressions: [{ key: 'app.kubernetes.io/part-of', operator: 'In', values: ['cluster-insight-seed'] }] },
      },
    } as KubernetesObject,
    {
      apiVersion: versions.horizontalPodAutoscaler,
      kind: 'HorizontalPodAutoscaler',
      metadata: { namespace: 'shop', name: 'checkout' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout' },
        minReplicas: 1,
        maxReplicas: 4,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    } as KubernetesObject,
    statefulSet('shop', 'session-cache', 1, 'leak', [
      { name: 'cache', image: 'ghcr.io/example/session-cache:0.9.1', resources: cpuMem('100m', '128Mi', '500m', '256Mi') },
    ]),
    statefulSet('shop', 'orders-db', 2, 'diurnal', [
      { name: 'postgres', image: 'postgres:16.1', resources: cpuMem('500m', '1Gi', undefined, '2Gi'), env: { POSTGRES_PASSWORD: 'not-for-your-eyes' } },
    ]),

    deployment('data', 'etl-worker', 2, 'diurnal', [{ name: 'worker', image: 'ghcr.io/example/etl:latest' }]),
    controller('batch/v1', 'Job', 'data', 'backfill', {
      backoffLimit: 2,
      template: { ...podTemplate('backfill', 'steady', [{ name: 'backfill', image: 'ghcr.io/example/backfill:2.0', resources: cpuMem('250m', '256Mi', '1', '512Mi') }], { restartPolicy: 'Never' }) },
    }),
    controller(versions.cronJob, 'CronJob', 'data', 'nightly-report', {
      schedule: '*/5 * * * *',
      successfulJobsHistoryLimit: 2,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          template: podTemplate('nightly-report', 'spiky', [{ name: 'report', image: 'ghcr.io/example/report:3.1', resources: cpuMem('100m', '128Mi', '500m', '256Mi') }], { restartPolicy: 'OnFailure' }),
        },
      },
    }),

    controller('apps/v1', 'DaemonSet', 'monitoring', 'node-exporter', {
      selector: { matchLabels: labelsFor('node-exporter') },
      template: podTemplate('node-exporter', 'steady', [
        { name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.7.0', resources: cpuMem('50m', '64Mi', '200m', '128Mi') },
      ], { tolerations: [{ operator: 'Exists' }], nodeSelector: { 'kubernetes.io/os': 'linux' } }),
    }),

    replicaSet('legacy', 'old-api', 1, 'steady', [{ name: 'api', image: 'ghcr.io/example/old-api:0.3' }]),
    replicationController('legacy', 'legacy-worker', 1, 'idle', [{ name: 'worker', image: 'busybox:1.36', args: ['sh', '-c', 'sleep infinity'] }]),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: 'legacy', name: 'debug-shell', labels: labelsFor('debug-shell'), annotations: { [PROFILE_ANNOTATION]: 'idle' } },
      spec: { terminationGracePeriodSeconds: 5, containers: [{ name: 'shell', image: 'busybox:1.36', args: ['sleep', '86400'] }] },
    } as KubernetesObject,
  ];
}
