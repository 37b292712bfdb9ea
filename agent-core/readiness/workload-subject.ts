import type { ContainerView } from '../inventory/container-views.ts';
import type { InventoryEntity } from '../inventory/inventory-model.ts';
import { isRecord, type ContainerSpec, type PodSpec } from '../inventory/kube-object.ts';

export interface SubjectContainer {
  spec: ContainerSpec;
  /** The inventory's view: requests and limits with LimitRange defaults filled in and marked. */
  view?: ContainerView;
  init: boolean;
}

/** What the checks look at: the pod spec a workload's pods get (a bare pod's own), its labels and its containers. */
export interface WorkloadSubject {
  entity: InventoryEntity;
  podSpec: PodSpec;
  podLabels: Record<string, string>;
  containers: SubjectContainer[];
}

const BATCH_KINDS = new Set(['Job', 'CronJob']);
const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Jobs and CronJobs run to completion: serving probes mean nothing to them. */
export const isBatch = (subject: WorkloadSubject) => BATCH_KINDS.has(subject.entity.kind);

/** Kinds with a replica count, which PodDisruptionBudgets and HPAs are for. */
export const isReplicated = (subject: WorkloadSubject) => REPLICATED_KINDS.has(subject.entity.kind);

/** The pod template of a controller (a CronJob's sits in its Job template), or for a pod the pod itself. */
function podTemplateOf(entity: InventoryEntity): { metadata?: unknown; spec?: unknown } | undefined {
  const { object } = entity;
  if (entity.kind === 'Pod') return { metadata: object.metadata, spec: object.spec };
  const spec = object.spec;
  if (!isRecord(spec)) return undefined;
  const template = entity.kind === 'CronJob' && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template;
  return isRecord(template) ? template : undefined;
}

const stringRecord = (value: unknown): Record<string, string> => (isRecord(value) ? (value as Record<string, string>) : {});

/** The subject of the checks for a workload entity; undefined for an entity without pods or a pod template. */
export function workloadSubject(entity: InventoryEntity): WorkloadSubject | undefined {
  const template = podTemplateOf(entity);
  if (!template || !isRecord(template.spec)) return undefined;
  const podSpec = template.spec as PodSpec;
  // A handful of containers: a scan is cheaper than a map per workload.
  const viewOf = (spec: ContainerSpec, init: boolean) => entity.containers.find((view) => view.init === init && view.name === spec.name);
  const containers: SubjectContainer[] = [
    ...(podSpec.initContainers ?? []).map((spec) => ({ spec, init: true, view: viewOf(spec, true) })),
    ...(podSpec.containers ?? []).map((spec) => ({ spec, init: false, view: viewOf(spec, false) })),
  ];
  const podLabels = isRecord(template.metadata) ? stringRecord(template.metadata.labels) : {};
  return { entity, podSpec, podLabels, containers };
}
