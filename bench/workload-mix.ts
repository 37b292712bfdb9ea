// The bench's workload: about `pods` pods over `nodes` nodes. The controllers of every kind the inventory watches
// make some (Deployments → ReplicaSets, StatefulSets, a DaemonSet, Jobs, a CronJob's Job, a ReplicationController),
// so that owner chains exist; the rest are bare pods bound to nodes directly, POSTed concurrently, because the
// controller-manager makes only ~20 pods a second per controller. Pods look like real ones: labels, annotations,
// env, probes, volumes, one in three with a sidecar, most with requests, half with limits.

type Obj = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

const PROFILES = ['steady', 'diurnal', 'spiky', 'idle', 'cpu-bound'] as const;
/** Simulated seconds a Job's pod runs: long enough that Jobs stay Running through the bench. */
const JOB_RUN_SECONDS = String(30 * 24 * 3600);
export const BENCH_LABEL = 'bench.cluster-insight.io/run';

export interface WorkloadMix {
  namespaces: Obj[];
  /** LimitRanges, controllers (the CronJob-owned Job is created by populateCluster, which knows the CronJob's uid). */
  controllers: Obj[];
  /** A Job to create with an ownerReference to this CronJob, as the CronJob controller would have. */
  cronJobChild: { cronJob: Obj; job: Obj };
  barePods: Obj[];
  /** Pods the controllers will make (DaemonSet: one per node). */
  controllerPods: number;
  cronJobApiVersion: string;
}

/** Spreads consecutive numbers, so that pods bound round-robin do not give each node the same kind of pod. */
const mix = (i: number, salt: number) => (Math.imul(i + 1, 2654435761) ^ Math.imul(salt, 40503)) >>> 7;

function container(name: string, image: string, i: number, sidecar = false): Record<string, unknown> {
  const withRequests = mix(i, 1) % 5 !== 0;
  const withLimits = mix(i, 2) % 2 === 0;
  const cpu = sidecar ? '50m' : `${50 + (mix(i, 3) % 8) * 25}m`;
  const memory = sidecar ? '64Mi' : `${128 + (mix(i, 4) % 4) * 64}Mi`;
  // Limits without requests make the requests equal the limits: keep those small enough for ~20 pods a node.
  const cpuLimit = sidecar ? '200m' : withRequests ? '1' : '250m';
  return {
    name,
    image,
    ...(sidecar ? {} : { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }] }),
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'DATABASE_URL', value: `postgres://app:secret-${i % 97}@db.internal:5432/app` },
      { name: 'FEATURE_FLAGS', value: 'checkout-v2,search-beta,fast-path' },
    ],
    resources: {
      ...(withRequests ? { requests: { cpu, memory } } : {}),
      ...(withLimits ? { limits: { cpu: cpuLimit, memory: sidecar ? '128Mi' : '1Gi' } } : {}),
    },
    ...(sidecar
      ? {}
      : {
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10, failureThreshold: 3 },
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 10, periodSeconds: 20 },
        }),
    volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }],
  };
}

