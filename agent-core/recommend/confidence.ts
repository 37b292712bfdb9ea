import { type DaySlice, MS_PER_DAY, MS_PER_HOUR } from './day-slice.ts';
import type { Confidence } from './recommendation.ts';

/** A shift younger than this still leaves the new level's range uncertain. */
const RECENT_SHIFT_MS = 3 * MS_PER_DAY;

/**
 * VPA's measure of history, min(days spanned, days of samples), in levels: under a day is low; under a
 * week (no weekly cycle seen yet), a recent level shift or a pinned container (demand hidden above the
 * limit) is medium; otherwise high.
 */
export function confidenceOf(slices: readonly DaySlice[], firstT: number, lastT: number, now: number, pinned: boolean, shiftAt: number | null): Confidence {
  let minutes = 0;
  for (const s of slices) minutes += Math.max(s.cpu.total, s.memory.total);
  const spanDays = Math.max(0, Math.min(lastT, now) - Math.max(firstT, slices.length ? slices[0]!.day * MS_PER_DAY : firstT) + MS_PER_HOUR / 60) / MS_PER_DAY;
  const history = Math.min(spanDays, minutes / 1440);
  if (history < 1) return 'low';
  if (history < 7 || pinned || (shiftAt !== null && now - shiftAt < RECENT_SHIFT_MS)) return 'medium';
  return 'high';
}
