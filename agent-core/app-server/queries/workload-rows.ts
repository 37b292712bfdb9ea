import type { WorkloadRow } from '../../contract/app-contract.ts';
import type { InventoryEntity } from '../../inventory/index.ts';
import { podResources } from '../../inventory/container-resources.ts';
import type { WorkloadUsage } from './usage-summary.ts';
import { replicaCounts, type WorkloadIndex } from './workload-index.ts';

function restartsOf(pods: InventoryEntity[]): { restarts: number; oomTerminations: number } {
  let restarts = 0;
  let oomTerminations = 0;
  for (const pod of pods) {
    for (const container of pod.containers) {
      restarts += container.restarts ?? 0;
      if (container.lastTerminationReason === 'OOMKilled') oomTerminations++;
    }
  }
  return { restarts, oomTerminations };
}

/** What the table marks each workload with: its most pressing recommendation and its failed readiness checks. */
export interface WorkloadBadges {
  recommendation: Map<string, WorkloadRow['recommendation'] & string>;
  readiness: Map<string, NonNullable<WorkloadRow['readiness']>>;
}

export const NO_BADGES: WorkloadBadges = { recommendation: new Map(), readiness: new Map() };

export function workloadRow(workload: InventoryEntity, index: WorkloadIndex, usage: Map<string, WorkloadUsage>, badges: WorkloadBadges = NO_BADGES): WorkloadRow {
  const pods = index.podsOf.get(workload.uid) ?? [];
  const used = usage.get(workload.uid);
  const { restarts, oomTerminations } = restartsOf(pods);
  return {
    uid: workload.uid,
    namespace: workload.namespace ?? '',
    kind: workload.kind,
    name: workload.name,
    ...replicaCounts(workload, pods),
    ...podResources(workload.containers),
    cpuP95: used?.cpuP95 ?? null,
    memP95: used?.memP95 ?? null,
    throttled: used?.throttled ?? null,
    restarts,
    // The store's events cover the range; a pod's last termination covers what happened before collection began.
    ooms: Math.max(used?.ooms ?? 0, oomTerminations),
    recommendation: badges.recommendation.get(workload.uid) ?? null,
    readiness: badges.readiness.get(workload.uid) ?? null,
  };
}

export function workloadRows(index: WorkloadIndex, usage: Map<string, WorkloadUsage>, badges: WorkloadBadges = NO_BADGES): WorkloadRow[] {
  return index.workloads
    .map((w) => workloadRow(w, index, usage, badges))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
