import type { ContainerDigest } from './container-digest.ts';
import { type DaySlice, MS_PER_HOUR } from './day-slice.ts';
import { detectLevelShift, type LevelShift } from './level-shift.ts';
import { hourlySeries } from './window-stats.ts';

/** Below these an hour is idle: its log would only add noise. */
const FLOOR = { cpu: 1e-4, memory: 2 ** 20 } as const;

/**
 * The level shift of a digest's complete hours, remembered on the digest for an hour: the live agent
 * recomputes every minute, and the search is the costliest step of a recommendation. Each digest's hour
 * starts at its own minute (`memoPhaseMs`), so a recompute of every container searches afresh in about a
 * sixtieth of them, not all at once on the hour.
 */
export function levelShiftOf(digest: ContainerDigest, metric: 'cpu' | 'memory', slices: readonly DaySlice[], now: number): LevelShift | undefined {
  const endMs = Math.floor((now + 1) / MS_PER_HOUR) * MS_PER_HOUR;
  const key = `${slices[0]?.day}:${slices.length}:${Math.floor((now + 1 - digest.memoPhaseMs) / MS_PER_HOUR)}`;
  const remembered = digest.shiftMemo[metric];
  if (remembered?.key === key) return remembered.shift;
  const hourly = hourlySeries(slices, metric, endMs);
  const shift = detectLevelShift(hourly.values, hourly.firstHourMs, FLOOR[metric]);
  digest.shiftMemo[metric] = { key, shift };
  return shift;
}
