import { isRecord, type ContainerSpec, type ContainerStatus, type KubeObject, type PodSpec, type PodStatus } from './kube-object.ts';
import {
  containerKey,
  LIMIT_RANGER_ANNOTATION,
  parseLimitRangerAnnotation,
  podContainerResources,
  templateContainerResources,
  type ContainerDefaults,
  type ResourceValues,
} from './limit-range-defaults.ts';
import { qosClass, type QosClass } from './qos.ts';

export interface ContainerView {
  name: string;
  image?: string;
  init: boolean;
  requests: ResourceValues;
  limits: ResourceValues;
  /** Pods only: the kubelet's restart count. */
  restarts?: number;
  /** Pods only: why the container last terminated (OOMKilled, Error, Completed…). */
  lastTerminationReason?: string;
  lastTerminatedAt?: string;
}

/** The pod spec a controller stamps pods from (a CronJob's sits one level deeper, in its Job template). */
export function podTemplateSpec(object: KubeObject): PodSpec | undefined {
  const spec = object.spec;
  if (!isRecord(spec)) return undefined;
  const template = object.kind === 'CronJob' && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template;
  return isRecord(template) && isRecord(template.spec) ? (template.spec as PodSpec) : undefined;
}

function containersOf(spec: PodSpec): { container: ContainerSpec; init: boolean }[] {
  return [
    ...(spec.initContainers ?? []).map((container) => ({ container, init: true })),
    ...(spec.containers ?? []).map((container) => ({ container, init: false })),
  ];
}

function values(list: ResourceValues): Record<string, string> {
  return Object.fromEntries(Object.entries(list).map(([name, v]) => [name, v.value]));
}

export function qosOfViews(views: ContainerView[]): QosClass {
  return qosClass(views.map((v) => ({ requests: values(v.requests), limits: values(v.limits) })));
}

/** A controller's template containers with what their pods will get, LimitRange defaults filled in and marked. */
export function templateContainerViews(spec: PodSpec, defaults: ContainerDefaults): ContainerView[] {
  return containersOf(spec).map(({ container, init }) => ({
    name: container.name,
    ...(container.image ? { image: container.image } : {}),
    init,
    ...templateContainerResources(container, defaults),
  }));
}

function lastTermination(status: ContainerStatus | undefined): { lastTerminationReason?: string; lastTerminatedAt?: string } {
  const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
  return {
    ...(terminated?.reason ? { lastTerminationReason: terminated.reason } : {}),
    ...(terminated?.finishedAt ? { lastTerminatedAt: terminated.finishedAt } : {}),
  };
}

/** A pod's containers as admitted, LimitRange-supplied values marked, with restarts and the last termination reason. */
export function podContainerViews(pod: KubeObject, template: PodSpec | undefined, defaults: ContainerDefaults): ContainerView[] {
  const spec = (isRecord(pod.spec) ? pod.spec : {}) as PodSpec;
  const status = (isRecord(pod.status) ? pod.status : {}) as PodStatus;
  const annotated = parseLimitRangerAnnotation(pod.metadata?.annotations?.[LIMIT_RANGER_ANNOTATION]);
  const statuses = new Map<string, ContainerStatus>([
    ...(status.initContainerStatuses ?? []).map((s) => [containerKey(s.name, true), s] as const),
    ...(status.containerStatuses ?? []).map((s) => [containerKey(s.name, false), s] as const),
  ]);
  const templateContainers = new Map(template ? containersOf(template).map(({ container, init }) => [containerKey(container.name, init), container]) : []);
  return containersOf(spec).map(({ container, init }) => {
    const key = containerKey(container.name, init);
    const containerStatus = statuses.get(key);
    return {
      name: container.name,
      ...(container.image ? { image: container.image } : {}),
      init,
      ...podContainerResources(container, { annotated: annotated.get(key), template: templateContainers.get(key), defaults }),
      restarts: containerStatus?.restartCount ?? 0,
      ...lastTermination(containerStatus),
    };
  });
}
