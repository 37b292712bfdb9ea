// A container cannot use more CPU than its node has, nor be throttled for longer than all the node's CPUs
// together. A rate beyond that comes from a counter or clock fault and is dropped rather than stored.

/** The Summary API writes its times to the whole second, so over a short interval a real rate can read a
 * little above capacity; a fault reads far above it. */
const CAPACITY_MARGIN = 1.25;

/** Without the node's capacity, a bound above any single machine sold today. */
const CORES_BOUND_WITHOUT_CAPACITY = 1024;

/** The largest plausible per-second CPU figure (cores, or throttled seconds per second) on a node. */
export function plausibleCoresBound(nodeCpuCapacityCores: number | null | undefined): number {
  if (nodeCpuCapacityCores === null || nodeCpuCapacityCores === undefined || !(nodeCpuCapacityCores > 0)) return CORES_BOUND_WITHOUT_CAPACITY;
  return nodeCpuCapacityCores * CAPACITY_MARGIN;
}
