import { clone, jsonEqual, timestamp, type Json } from '../kube-object.ts';
import { resourceType } from '../resource-types.ts';
import { labelSelectorMatcher } from '../selectors.ts';
import { NAMESPACE, NODE, POD, podReady, scaledValue, writeStatus, type ControllerContext } from './controller-context.ts';

const SERVICE_ACCOUNT = resourceType('', 'v1', 'serviceaccounts')!;
const LEASE = resourceType('coordination.k8s.io', 'v1', 'leases')!;
const PDB = resourceType('policy', 'v1beta1', 'poddisruptionbudgets')!;
const HPA = resourceType('autoscaling', 'v1', 'horizontalpodautoscalers')!;

/** Every namespace gets its `default` ServiceAccount (the service account controller). */
export function ensureServiceAccounts(ctx: ControllerContext): void {
  for (const ns of ctx.store.list(NAMESPACE.storage)) {
    const name = ns.object.metadata.name!;
    if (ns.object.metadata.deletionTimestamp || ctx.store.get(SERVICE_ACCOUNT.storage, name, 'default')) continue;
    try {
      ctx.ops.create(SERVICE_ACCOUNT, name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
    } catch {
      // created meanwhile
    }
  }
}

const NODE_GRACE_MS = 40_000;

/**
 * The node lifecycle controller: a node whose kubelet has posted neither status nor lease for 40 s turns
 * Ready=Unknown and is tainted unreachable, as the real one does.
 */
export function watchNodeHealth(ctx: ControllerContext, now = Date.now()): void {
  for (const stored of ctx.store.list(NODE.storage)) {
    const node = stored.object;
    const status: Json = node.status ?? {};
    const ready = (status.conditions ?? []).find((c: Json) => c.type === 'Ready');
    if (!ready || ready.status === 'Unknown') continue;
    const lease = ctx.store.get(LEASE.storage, 'kube-node-lease', node.metadata.name!);
    const heard = Math.max(
      Date.parse(ready.lastHeartbeatTime ?? '') || 0,
      Date.parse((lease?.object.spec as Json)?.renewTime ?? '') || 0,
      Date.parse(node.metadata.creationTimestamp ?? '') || 0,
    );
    if (now - heard < NODE_GRACE_MS) continue;
    const next = clone(node);
    const st: Json = next.status;
    const at = timestamp(now);
    st.conditions = (st.conditions as Json[]).map((c) =>
      ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(c.type)
        ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: at }
        : c,
    );
    const taints: Json[] = ((next.spec as Json).taints ?? []).filter((t: Json) => t.key !== 'node.kubernetes.io/unreachable');
    taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: at }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at });
    next.spec = { ...(next.spec ?? {}), taints };
    ctx.store.update(NODE.storage, NODE.group, NODE.resource, next);
  }
  // A Ready node whose unreachable taint is stale (the kubelet came back) loses it.
  for (const stored of ctx.store.list(NODE.storage)) {
    const node = stored.object;
    const ready = ((node.status as Json)?.conditions ?? []).find((c: Json) => c.type === 'Ready');
    const taints: Json[] = (node.spec as Json)?.taints ?? [];
    if (ready?.status !== 'True' || !taints.some((t) => t.key === 'node.kubernetes.io/unreachable')) continue;
    const next = clone(node);
    (next.spec as Json).taints = taints.filter((t) => t.key !== 'node.kubernetes.io/unreachable');
    if ((next.spec as Json).taints.length === 0) delete (next.spec as Json).taints;
    if (!jsonEqual(next, node)) ctx.store.update(NODE.storage, NODE.group, NODE.resource, next);
  }
}

/** PodDisruptionBudget status from the pods its selector matches (the disruption controller). */
export function updateDisruptionBudgets(ctx: ControllerContext): void {
  for (const stored of ctx.store.list(PDB.storage)) {
    const pdb = stored.object;
    const spec: Json = pdb.spec ?? {};
    const matches = labelSelectorMatcher(spec.selector ?? {});
    const pods = ctx.store.list(POD.storage, pdb.metadata.namespace).map((p) => p.object).filter((p) => !p.metadata.deletionTimestamp && matches(p.metadata.labels));
    const expected = pods.length;
    const healthy = pods.filter(podReady).length;
    const desired = spec.minAvailable !== undefined ? scaledValue(spec.minAvailable, expected, true) : Math.max(0, expected - scaledValue(spec.maxUnavailable ?? 0, expected, true));
    writeStatus(ctx, PDB, stored, {
      observedGeneration: pdb.metadata.generation,
      disruptionsAllowed: Math.max(0, healthy - desired),
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      ...((pdb.status as Json)?.disruptedPods && { disruptedPods: (pdb.status as Json).disruptedPods }),
    });
  }
}

/** HorizontalPodAutoscalers without a metrics API: they follow their target's replicas and never scale. */
export function updateAutoscalers(ctx: ControllerContext): void {
  for (const stored of ctx.store.list(HPA.storage)) {
    const hpa = stored.object;
    const ref: Json = (hpa.spec as Json)?.scaleTargetRef ?? {};
    const targetType = ref.kind === 'Deployment' ? 'apps/deployments' : ref.kind === 'StatefulSet' ? 'apps/statefulsets' : ref.kind === 'ReplicaSet' ? 'apps/replicasets' : '/replicationcontrollers';
    const target = ctx.store.get(targetType, hpa.metadata.namespace!, ref.name);
    const replicas = ((target?.object.status as Json)?.replicas ?? 0) as number;
    const prev: Json = hpa.status ?? {};
    writeStatus(ctx, HPA, stored, { ...prev, currentReplicas: replicas, desiredReplicas: prev.desiredReplicas ?? replicas });
  }
}
