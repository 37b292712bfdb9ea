import type { Json, KubeObject } from '../kube-object.ts';
import type { StoredObject } from '../object-store.ts';
import { createPod, deletePod, isActive, podFromTemplate, podReady, POD, STATEFULSET, templateHash, writeStatus, type ControllerContext } from './controller-context.ts';

const REVISION_LABEL = 'controller-revision-hash';

function ordinal(sts: KubeObject, pod: KubeObject): number {
  const m = new RegExp(`^${sts.metadata.name!.replace(/[.]/g, '\\.')}-(\\d+)$`).exec(pod.metadata.name!);
  return m ? Number(m[1]) : -1;
}

/**
 * A StatefulSet: pods NAME-0 … NAME-(n-1), created in order (each once the ones before are Running and
 * Ready, for OrderedReady), removed from the highest ordinal, and updated from the highest ordinal one at
 * a time (RollingUpdate) with currentRevision following updateRevision once all are updated.
 */
export function syncStatefulSet(ctx: ControllerContext, stored: StoredObject): void {
  const sts = stored.object;
  if (sts.metadata.deletionTimestamp) return;
  const spec: Json = sts.spec;
  const replicas: number = spec.replicas ?? 1;
  const updateRevision = `${sts.metadata.name}-${templateHash(spec.template)}`;
  const pods = ctx.indexes.dependentsOf(sts.metadata.uid!, POD.storage).map((p) => p.object);
  const byOrdinal = new Map(pods.map((p) => [ordinal(sts, p), p]));
  const parallel = spec.podManagementPolicy === 'Parallel';
  const revisionOf = (p: KubeObject) => p.metadata.labels?.[REVISION_LABEL];
  const healthy = (p: KubeObject | undefined) => !!p && isActive(p) && (p.status as Json)?.phase === 'Running' && podReady(p);

  // Pods that ended (Failed/Succeeded) are replaced.
  for (const p of pods) if (!p.metadata.deletionTimestamp && !isActive(p)) deletePod(ctx, p);

  let blocked = false;
  for (let i = 0; i < replicas; i++) {
    const p = byOrdinal.get(i);
    if (!p) {
      if (blocked) break;
      const name = `${sts.metadata.name}-${i}`;
      createPod(
        ctx,
        podFromTemplate(sts, 'apps/v1', spec.template, {
          name,
          labels: { [REVISION_LABEL]: updateRevision, 'statefulset.kubernetes.io/pod-name': name },
          spec: { hostname: name, ...(spec.serviceName && { subdomain: spec.serviceName }) },
        }),
      );
      if (!parallel) blocked = true;
      continue;
    }
    if (!parallel && !healthy(p)) blocked = true;
  }
  // Scale down from the highest ordinal, one at a time unless Parallel.
  const extra = pods.filter((p) => ordinal(sts, p) >= replicas && !p.metadata.deletionTimestamp).sort((a, b) => ordinal(sts, b) - ordinal(sts, a));
  for (const p of parallel ? extra : extra.slice(0, 1)) deletePod(ctx, p);

  // Rolling update: the highest ordinal still at an old revision, once every other pod is healthy.
  if (spec.updateStrategy?.type !== 'OnDelete' && extra.length === 0) {
    const partition: number = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    const inRange = [...byOrdinal.entries()].filter(([i]) => i >= 0 && i < replicas);
    const allHealthy = inRange.length === replicas && inRange.every(([, p]) => healthy(p));
    const outdated = inRange.filter(([i, p]) => i >= partition && revisionOf(p) !== updateRevision).sort(([a], [b]) => b - a);
    if (allHealthy && outdated.length > 0 && !outdated.some(([, p]) => p.metadata.deletionTimestamp)) deletePod(ctx, outdated[0]![1]);
  }

  const now = ctx.indexes.dependentsOf(sts.metadata.uid!, POD.storage).map((p) => p.object).filter((p) => ordinal(sts, p) >= 0);
  const prev: Json = sts.status ?? {};
  const updated = now.filter((p) => revisionOf(p) === updateRevision).length;
  let currentRevision: string = prev.currentRevision ?? updateRevision;
  if (updated === replicas && now.length === replicas) currentRevision = updateRevision;
  const current = now.filter((p) => revisionOf(p) === currentRevision).length;
  const status: Json = {
    observedGeneration: sts.metadata.generation,
    replicas: now.length,
    readyReplicas: now.filter(podReady).length,
    currentReplicas: current,
    updatedReplicas: updated,
    currentRevision,
    updateRevision,
    collisionCount: 0,
  };
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (status[k] === 0) delete status[k];
  writeStatus(ctx, STATEFULSET, stored, status);
}
