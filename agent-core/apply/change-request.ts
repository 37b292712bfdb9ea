import type { ResourceValues } from '../recommend/container-history.ts';
import type { ContainerRef } from './resource-patch.ts';
import type { WorkloadTarget } from './workload-target.ts';

/** A recommendation to apply (or its undo: the same with current and proposed swapped). */
export interface ChangeRequest {
  recommendationId: string;
  target: WorkloadTarget;
  container: ContainerRef;
  /** The values the container has now, as the recommendation saw them (recorded in the audit). */
  current: ResourceValues;
  proposed: ResourceValues;
  /** This puts back what an earlier apply of the recommendation replaced. */
  undo?: boolean;
}

export function undoOf(request: ChangeRequest): ChangeRequest {
  return { ...request, current: request.proposed, proposed: request.current, undo: !request.undo };
}

export function containerId(request: ChangeRequest): string {
  const { target, container } = request;
  return `${target.namespace}/${target.kind}/${target.name}/${container.name}`;
}
