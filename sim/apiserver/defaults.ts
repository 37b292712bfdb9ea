import type { Json, KubeObject } from './kube-object.ts';
import { omitEmpty } from './omit-empty.ts';
import { canonicalizeQuantities } from './quantity-format.ts';

/** The defaults kube-apiserver 1.20 fills into a pod spec (pods and pod templates alike). */
export function defaultPodSpec(spec: Json, isPod: boolean): void {
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  if (isPod) {
    spec.enableServiceLinks ??= true;
    spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
    spec.serviceAccount ??= spec.serviceAccountName;
    spec.priority ??= 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
    const tolerations: Json[] = (spec.tolerations ??= []);
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      if (!tolerations.some((t) => t.key === key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(c);
}

function defaultContainer(c: Json): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (c.imagePullPolicy === undefined) {
    const image = String(c.image ?? '');
    const tag = image.includes('@') ? 'digest' : /:([^/:]+)$/.exec(image)?.[1];
    c.imagePullPolicy = tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  c.resources ??= {};
  // Limits without requests: the requests default to the limits.
  if (c.resources.limits) {
    c.resources.requests ??= {};
    for (const [r, v] of Object.entries(c.resources.limits)) c.resources.requests[r] ??= v;
  }
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
  }
}

function defaultTemplate(template: Json): void {
  if (!template) return;
  template.metadata ??= {};
  template.metadata.creationTimestamp ??= null;
  defaultPodSpec(template.spec, false);
}

/** Per-kind defaults applied on create and update, as the real server's defaulting functions do. */
export function applyDefaults(obj: KubeObject): void {
  const spec: Json = obj.spec;
  switch (obj.kind) {
    case 'Pod':
      defaultPodSpec(spec, true);
      break;
    case 'Deployment':
      spec.replicas ??= 1;
      spec.strategy ??= { type: 'RollingUpdate' };
      if (spec.strategy.type === undefined) spec.strategy.type = 'RollingUpdate';
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      defaultTemplate(spec.template);
      break;
    case 'ReplicaSet':
      spec.replicas ??= 1;
      defaultTemplate(spec.template);
      break;
    case 'ReplicationController':
      spec.replicas ??= 1;
      if (spec.template?.metadata?.labels) {
        spec.selector ??= { ...spec.template.metadata.labels };
        obj.metadata.labels ??= { ...spec.template.metadata.labels };
      }
      defaultTemplate(spec.template);
      break;
    case 'StatefulSet':
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate ??= { partition: 0 };
      spec.revisionHistoryLimit ??= 10;
      defaultTemplate(spec.template);
      break;
    case 'DaemonSet':
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate ??= { maxUnavailable: 1 };
      spec.revisionHistoryLimit ??= 10;
      defaultTemplate(spec.template);
      break;
    case 'Job':
      defaultJob(obj);
      break;
    case 'CronJob':
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      spec.jobTemplate ??= {};
      spec.jobTemplate.metadata ??= { creationTimestamp: null };
      if (spec.jobTemplate.spec) defaultTemplate(spec.jobTemplate.spec.template);
      break;
    case 'Namespace':
      obj.spec ??= {};
      obj.spec.finalizers ??= ['kubernetes'];
      break;
    case 'LimitRange':
      for (const limit of spec?.limits ?? []) {
        // As the real defaulting does: default from max, defaultRequest from default.
        if (limit.type !== 'Container') continue;
        if (limit.max) {
          limit.default ??= {};
          for (const [r, v] of Object.entries(limit.max)) limit.default[r] ??= v;
        }
        if (limit.default) {
          limit.defaultRequest ??= {};
          for (const [r, v] of Object.entries(limit.default)) limit.defaultRequest[r] ??= v;
        }
      }
      break;
    case 'HorizontalPodAutoscaler':
      spec.minReplicas ??= 1;
      break;
  }
  // Quantities are stored in their canonical form ("1024Mi" reads back as "1Gi").
  canonicalizeQuantities(obj.spec, 'spec');
  if (obj.kind === 'Node') canonicalizeQuantities(obj.status, 'status');
  omitEmpty(obj.spec);
  omitEmpty(obj.metadata);
}

function defaultJob(obj: KubeObject): void {
  const spec: Json = obj.spec;
  spec.parallelism ??= 1;
  spec.completions ??= spec.parallelism === 1 ? 1 : undefined;
  if (spec.completions === undefined) delete spec.completions;
  spec.backoffLimit ??= 6;
  const uid = obj.metadata.uid!;
  if (spec.manualSelector !== true && spec.selector === undefined) {
    spec.selector = { matchLabels: { 'controller-uid': uid } };
    spec.template.metadata ??= {};
    spec.template.metadata.labels = { ...(spec.template.metadata.labels ?? {}), 'controller-uid': uid, 'job-name': obj.metadata.name! };
  }
  defaultTemplate(spec.template);
}

/** A pod's QoS class from its containers' requests and limits. */
export function qosClass(spec: Json): string {
  const containers: Json[] = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Kinds whose metadata.generation follows their spec. */
export const GENERATION_KINDS = new Set([
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodDisruptionBudget', 'HorizontalPodAutoscaler',
]);
