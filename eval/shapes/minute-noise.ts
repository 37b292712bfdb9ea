import { hashOf, unitInterval } from '../../sim/profiles/index.ts';
import { type DemandShape, MS_PER_MINUTE } from './demand-shape.ts';

/**
 * Real services' CPU jitters from minute to minute far more than the simulator's cell noise: requests
 * arrive in clumps, GC and cron-like work interleave. Each minute's demand is multiplied by a lognormal
 * factor of median 1 and log-spread `sigma`, independent between minutes and containers.
 */
export function withMinuteNoise(shape: DemandShape, sigma: number, key: number): DemandShape {
  if (sigma <= 0) return shape;
  return {
    ...shape,
    cpuCoresAt: (t) => {
      const minute = Math.floor(t / MS_PER_MINUTE);
      // Box–Muller from two hashed uniforms: one standard normal per minute.
      const u1 = Math.max(1e-12, unitInterval(hashOf(key, minute, 1)));
      const u2 = unitInterval(hashOf(key, minute, 2));
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return shape.cpuCoresAt(t) * Math.exp(sigma * z);
    },
  };
}
