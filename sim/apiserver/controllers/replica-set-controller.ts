import type { Json, KubeObject } from '../kube-object.ts';
import type { StoredObject } from '../object-store.ts';
import { apiVersionOf, type ResourceType } from '../resource-types.ts';
import { createPod, deletePod, isActive, podAvailable, podFromTemplate, podReady, POD, RC, REPLICASET, writeStatus, type ControllerContext } from './controller-context.ts';

/** Burst of pod creations per sync, as the real controller's slow start caps them. */
const MAX_BURST = 500;

/** Deletion preference: unscheduled, then not running, then not ready, then the newest. */
function deletionRank(pod: KubeObject): number[] {
  const st: Json = pod.status ?? {};
  return [
    (pod.spec as Json)?.nodeName ? 1 : 0,
    st.phase === 'Running' ? 1 : 0,
    podReady(pod) ? 1 : 0,
    -Date.parse(pod.metadata.creationTimestamp ?? '0'),
  ];
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** ReplicaSets and ReplicationControllers: keep spec.replicas active pods, report what they are. */
export function syncReplicaSet(ctx: ControllerContext, t: ResourceType, stored: StoredObject): void {
  const rs = stored.object;
  if (rs.metadata.deletionTimestamp) return;
  const spec: Json = rs.spec ?? {};
  const pods = ctx.indexes.dependentsOf(rs.metadata.uid!, POD.storage).map((p) => p.object);
  const active = pods.filter(isActive);
  const want: number = spec.replicas ?? 1;
  if (active.length < want) {
    const n = Math.min(want - active.length, MAX_BURST);
    for (let i = 0; i < n; i++) createPod(ctx, podFromTemplate(rs, apiVersionOf(t), spec.template));
  } else if (active.length > want) {
    const victims = [...active].sort((a, b) => compareRank(deletionRank(a), deletionRank(b))).slice(0, active.length - want);
    for (const p of victims) deletePod(ctx, p);
  }
  const now = ctx.indexes.dependentsOf(rs.metadata.uid!, POD.storage).map((p) => p.object).filter(isActive);
  const minReady = spec.minReadySeconds ?? 0;
  const status: Json = {
    replicas: now.length,
    fullyLabeledReplicas: now.length,
    readyReplicas: now.filter(podReady).length,
    availableReplicas: now.filter((p) => podAvailable(p, minReady)).length,
    observedGeneration: rs.metadata.generation,
  };
  for (const k of ['readyReplicas', 'availableReplicas', 'fullyLabeledReplicas']) if (status[k] === 0) delete status[k];
  writeStatus(ctx, t, stored, status);
}

export const REPLICA_TYPES = [REPLICASET, RC];
