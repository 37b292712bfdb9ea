import type { Inventory } from '../inventory/inventory.ts';
import type { InventoryEntity } from '../inventory/inventory-model.ts';
import { KIND_INFO } from '../inventory/watched-kinds.ts';
import type { WorkloadReadiness } from './finding.ts';
import { readinessContext } from './readiness-context.ts';
import { readinessFindings } from './readiness-findings.ts';

/** The rows of the workloads table: top-level workloads (a Deployment, not its ReplicaSets) and bare pods. */
const isTopLevelWorkload = (entity: InventoryEntity) => KIND_INFO[entity.kind].workload && entity.ownerChain.length === 0;

// Names are DNS labels (ASCII): code-point order is their order, and far cheaper than localeCompare on 10k rows.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPlace = (a: WorkloadReadiness, b: WorkloadReadiness) =>
  compare(a.workload.namespace ?? '', b.workload.namespace ?? '') || compare(a.workload.name, b.workload.name) || compare(a.workload.kind, b.workload.kind);

/**
 * The readiness of every top-level workload and bare pod, by namespace and name. Checks that need a kind the agent
 * could not list (yet, or at all) come back unknown rather than as findings.
 */
export function readinessReport(inventory: Pick<Inventory, 'entities' | 'syncProgress'>): WorkloadReadiness[] {
  const entities = inventory.entities();
  const context = readinessContext(entities, inventory.syncProgress());
  return entities.filter(isTopLevelWorkload).map((entity) => readinessFindings(entity, context)).sort(byPlace);
}
