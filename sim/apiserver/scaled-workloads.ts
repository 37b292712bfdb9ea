import type { KubernetesObject } from '@kubernetes/client-node';
import { seedWorkloads, type SeedApiVersions } from '../testcluster/seed-workloads.ts';

type Obj = KubernetesObject & { spec?: Record<string, unknown> };

const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Pods one copy of the seed mix runs, without its DaemonSet (which runs one per node, once per cluster). */
export function podsPerCopy(objects: KubernetesObject[], replicaFactor = 1): number {
  let pods = 0;
  for (const o of objects as Obj[]) {
    if (REPLICATED.has(o.kind!)) pods += Number(o.spec?.replicas ?? 1) * replicaFactor;
    else if (o.kind === 'Job') pods += 1;
    else if (o.kind === 'Pod') pods += 1;
  }
  return pods;
}

function renamespaced(o: Obj, suffix: string, replicaFactor: number): Obj {
  const copy = structuredClone(o) as Obj;
  if (copy.kind === 'Namespace') copy.metadata!.name = `${o.metadata!.name}-${suffix}`;
  else copy.metadata!.namespace = `${o.metadata!.namespace}-${suffix}`;
  if (REPLICATED.has(copy.kind!) && copy.spec) copy.spec.replicas = Number(copy.spec.replicas ?? 1) * replicaFactor;
  return copy;
}

/**
 * The seeded workload mix scaled up to about `pods` pods: the mix itself, then copies of it in namespaces
 * suffixed -2, -3, … (their replica counts multiplied so that a large cluster has hundreds, not thousands,
 * of namespaces). The DaemonSet stays single: it already runs a pod on every node.
 */
export function scaledSeedWorkloads(versions: SeedApiVersions, pods: number, nodes: number): { base: KubernetesObject[]; extra: KubernetesObject[]; expectedPods: number } {
  const base = seedWorkloads(versions);
  const perBase = podsPerCopy(base) + nodes;
  const remaining = Math.max(0, pods - perBase);
  const factor = Math.max(1, Math.floor(pods / 2000));
  const template = base.filter((o) => o.kind !== 'DaemonSet');
  const perCopy = podsPerCopy(template, factor);
  const copies = Math.round(remaining / perCopy);
  const extra: KubernetesObject[] = [];
  for (let i = 0; i < copies; i++) extra.push(...template.map((o) => renamespaced(o as Obj, String(i + 2), factor)));
  return { base, extra, expectedPods: perBase + copies * perCopy };
}
