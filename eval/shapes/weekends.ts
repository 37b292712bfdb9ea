import { type DemandShape, isWeekend } from './demand-shape.ts';

/** Weekends carry `cpuFactor` of the weekday load (and memory a third of that drop): offices and shops closed. */
export function withWeekends(shape: DemandShape, cpuFactor: number): DemandShape {
  const memoryFactor = 1 - (1 - cpuFactor) / 3;
  return {
    ...shape,
    name: `${shape.name}+weekends`,
    cpuCoresAt: (t) => shape.cpuCoresAt(t) * (isWeekend(t) ? cpuFactor : 1),
    memoryBytesAt: (t, lifeStart) => shape.memoryBytesAt(t, lifeStart) * (isWeekend(t) ? memoryFactor : 1),
  };
}
