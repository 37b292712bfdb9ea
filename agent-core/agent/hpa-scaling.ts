import { autoscalerKey, autoscalerSpec, type Inventory, type InventoryEntity } from '../inventory/index.ts';

export type HpaLookup = (workload: InventoryEntity) => { cpu: boolean; memory: boolean } | undefined;

/**
 * Which workloads an HPA scales on CPU utilisation: for them the CPU request is the HPA's yardstick, and moving
 * it would move when the HPA scales. Built once per recomputation (one pass over the inventory), then O(1) per
 * workload. Memory-utilisation targets are rare and not read yet.
 */
export function hpaLookup(inventory: Pick<Inventory, 'entities'>): HpaLookup {
  const scaled = new Map<string, { cpu: boolean; memory: boolean }>();
  for (const entity of inventory.entities()) {
    if (entity.kind !== 'HorizontalPodAutoscaler') continue;
    const spec = autoscalerSpec(entity.object);
    if (spec) scaled.set(autoscalerKey(entity.namespace, spec.target.kind, spec.target.name), { cpu: spec.cpuUtilization !== undefined, memory: false });
  }
  return (workload) => scaled.get(autoscalerKey(workload.namespace, workload.kind, workload.name));
}
