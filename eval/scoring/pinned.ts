import type { EvalContainer } from '../trace/eval-container.ts';

const MINUTES_PER_DAY = 1440;
/** The "throttled in most periods, most of the time". */
const MOST = 0.5;

/**
 * Pinned at its CPU limit, judged by what can be known at the origin: over the last observed day, most
 * minutes had most of their CFS periods throttled. Its demand above the limit is hidden from everyone.
 */
export function isPinned(c: EvalContainer, origin: number): boolean {
  let minutes = 0;
  let heavy = 0;
  for (let i = Math.max(0, origin - MINUTES_PER_DAY); i < origin; i++) {
    const r = c.observed.throttled[i]!;
    if (!(r >= 0)) continue;
    minutes++;
    if (r >= MOST) heavy++;
  }
  return minutes > 0 && heavy / minutes >= MOST;
}

/** Handled as what can be known asks: the limit removed or raised ≥ 2×, the request at least the old limit. */
export function handlesPinned(currentLimit: number, proposed: { cpuRequest: number | null; cpuLimit: number | null }): boolean {
  const tolerance = 1e-9;
  const limitOk = proposed.cpuLimit === null || proposed.cpuLimit >= 2 * currentLimit - tolerance;
  return limitOk && proposed.cpuRequest !== null && proposed.cpuRequest >= currentLimit - tolerance;
}
