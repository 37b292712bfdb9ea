import type { Inventory, InventoryEntity } from '../../inventory/index.ts';
import { KIND_INFO } from '../../inventory/watched-kinds.ts';
import { isRecord } from '../../inventory/kube-object.ts';

/** The rows of the workloads table: top-level workloads (a Deployment, not its ReplicaSets) and bare pods. */
export interface WorkloadIndex {
  workloads: InventoryEntity[];
  /** Pods by the uid of the workload at the top of their owner chain (a bare pod: its own uid). */
  podsOf: Map<string, InventoryEntity[]>;
  nodes: InventoryEntity[];
  namespaces: number;
  pods: InventoryEntity[];
}

export function isTopLevelWorkload(entity: InventoryEntity): boolean {
  return KIND_INFO[entity.kind].workload && entity.ownerChain.length === 0;
}

export function indexWorkloads(inventory: Inventory): WorkloadIndex {
  const index: WorkloadIndex = { workloads: [], podsOf: new Map(), nodes: [], namespaces: 0, pods: [] };
  for (const entity of inventory.entities()) {
    if (entity.kind === 'Node') index.nodes.push(entity);
    else if (entity.kind === 'Namespace') index.namespaces++;
    if (entity.kind === 'Pod') {
      index.pods.push(entity);
      const owner = entity.controller?.uid ?? entity.uid;
      const list = index.podsOf.get(owner);
      if (list) list.push(entity);
      else index.podsOf.set(owner, [entity]);
    }
    if (isTopLevelWorkload(entity)) index.workloads.push(entity);
  }
  return index;
}

function numberAt(object: unknown, ...path: string[]): number | undefined {
  let value: unknown = object;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** A pod's or a node's Ready condition is True. */
export function isReady(entity: InventoryEntity): boolean {
  const conditions = entity.object.status?.conditions;
  return Array.isArray(conditions) && conditions.some((c) => isRecord(c) && c.type === 'Ready' && c.status === 'True');
}

export function podIsTerminal(pod: InventoryEntity): boolean {
  return pod.phase === 'Succeeded' || pod.phase === 'Failed';
}

/** Ready and desired replicas as the controller reports them; pods counted where it reports nothing. */
export function replicaCounts(workload: InventoryEntity, pods: InventoryEntity[]): { ready: number; desired: number | null } {
  const { spec, status } = workload.object;
  const readyPods = pods.filter(isReady).length;
  switch (workload.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController':
      return { ready: numberAt(status, 'readyReplicas') ?? 0, desired: numberAt(spec, 'replicas') ?? 1 };
    case 'DaemonSet':
      return { ready: numberAt(status, 'numberReady') ?? 0, desired: numberAt(status, 'desiredNumberScheduled') ?? 0 };
    case 'Job':
      return { ready: readyPods, desired: numberAt(spec, 'parallelism') ?? 1 };
    case 'Pod':
      return { ready: isReady(workload) ? 1 : 0, desired: 1 };
    default:
      return { ready: readyPods, desired: null };
  }
}
