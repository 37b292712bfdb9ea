import { parseQuantity } from '../contract/quantity.ts';
import type { ResourceList } from './kube-object.ts';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export interface ContainerResources {
  requests: ResourceList;
  limits: ResourceList;
}

const QOS_RESOURCES = ['cpu', 'memory'];

function addPositive(sums: Map<string, number>, list: ResourceList, found?: Set<string>): void {
  for (const name of QOS_RESOURCES) {
    const text = list[name];
    if (text === undefined) continue;
    const amount = parseQuantity(text);
    if (!(amount > 0)) continue;
    found?.add(name);
    sums.set(name, (sums.get(name) ?? 0) + amount);
  }
}

/**
 * The pod QoS class as the kubelet computes it (pkg/apis/core/v1/helper/qos): over all containers, init containers
 * included, only CPU and memory counting. Give it requests as the pod will have them (a request defaults to its limit).
 */
export function qosClass(containers: ContainerResources[]): QosClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const container of containers) {
    addPositive(requests, container.requests);
    const limitsFound = new Set<string>();
    addPositive(limits, container.limits, limitsFound);
    if (!QOS_RESOURCES.every((r) => limitsFound.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === undefined || Math.abs(limit - request) > 1e-9 * Math.max(1, limit)) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
