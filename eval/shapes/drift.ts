import { type DemandShape, MS_PER_DAY } from './demand-shape.ts';

/** Load that grows (or shrinks) steadily: `perDay` relative change of CPU and half of it for memory, from `origin`. */
export function withDrift(shape: DemandShape, origin: number, perDay: number): DemandShape {
  const factor = (t: number, share: number) => Math.max(0.2, 1 + (share * perDay * (t - origin)) / MS_PER_DAY);
  return {
    ...shape,
    name: `${shape.name}+drift`,
    cpuCoresAt: (t) => shape.cpuCoresAt(t) * factor(t, 1),
    memoryBytesAt: (t, lifeStart) => shape.memoryBytesAt(t, lifeStart) * factor(t, 0.5),
  };
}