function podTemplate(app: string, team: string, i: number, extraSpec: Record<string, unknown> = {}, annotations: Record<string, string> = {}) {
  const containers = [container('app', `registry.example.com/${team}/${app}:1.${i % 20}.${i % 7}`, i)];
  if (mix(i, 5) % 3 === 0) containers.push(container('proxy', 'envoyproxy/envoy:v1.28.0', i, true));
  return {
    metadata: {
      labels: { app, team, tier: i % 2 ? 'backend' : 'frontend', 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': team, [BENCH_LABEL]: 'true' },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'sim.cluster-insight.io/profile': PROFILES[mix(i, 6) % PROFILES.length]!, ...annotations },
    },
    spec: {
      terminationGracePeriodSeconds: 30,
      ...extraSpec,
      containers,
      volumes: [{ name: 'config', configMap: { name: `${app}-config` } }],
    },
  };
}

const selectorFor = (app: string) => ({ matchLabels: { app } });

export function workloadMix(opts: { nodes: number; pods: number; nodeNames: readonly string[]; cronJobApiVersion: string }): WorkloadMix {
  const { nodes, pods } = opts;
  const teams = Array.from({ length: Math.max(4, Math.round(pods / 500)) }, (_, i) => `team-${i}`);
  const namespaces: Obj[] = [...teams, 'monitoring'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [BENCH_LABEL]: 'true' } } }));
  const controllers: Obj[] = [];
  let controllerPods = 0;
  let i = 0;

  teams.forEach((team, t) => {
    if (t % 3 === 0) {
      controllers.push({
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'container-defaults', namespace: team },
        spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }] },
      });
    }
  });

  // Deployments: about a tenth of the pods.
  const deployments = Math.max(4, Math.round(pods / 400));
  const replicas = Math.max(2, Math.round(pods / 10 / deployments));
  for (let d = 0; d < deployments; d++, i++) {
    const team = teams[d % teams.length]!;
    const app = `svc-${d}`;
    controllers.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: team }, spec: { replicas, selector: selectorFor(app), template: podTemplate(app, team, i) } });
    controllerPods += replicas;
  }
  // StatefulSets, pods made in parallel (OrderedReady would wait for each in turn).
  const stsReplicas = Math.max(2, Math.round(pods / 1000));
  for (let s = 0; s < 4; s++, i++) {
    const team = teams[s % teams.length]!;
    const app = `store-${s}`;
    controllers.push({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: app, namespace: team },
      spec: { replicas: stsReplicas, serviceName: app, podManagementPolicy: 'Parallel', selector: selectorFor(app), template: podTemplate(app, team, i) },
    });
    controllerPods += stsReplicas;
  }
  // One DaemonSet: a pod per node.
  controllers.push({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'monitoring' },
    spec: { selector: selectorFor('node-agent'), template: podTemplate('node-agent', 'monitoring', i++, { tolerations: [{ operator: 'Exists' }] }) },
  });
  controllerPods += nodes;
  // Jobs that keep running.
  const parallelism = Math.max(2, Math.round(pods / 2000));
  for (let j = 0; j < 3; j++, i++) {
    const team = teams[j % teams.length]!;
    controllers.push({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: `backfill-${j}`, namespace: team },
      spec: { parallelism, completions: parallelism, backoffLimit: 2, template: podTemplate(`backfill-${j}`, team, i, { restartPolicy: 'Never' }, { 'sim.cluster-insight.io/run-seconds': JOB_RUN_SECONDS }) },
    });
    controllerPods += parallelism;
  }
  // CronJobs (yearly, so they never fire during the bench); the first gets a running Job as its child.
  const cronJobs: Obj[] = ['nightly-report', 'weekly-cleanup', 'monthly-billing'].map((name, c) => ({
    apiVersion: opts.cronJobApiVersion,
    kind: 'CronJob',
    metadata: { name, namespace: teams[c % teams.length]! },
    spec: {
      schedule: '0 3 1 1 *',
      successfulJobsHistoryLimit: 2,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: podTemplate(name, teams[c % teams.length]!, i + c, { restartPolicy: 'OnFailure' }, { 'sim.cluster-insight.io/run-seconds': JOB_RUN_SECONDS }) } },
    },
  }));
  i += cronJobs.length;
  controllers.push(...cronJobs);
  const cronJob = cronJobs[0]!;
  const cronJobTemplate = (cronJob.spec as { jobTemplate: { spec: Record<string, unknown> } }).jobTemplate.spec;
  const cronJobChild = {
    cronJob,
    job: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'nightly-report-27000000', namespace: cronJob.metadata.namespace },
      spec: { ...cronJobTemplate, parallelism: 2, completions: 2 },
    } as Obj,
  };
  controllerPods += 2;
  // A ReplicationController.
  const rcReplicas = Math.max(1, Math.round(pods / 1000));
  controllers.push({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'legacy-worker', namespace: teams[0]! },
    spec: { replicas: rcReplicas, selector: { app: 'legacy-worker' }, template: podTemplate('legacy-worker', teams[0]!, i++) },
  });
  controllerPods += rcReplicas;

  // Bare pods for the rest, bound round-robin to the nodes.
  const bare = Math.max(0, pods - controllerPods);
  const barePods: Obj[] = Array.from({ length: bare }, (_, b) => {
    const team = teams[mix(b, 7) % teams.length]!;
    const app = `worker-${mix(b, 8) % 97}`;
    const template = podTemplate(app, team, i + b, { nodeName: opts.nodeNames[b % opts.nodeNames.length]! });
    return { apiVersion: 'v1', kind: 'Pod', metadata: { ...template.metadata, name: `${app}-${b.toString(36).padStart(4, '0')}`, namespace: team }, spec: template.spec };
  });
  return { namespaces, controllers, cronJobChild, barePods, controllerPods, cronJobApiVersion: opts.cronJobApiVersion };
}
