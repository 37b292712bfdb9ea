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

/**
 * A strategic-merge patch that touches one container's resources and nothing else: containers merge by name, and a
 * null removes a key (a removed limit is gone from the stored object, not left at its old value). The
 * resourceVersion makes the server refuse (409) if the object changed since it was read.
 */
export function buildResourcePatch(target: WorkloadTarget, container: ContainerRef, values: ResourceValues, resourceVersion: string): Record<string, Json> {
  assertPatchable(target);
  const resources = {
    requests: { cpu: quantity(values.cpuRequest, formatCpu), memory: quantity(values.memRequest, formatMemory) },
    limits: { cpu: quantity(values.cpuLimit, formatCpu), memory: quantity(values.memLimit, formatMemory) },
  };
  let inner: Record<string, Json> = { [container.init ? 'initContainers' : 'containers']: [{ name: container.name, resources }] };
  const path = podSpecPath(target.kind);
  for (let i = path.length - 1; i >= 1; i--) inner = { [path[i]!]: inner };
  return { metadata: { resourceVersion }, [path[0]!]: inner };
}
