import { describe, expect, it } from 'vitest';
import { MiB, observedContainer } from '../testing/observed-container.ts';
import { krrSimple, numpyPercentile } from './krr-simple.ts';

describe('KRR simple', () => {
  it('interpolates percentiles as numpy does', () => {
    expect(numpyPercentile(Float64Array.of(1, 2, 3, 4), 95)).toBeCloseTo(3.85, 12);
    expect(numpyPercentile(Float64Array.of(1, 2, 3, 4), 50)).toBeCloseTo(2.5, 12);
    expect(numpyPercentile(Float64Array.of(7), 95)).toBe(7);
  });

  it('proposes CPU p95 and no limit, memory max × 1.15 for request and limit, rounded up', () => {
    // CPU 1..200 millicores: p95 = 0.001 + 0.95 × 199 × 0.001 = 0.19005 → 191m. Memory peak 400 MiB × 1.15 → whole MB up.
    const c = observedContainer(200, (i) => ({ cpu: (i + 1) / 1000, mem: i === 50 ? 400 * MiB : 100 * MiB }), { cpuRequest: 1, cpuLimit: 2, memRequest: 1e9, memLimit: 2e9 });
    const p = krrSimple.forContainer(c).propose(200);
    expect(p.cpuRequest).toBe(0.191);
    expect(p.cpuLimit).toBeNull();
    expect(p.memRequest).toBe(Math.ceil((400 * MiB * 1.15) / 1e6) * 1e6);
    expect(p.memLimit).toBe(p.memRequest);
  });

  it('floors at 10m and 100 MB, and answers "?" (the team’s values) under 100 points', () => {
    const idle = observedContainer(300, () => ({ cpu: 0.001, mem: 10 * MiB }), { cpuRequest: 1, cpuLimit: null, memRequest: 1e9, memLimit: null });
    expect(krrSimple.forContainer(idle).propose(300)).toEqual({ cpuRequest: 0.01, cpuLimit: null, memRequest: 100e6, memLimit: 100e6 });
    expect(krrSimple.forContainer(idle).propose(99)).toEqual({ cpuRequest: 1, cpuLimit: null, memRequest: 1e9, memLimit: null });
  });

  it('looks back 14 days only, and ignores OOM kills (off by default)', () => {
    const c = observedContainer(16 * 1440, (i) => ({ cpu: i < 1440 ? 5 : 0.1, mem: 100 * MiB, oom: i === 20 * 60 }), { cpuRequest: 1, cpuLimit: null, memRequest: 1e9, memLimit: null });
    const p = krrSimple.forContainer(c).propose(16 * 1440);
    expect(p.cpuRequest).toBe(0.1);
    expect(p.memRequest).toBe(Math.ceil((100 * MiB * 1.15) / 1e6) * 1e6);
  });
});
