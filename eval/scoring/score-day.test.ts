import { describe, expect, it } from 'vitest';
import { MiB, observedContainer } from '../testing/observed-container.ts';
import { handlesPinned, isPinned } from './pinned.ts';
import { scoreDay } from './score-day.ts';
import { Totals } from './totals.ts';

describe('scoring a day', () => {
  // Demand 0.1 core for 1436 minutes and 1 core for 4 (0.28 %); 100 MiB.
  const shape = { name: 'flat', cpuCoresAt: () => 0.1, memoryBytesAt: () => 100 * MiB, plannedRestartAt: () => Number.NEGATIVE_INFINITY };
  const c = observedContainer(2 * 1440, (i) => ({ cpu: i % 1440 < 4 ? 1 : 0.1, mem: 100 * MiB }), { cpuRequest: 1, cpuLimit: null, memRequest: null, memLimit: null }, shape);

  it('measures slack, CPU and throttle risk, memory above request and churn against the true demand', () => {
    const t = new Totals();
    scoreDay(c, 1440, { cpuRequest: 0.2, cpuLimit: 0.5, memRequest: 50 * MiB, memLimit: null }, { cpuRequest: 0.25, cpuLimit: null, memRequest: 50 * MiB, memLimit: null }, false, t);
    expect(t.cpuRisk).toBeCloseTo(4 / 1440, 12);
    expect(t.throttleRisk).toBeCloseTo(4 / 1440, 12);
    // Usage is capped at the 0.5-core limit: slack is (0.2 − 0.1) in 1436 minutes, none in the other 4.
    expect(t.cpuSlack).toBeCloseTo((0.1 * 1436) / (0.2 * 1440), 12);
    expect(t.memoryAboveRequest).toBe(1);
    expect(t.memorySlack).toBe(0);
    expect(t.churn).toBeCloseTo(0.1, 12); // CPU −20 %, memory 0
  });

  it('counts the OOM kills the proposed memory limit would have caused', () => {
    const t = new Totals();
    scoreDay(c, 1440, { cpuRequest: 1, cpuLimit: null, memRequest: 80 * MiB, memLimit: 90 * MiB }, undefined, false, t);
    expect(t.ooms).toBeGreaterThan(100); // a crash loop: killed on every restart
    expect(t.oomsPer100ContainerDays).toBe(t.ooms * 100);
  });

  it('judges a container pinned at its limit by what can be known', () => {
    const pinned = observedContainer(1440, () => ({ cpu: 0.5, mem: 100 * MiB }), { cpuRequest: 0.25, cpuLimit: 0.5, memRequest: null, memLimit: null });
    pinned.observed.throttled.fill(0.8);
    expect(isPinned(pinned, 1440)).toBe(true);
    pinned.observed.throttled.fill(0.3);
    expect(isPinned(pinned, 1440)).toBe(false);
    expect(handlesPinned(0.5, { cpuRequest: 0.5, cpuLimit: 1 })).toBe(true);
    expect(handlesPinned(0.5, { cpuRequest: 0.5, cpuLimit: null })).toBe(true);
    expect(handlesPinned(0.5, { cpuRequest: 0.4, cpuLimit: 1 })).toBe(false);
    expect(handlesPinned(0.5, { cpuRequest: 0.5, cpuLimit: 0.9 })).toBe(false);
  });
});
