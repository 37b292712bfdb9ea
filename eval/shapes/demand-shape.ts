import type { UsageProfile } from '../../sim/profiles/index.ts';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/**
 * What a container wants, minute by minute, whatever its limits: the simulator's UsageProfile plus the
 * restarts that happen anyway (rollouts, nightly restarts), which end a life as an OOM kill would.
 */
export interface DemandShape {
  /** For the per-shape breakdown. */
  readonly name: string;
  /** CPU demand in cores, piecewise constant over the simulator's 10 s cells. */
  cpuCoresAt(timeMs: number): number;
  /** Working set of a life started at lifeStartMs. */
  memoryBytesAt(timeMs: number, lifeStartMs: number): number;
  /** The latest planned restart at or before timeMs; -Infinity when none. */
  plannedRestartAt(timeMs: number): number;
}

/** A simulator profile as a demand shape with no planned restarts. */
export function fromProfile(profile: UsageProfile, name: string = profile.name): DemandShape {
  return {
    name,
    cpuCoresAt: (t) => profile.cpuCoresAt(t),
    memoryBytesAt: (t, lifeStart) => profile.memoryBytesAt(t, lifeStart),
    plannedRestartAt: () => Number.NEGATIVE_INFINITY,
  };
}

/** Saturday or Sunday, UTC (1970-01-01 was a Thursday). */
export function isWeekend(timeMs: number): boolean {
  const dayOfWeek = (Math.floor(timeMs / MS_PER_DAY) + 4) % 7;
  return dayOfWeek === 0 || dayOfWeek === 6;
}
