import type { Inventory, InventoryEntity, ResourceValues } from '../inventory/index.ts';
import { parseQuantity } from '../contract/quantity.ts';
import type { CollectorInventory, ContainerContext, ScrapeTarget } from './collector-inputs.ts';

type NodeStatus = {
  conditions?: { type?: string; status?: string }[];
  capacity?: Record<string, string>;
  allocatable?: Record<string, string>;
};

const quantity = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const n = parseQuantity(text);
  return Number.isNaN(n) ? null : n;
};

const resource = (values: ResourceValues, name: 'cpu' | 'memory'): number | null => quantity(values[name]?.value);

function isReady(node: InventoryEntity): boolean {
  const status = node.object.status as NodeStatus | undefined;
  return status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * The collector's window on the inventory. scrapeTargets() also snapshots the pods by namespace/name, so that
 * each cycle joins its samples against one consistent view, looked up in O(1) per container.
 */
export class InventoryCollectorView implements CollectorInventory {
  private pods = new Map<string, InventoryEntity>();

  constructor(private readonly inventory: Pick<Inventory, 'entities'>) {}

  scrapeTargets(): ScrapeTarget[] {
    const entities = this.inventory.entities();
    this.pods = new Map(entities.filter((e) => e.kind === 'Pod').map((p) => [`${p.namespace}/${p.name}`, p]));
    return entities
      .filter((e) => e.kind === 'Node' && isReady(e))
      .map((node) => {
        const status = node.object.status as NodeStatus | undefined;
        return {
          name: node.name,
          cpuCapacityCores: quantity(status?.capacity?.cpu),
          cpuAllocatableCores: quantity(status?.allocatable?.cpu),
          memAllocatableBytes: quantity(status?.allocatable?.memory),
        };
      });
  }

  containerContext(namespace: string, pod: string, container: string): ContainerContext | undefined {
    const entity = this.pods.get(`${namespace}/${pod}`);
    const view = entity?.containers.find((c) => c.name === container && !c.init) ?? entity?.containers.find((c) => c.name === container);
    if (!entity || !view) return undefined;
    const owner = entity.controller;
    return {
      workload: owner ? { kind: owner.kind, namespace, name: owner.name, uid: owner.uid } : { kind: 'Pod', namespace, name: entity.name, uid: entity.uid },
      settings: {
        cpuRequest: resource(view.requests, 'cpu'),
        cpuLimit: resource(view.limits, 'cpu'),
        memRequest: resource(view.requests, 'memory'),
        memLimit: resource(view.limits, 'memory'),
      },
      ...(view.lastTerminationReason ? { lastTerminationReason: view.lastTerminationReason } : {}),
    };
  }
}
