import { isRecord, type ContainerSpec, type KubeObject, type LimitRangeItem, type ResourceList } from './kube-object.ts';
import { sameQuantity } from '../contract/quantity.ts';

export type ResourceSource = 'spec' | 'limitrange-default';

export interface ResourceValue {
  value: string;
  /** 'limitrange-default': the namespace's LimitRange supplied it, not the workload's own spec. */
  source: ResourceSource;
}

export type ResourceValues = Record<string, ResourceValue>;

export interface ContainerDefaults {
  requests: ResourceList;
  limits: ResourceList;
}

export const NO_DEFAULTS: ContainerDefaults = { requests: {}, limits: {} };

/** The annotation LimitRanger admission writes on a pod whose containers it filled in. */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

/**
 * The Container defaults of a namespace's LimitRanges (`default` for limits, `defaultRequest` for requests). With more
 * than one LimitRange the first to name a resource wins, taken in name order so the answer does not depend on arrival.
 */
export function containerDefaults(limitRanges: KubeObject[]): ContainerDefaults {
  const defaults: ContainerDefaults = { requests: {}, limits: {} };
  const byName = [...limitRanges].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const limitRange of byName) {
    const items = isRecord(limitRange.spec) && Array.isArray(limitRange.spec.limits) ? (limitRange.spec.limits as LimitRangeItem[]) : [];
    for (const item of items.filter((i) => i.type === 'Container')) {
      for (const [name, value] of Object.entries(item.default ?? {})) defaults.limits[name] ??= value;
      for (const [name, value] of Object.entries(item.defaultRequest ?? {})) defaults.requests[name] ??= value;
    }
  }
  return defaults;
}

const fromSpec = (list: ResourceList | undefined): ResourceValues =>
  Object.fromEntries(Object.entries(list ?? {}).map(([name, value]) => [name, { value, source: 'spec' as const }]));

/**
 * What a pod created from this template container will get: its own requests and limits, a request defaulted to its
 * limit (API defaulting, which runs before admission), then LimitRanger's defaults for whatever is still missing.
 */
export function templateContainerResources(container: ContainerSpec, defaults: ContainerDefaults): { requests: ResourceValues; limits: ResourceValues } {
  const limits = fromSpec(container.resources?.limits);
  const requests = fromSpec(container.resources?.requests);
  for (const [name, limit] of Object.entries(limits)) requests[name] ??= { value: limit.value, source: 'spec' };
  for (const [name, value] of Object.entries(defaults.limits)) limits[name] ??= { value, source: 'limitrange-default' };
  for (const [name, value] of Object.entries(defaults.requests)) requests[name] ??= { value, source: 'limitrange-default' };
  return { requests, limits };
}

/** "LimitRanger plugin set: cpu, memory request for container web; cpu limit for init container setup" → per container. */
export function parseLimitRangerAnnotation(text: string | undefined): Map<string, { requests: Set<string>; limits: Set<string> }> {
  const byContainer = new Map<string, { requests: Set<string>; limits: Set<string> }>();
  if (!text) return byContainer;
  const body = text.replace(/^.*?plugin set:\s*/, '');
  for (const part of body.split(';')) {
    const match = /^\s*(.+?)\s+(request|limit) for (init container|container) (\S+)\s*$/.exec(part);
    if (!match) continue;
    const [, names, which, role, container] = match;
    const key = containerKey(container!, role === 'init container');
    const entry = byContainer.get(key) ?? { requests: new Set<string>(), limits: new Set<string>() };
    for (const name of names!.split(',')) (which === 'request' ? entry.requests : entry.limits).add(name.trim());
    byContainer.set(key, entry);
  }
  return byContainer;
}

export const containerKey = (name: string, init: boolean) => `${init ? 'init:' : ''}${name}`;

export interface PodContainerEvidence {
  /** What LimitRanger's annotation on the pod says it set for this container. */
  annotated?: { requests: Set<string>; limits: Set<string> };
  /** The same container in the pod's controller's template, when the controller is known. */
  template?: ContainerSpec;
  defaults: ContainerDefaults;
}

function markList(values: ResourceValues, annotated: Set<string> | undefined, templateHas: (name: string) => boolean, defaults: ResourceList, hasTemplate: boolean): void {
  for (const [name, entry] of Object.entries(values)) {
    const viaAnnotation = annotated?.has(name) ?? false;
    const viaTemplate = hasTemplate && !templateHas(name) && defaults[name] !== undefined && sameQuantity(defaults[name]!, entry.value);
    if (viaAnnotation || viaTemplate) values[name] = { ...entry, source: 'limitrange-default' };
  }
}

/**
 * A running pod's requests and limits as they are (LimitRanger already wrote its defaults into the pod at admission),
 * each marked 'limitrange-default' when LimitRanger put it there: its annotation says so, or the controller's template
 * lacks the value and it equals the namespace's default.
 */
export function podContainerResources(container: ContainerSpec, evidence: PodContainerEvidence): { requests: ResourceValues; limits: ResourceValues } {
  const requests = fromSpec(container.resources?.requests);
  const limits = fromSpec(container.resources?.limits);
  const template = evidence.template;
  const templateRequest = (name: string) => template?.resources?.requests?.[name] !== undefined || template?.resources?.limits?.[name] !== undefined;
  const templateLimit = (name: string) => template?.resources?.limits?.[name] !== undefined;
  markList(requests, evidence.annotated?.requests, templateRequest, evidence.defaults.requests, template !== undefined);
  markList(limits, evidence.annotated?.limits, templateLimit, evidence.defaults.limits, template !== undefined);
  return { requests, limits };
}
