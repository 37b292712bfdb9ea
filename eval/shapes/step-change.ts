import type { DemandShape } from './demand-shape.ts';

/**
 * A rollout at `deployAt` restarts the pods and changes the load: CPU × cpuFactor and memory × memoryFactor
 * from then on (a heavier release, or an optimisation).
 */
export function withStepChange(shape: DemandShape, deployAt: number, cpuFactor: number, memoryFactor: number): DemandShape {
  return {
    name: `${shape.name}+step${cpuFactor > 1 ? 'up' : 'down'}`,
    cpuCoresAt: (t) => shape.cpuCoresAt(t) * (t >= deployAt ? cpuFactor : 1),
    memoryBytesAt: (t, lifeStart) => shape.memoryBytesAt(t, lifeStart) * (t >= deployAt ? memoryFactor : 1),
    plannedRestartAt: (t) => (t >= deployAt ? Math.max(deployAt, shape.plannedRestartAt(t)) : shape.plannedRestartAt(t)),
  };
}
