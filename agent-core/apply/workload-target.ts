import type { InventoryEntity } from '../inventory/inventory-model.ts';
import { KIND_INFO, isWatchedKind } from '../inventory/watched-kinds.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';

/** The controller a change is applied to: what the inventory knows of it (apiVersion as the server serves the kind). */
export type WorkloadTarget = Pick<InventoryEntity, 'uuid' | 'kind' | 'apiVersion' | 'name'> & { namespace: string };

/** Where the pod template's containers sit in each patchable kind. */
export function podSpecPath(kind: string): string[] {
  return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
}

/** Refuses kinds whose pods' resources cannot be changed through their controller, saying why. */
export function assertPatchable(target: Pick<WorkloadTarget, 'kind' | 'namespace' | 'name'>): void {
  const what = `${target.kind} ${target.namespace}/${target.name}`;
  if (target.kind === 'Pod') {
    throw new UserFacingError('not-patchable', `${what} is a bare pod: a running pod's resources cannot be changed (Kubernetes 1.20 has no in-place resize). Recreate it with the new values, or run it under a Deployment.`);
  }
  if (target.kind === 'Job') {
    throw new UserFacingError('not-patchable', `${what} is a Job: its pod template is immutable once created. Change the CronJob or whatever creates it, or recreate the Job with the new values.`);
  }
  if (!isWatchedKind(target.kind) || !KIND_INFO[target.kind].patchable) {
    throw new UserFacingError('not-patchable', `${what}: resources are applied through a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or CronJob, not a ${target.kind}.`);
  }
}

/** The object's URL from its served apiVersion and the canonical lowercase plural (never a guessed plural). */
export function objectPath(target: WorkloadTarget): string {
  assertPatchable(target);
  const info = KIND_INFO[target.kind];
  const base = target.apiVersion.includes('/') ? `/apis/${target.apiVersion}` : `/api/${target.apiVersion}`;
  return `${base}/namespaces/${encodeURIComponent(target.namespace)}/${info.resource}/${encodeURIComponent(target.name)}`;
}
