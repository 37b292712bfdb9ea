import { describe, expect, it } from 'vitest';
import type { DemandShape } from '../shapes/demand-shape.ts';
import { replayMemory } from './memory-replay.ts';

const MiB = 2 ** 20;
const START = Date.UTC(2026, 0, 5);
/** 100 MiB at each start, +10 MiB a minute. */
const leak: DemandShape = {
  name: 'leak',
  cpuCoresAt: () => 0.1,
  memoryBytesAt: (t, lifeStart) => 100 * MiB + (10 * MiB * (t - lifeStart)) / 60_000,
  plannedRestartAt: () => Number.NEGATIVE_INFINITY,
};

describe('memory replay', () => {
  it('kills above the limit, restarts after the back-off, and starts the new life from the bottom', () => {
    const out = new Float64Array(30);
    const kills = new Uint8Array(30);
    const count = replayMemory(leak, START, 30, () => 200 * MiB, START, out, kills);
    expect(out[10]).toBe(200 * MiB); // at the limit, not above it
    expect(kills[11]).toBe(1);
    expect(out[11]).toBe(200 * MiB);
    // Back up 10 s after the kill: 50 s into the new life at the next minute.
    expect(out[12]! / MiB).toBeCloseTo(100 + (10 * 50) / 60, 6);
    expect(count).toBe(2);
    expect(kills[22]).toBe(1);
  });

  it('never kills without a limit', () => {
    const out = new Float64Array(30);
    expect(replayMemory(leak, START, 30, () => null, START, out)).toBe(0);
    expect(out[29]).toBe(390 * MiB);
  });
});
