import type { DemandShape } from '../shapes/demand-shape.ts';
import { MS_PER_MINUTE } from '../shapes/demand-shape.ts';

/** The kubelet's crash-loop back-off: 10 s doubling to 5 min, reset after 10 min of running. */
const FIRST_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 300_000;
const BACKOFF_RESET_MS = 600_000;

/**
 * Replays a container's working set minute by minute under a memory limit: above the limit the
 * kernel kills it, the kubelet restarts it after the back-off, and the new life starts from the bottom.
 * `out[i]` gets the working set (NaN while down); returns the minutes with a kill.
 */
export function replayMemory(
  shape: DemandShape,
  firstMinuteMs: number,
  minutes: number,
  limitAt: (minute: number) => number | null,
  lifeFloorMs: number,
  out: Float64Array,
  kills?: Uint8Array,
): number {
  let killCount = 0;
  let lastKill = Number.NEGATIVE_INFINITY;
  let upAt = Number.NEGATIVE_INFINITY;
  let backoff = FIRST_BACKOFF_MS;
  for (let i = 0; i < minutes; i++) {
    const t = firstMinuteMs + i * MS_PER_MINUTE;
    if (t < upAt) {
      out[i] = NaN;
      continue;
    }
    const lifeStart = Math.max(shape.plannedRestartAt(t), upAt, lifeFloorMs);
    const bytes = shape.memoryBytesAt(t, lifeStart);
    const limit = limitAt(i);
    if (limit !== null && bytes > limit) {
      out[i] = limit;
      killCount++;
      if (kills) kills[i] = 1;
      backoff = t - lastKill > BACKOFF_RESET_MS + backoff ? FIRST_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoff * 2);
      lastKill = t;
      upAt = t + backoff;
    } else {
      out[i] = bytes;
    }
  }
  return killCount;
}
