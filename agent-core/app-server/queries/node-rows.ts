import type { NodeRow, ResourceTotals } from '../../contract/app-contract.ts';
import type { Agent } from '../../agent/agent.ts';
import { parseQuantity } from '../../contract/quantity.ts';
import type { InventoryEntity } from '../../inventory/index.ts';
import { isRecord } from '../../inventory/kube-object.ts';
import { collectionOf, latestNodeUsage } from './node-usage.ts';
import { podResources } from '../../inventory/container-resources.ts';
import { isReady, podIsTerminal, type WorkloadIndex } from './workload-index.ts';

function resourceOf(object: InventoryEntity['object'], field: 'capacity' | 'allocatable', name: string): number {
  const list = object.status?.[field];
  const text = isRecord(list) ? list[name] : undefined;
  const value = typeof text === 'string' ? parseQuantity(text) : Number.NaN;
  return Number.isFinite(value) ? value : 0;
}

/** Requests and limits of the pods bound to each node that still hold their resources. */
export function reservedByNode(index: WorkloadIndex): Map<string, { pods: number; cpuRequests: number; cpuLimits: number; memRequests: number; memLimits: number }> {
  const byNode = new Map<string, { pods: number; cpuRequests: number; cpuLimits: number; memRequests: number; memLimits: number }>();
  for (const pod of index.pods) {
    if (!pod.nodeName || podIsTerminal(pod)) continue;
    let sums = byNode.get(pod.nodeName);
    if (!sums) byNode.set(pod.nodeName, (sums = { pods: 0, cpuRequests: 0, cpuLimits: 0, memRequests: 0, memLimits: 0 }));
    const r = podResources(pod.containers);
    sums.pods++;
    sums.cpuRequests += r.cpuRequest ?? 0;
    sums.cpuLimits += r.cpuLimit ?? 0;
    sums.memRequests += r.memRequest ?? 0;
    sums.memLimits += r.memLimit ?? 0;
  }
  return byNode;
}

export function nodeRows(agent: Agent, index: WorkloadIndex): NodeRow[] {
  const reserved = reservedByNode(index);
  const statuses = new Map(agent.nodeStatuses().map((s) => [s.node, s]));
  return index.nodes
    .map((node): NodeRow => {
      const sums = reserved.get(node.name);
      const usage = latestNodeUsage(agent.store, node.name);
      const totals = (name: 'cpu' | 'memory', used: number | null, requests: number, limits: number): ResourceTotals => ({
        usage: used,
        requests,
        limits,
        allocatable: resourceOf(node.object, 'allocatable', name),
        capacity: resourceOf(node.object, 'capacity', name),
      });
      return {
        name: node.name,
        ready: isReady(node),
        pods: sums?.pods ?? 0,
        cpu: totals('cpu', usage.cpu, sums?.cpuRequests ?? 0, sums?.cpuLimits ?? 0),
        memory: totals('memory', usage.memory, sums?.memRequests ?? 0, sums?.memLimits ?? 0),
        collection: collectionOf(statuses.get(node.name)),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
