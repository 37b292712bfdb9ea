import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('VirtualClock', () => {
  it('runs speed times faster than real time from its start', async () => {
    const clock = new VirtualClock({ speed: 60, start: 1_000_000 });
    const before = clock.now();
    await sleep(200);
    const elapsed = clock.now() - before;
    expect(before).toBeGreaterThanOrEqual(1_000_000);
    expect(elapsed).toBeGreaterThanOrEqual(60 * 190);
    expect(elapsed).toBeLessThan(60 * 1000);
  });

  it('starts at the real time by default', () => {
    expect(Math.abs(new VirtualClock({ speed: 1 }).now() - Date.now())).toBeLessThan(1000);
  });

  it('stands still at speed 0 and moves only by advance()', async () => {
    const clock = new VirtualClock({ speed: 0, start: 5000 });
    await sleep(20);
    expect(clock.now()).toBe(5000);
    clock.advance(60_000);
    expect(clock.now()).toBe(65_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('keeps time continuous when the speed changes', async () => {
    const clock = new VirtualClock({ speed: 1000, start: 0 });
    await sleep(20);
    const before = clock.now();
    clock.speed = 0;
    expect(clock.speed).toBe(0);
    const after = clock.now();
    expect(after).toBeGreaterThanOrEqual(before);
    expect(after - before).toBeLessThan(1000 * 15);
    await sleep(20);
    expect(clock.now()).toBe(after);
  });

  it('refuses negative or non-finite speeds', () => {
    expect(() => new VirtualClock({ speed: -1 })).toThrow(RangeError);
    expect(() => new VirtualClock({ speed: Number.NaN })).toThrow(RangeError);
  });
});
