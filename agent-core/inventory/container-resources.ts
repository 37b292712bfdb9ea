import { parseQuantity } from '../contract/quantity.ts';
import type { ContainerView } from './container-views.ts';

export interface PodResources {
  cpuRequest: number | null;
  cpuLimit: number | null;
  memRequest: number | null;
  memLimit: number | null;
}

function quantity(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = parseQuantity(text);
  return Number.isFinite(value) ? value : null;
}

export function containerResources(view: ContainerView): PodResources {
  return {
    cpuRequest: quantity(view.requests.cpu?.value),
    cpuLimit: quantity(view.limits.cpu?.value),
    memRequest: quantity(view.requests.memory?.value),
    memLimit: quantity(view.limits.memory?.value),
  };
}

/**
 * What one pod asks for: the sum over its app containers. Requests add up what is set; a limit exists only
 * when every container has one (one unlimited container leaves the pod unlimited).
 */
export function podResources(containers: readonly ContainerView[]): PodResources {
  const app = containers.filter((c) => !c.init).map(containerResources);
  const sumSet = (pick: (r: PodResources) => number | null) => {
    const set = app.map(pick).filter((v): v is number => v !== null);
    return set.length ? set.reduce((a, b) => a + b, 0) : null;
  };
  const sumAll = (pick: (r: PodResources) => number | null) => (app.length && app.every((r) => pick(r) !== null) ? sumSet(pick) : null);
  return {
    cpuRequest: sumSet((r) => r.cpuRequest),
    cpuLimit: sumAll((r) => r.cpuLimit),
    memRequest: sumSet((r) => r.memRequest),
    memLimit: sumAll((r) => r.memLimit),
  };
}
