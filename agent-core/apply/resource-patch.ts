import type { ResourceValues } from '../recommend/container-history.ts';
import { formatCpu, formatMemory } from './resource-quantity.ts';
import { assertPatchable, podSpecPath, type WorkloadTarget } from './workload-target.ts';

export interface ContainerRef {
  name: string;
  /** An init container lives in its own list, merged by name like the others. */
  init?: boolean;
}

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

const quantity = (value: number | null, format: (n: number) => string): string | null => (value === null ? null : format(value));

/** The container's resources as the object holds them now: what a null may remove. */
export interface ExistingResources {
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
}

/**
 * One resource list of the patch. A null is sent only for a key the object has: the API server decodes a null
 * for an absent key as a zero quantity ("0"), which would then fail validation (a request above a limit of 0).
 */
function resourceList(values: { cpu: string | null; memory: string | null }, existing: Record<string, unknown> | undefined): Record<string, Json> {
  const list: Record<string, Json> = {};
  for (const name of ['cpu', 'memory'] as const) {
    const value = values[name];
    if (value !== null || (existing && name in existing)) list[name] = value;
  }
  return list;
}

/**
 * A strategic-merge patch that touches one container's resources and nothing else: containers merge by name, and a
 * null removes a key (a removed limit is gone from the stored object, not left at its old value). The
 * resourceVersion makes the server refuse (409) if the object changed since it was read.
 */
export function buildResourcePatch(
  target: WorkloadTarget,
  container: ContainerRef,
  values: ResourceValues,
  resourceVersion: string,
  existing: ExistingResources = { requests: { cpu: 1, memory: 1 }, limits: { cpu: 1, memory: 1 } },
): Record<string, Json> {
  assertPatchable(target);
  const resources: Record<string, Json> = {};
  const requests = resourceList({ cpu: quantity(values.cpuRequest, formatCpu), memory: quantity(values.memRequest, formatMemory) }, existing.requests);
  const limits = resourceList({ cpu: quantity(values.cpuLimit, formatCpu), memory: quantity(values.memLimit, formatMemory) }, existing.limits);
  if (Object.keys(requests).length) resources.requests = requests;
  if (Object.keys(limits).length) resources.limits = limits;
  let inner: Record<string, Json> = { [container.init ? 'initContainers' : 'containers']: [{ name: container.name, resources }] };
  const path = podSpecPath(target.kind);
  for (let i = path.length - 1; i >= 1; i--) inner = { [path[i]!]: inner };
  return { metadata: { resourceVersion }, [path[0]!]: inner };
}
