import type { WorkloadRow } from '../../contract/app-contract.ts';
import type { InventoryEntity } from '../../inventory/index.ts';
import { podResources } from './resource-sums.ts';
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

export function workloadRow(workload: InventoryEntity, index: WorkloadIndex, usage: Map<string, WorkloadUsage>): WorkloadRow {
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
  };
}

export function workloadRows(index: WorkloadIndex, usage: Map<string, WorkloadUsage>): WorkloadRow[] {
  return index.workloads
    .map((w) => workloadRow(w, index, usage))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
