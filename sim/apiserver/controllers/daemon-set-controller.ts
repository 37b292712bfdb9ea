import type { Json, KubeObject } from '../kube-object.ts';
import type { StoredObject } from '../object-store.ts';
import { createPod, DAEMONSET, deletePod, isActive, NODE, podAvailable, podFromTemplate, podReady, POD, scaledValue, templateHash, writeStatus, type ControllerContext } from './controller-context.ts';

const REVISION_LABEL = 'controller-revision-hash';

/** The tolerations the DaemonSet controller adds to every daemon pod. */
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function tolerated(tolerations: Json[], taint: Json): boolean {
  return tolerations.some((t) => (t.effect === undefined || t.effect === taint.effect) && (t.operator === 'Exists' ? !t.key || t.key === taint.key : t.key === taint.key && t.value === taint.value));
}

function nodeOf(pod: KubeObject): string | undefined {
  const spec: Json = pod.spec ?? {};
  if (spec.nodeName) return spec.nodeName;
  const term = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0];
  return term?.matchFields?.find((f: Json) => f.key === 'metadata.name')?.values?.[0];
}

/** A DaemonSet: one pod per node whose labels and taints it accepts, pinned by node affinity; rolling updates within maxUnavailable. */
export function syncDaemonSet(ctx: ControllerContext, stored: StoredObject): void {
  const ds = stored.object;
  if (ds.metadata.deletionTimestamp) return;
  const spec: Json = ds.spec;
  const hash = templateHash(spec.template);
  const tolerations = [...(spec.template?.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
  const nodes = ctx.store.list(NODE.storage).map((n) => n.object).filter((n) => {
    const selector: Record<string, string> = spec.template?.spec?.nodeSelector ?? {};
    if (!Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v)) return false;
    return ((n.spec as Json)?.taints ?? []).every((t: Json) => t.effect === 'PreferNoSchedule' || tolerated(tolerations, t));
  });
  const wanted = new Set(nodes.map((n) => n.metadata.name!));
  const pods = ctx.indexes.dependentsOf(ds.metadata.uid!, POD.storage).map((p) => p.object);
  const byNode = new Map<string, KubeObject[]>();
  for (const p of pods) {
    const n = nodeOf(p) ?? '';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  for (const p of pods) if (!p.metadata.deletionTimestamp && (!wanted.has(nodeOf(p) ?? '') || !isActive(p))) deletePod(ctx, p);
  for (const node of wanted) {
    const here = (byNode.get(node) ?? []).filter((p) => !p.metadata.deletionTimestamp && isActive(p));
    if (here.length === 0) {
      createPod(
        ctx,
        podFromTemplate(ds, 'apps/v1', spec.template, {
          labels: { [REVISION_LABEL]: hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
          spec: {
            tolerations,
            affinity: {
              ...(spec.template?.spec?.affinity ?? {}),
              nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } },
            },
          },
        }),
      );
    } else if (here.length > 1) {
      for (const p of here.slice(1)) deletePod(ctx, p);
    }
  }
  // Rolling update: replace old-revision pods, at most maxUnavailable not available at a time.
  if (spec.updateStrategy?.type !== 'OnDelete') {
    const current = ctx.indexes.dependentsOf(ds.metadata.uid!, POD.storage).map((p) => p.object);
    const maxUnavailable = Math.max(1, scaledValue(spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, wanted.size, true));
    let unavailable = [...wanted].filter((n) => !current.some((p) => nodeOf(p) === n && podAvailable(p, spec.minReadySeconds ?? 0) && !p.metadata.deletionTimestamp)).length;
    for (const p of current) {
      if (unavailable >= maxUnavailable) break;
      if (p.metadata.deletionTimestamp || p.metadata.labels?.[REVISION_LABEL] === hash) continue;
      deletePod(ctx, p);
      unavailable++;
    }
  }
  const now = ctx.indexes.dependentsOf(ds.metadata.uid!, POD.storage).map((p) => p.object).filter((p) => !p.metadata.deletionTimestamp);
  const scheduled = now.filter((p) => (p.spec as Json)?.nodeName && wanted.has(nodeOf(p)!));
  const available = scheduled.filter((p) => podAvailable(p, spec.minReadySeconds ?? 0)).length;
  const status: Json = {
    currentNumberScheduled: scheduled.length,
    numberMisscheduled: now.filter((p) => !wanted.has(nodeOf(p) ?? '')).length,
    desiredNumberScheduled: wanted.size,
    numberReady: scheduled.filter(podReady).length,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.[REVISION_LABEL] === hash).length,
    numberAvailable: available,
    numberUnavailable: Math.max(0, wanted.size - available),
  };
  for (const k of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']) if (status[k] === 0) delete status[k];
  writeStatus(ctx, DAEMONSET, stored, status);
}
