import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory, roundCpuUp, roundMemoryUp } from './rounding.ts';

const MiB = 2 ** 20;

describe('rounding', () => {
  it('rounds CPU up to whole millicores in 1-2-5 steps within 2.5 %', () => {
    expect(roundCpuUp(0.0123)).toBe(0.013);
    expect(roundCpuUp(0.1231)).toBe(0.124);
    expect(roundCpuUp(1.234)).toBe(1.24);
    expect(roundCpuUp(0.5)).toBe(0.5);
    for (const v of [0.0011, 0.037, 0.29, 3.7, 17.3]) {
      expect(roundCpuUp(v)).toBeGreaterThanOrEqual(v);
      expect(roundCpuUp(v)).toBeLessThanOrEqual(Math.max(v * 1.025, v + 0.001) + 1e-12);
    }
  });

  it('rounds memory up to whole Mi in the same steps', () => {
    expect(roundMemoryUp(100.3 * MiB)).toBe(102 * MiB);
    expect(roundMemoryUp(612 * MiB)).toBe(620 * MiB);
    expect(roundMemoryUp(250 * MiB)).toBe(250 * MiB);
    expect(Number.isInteger(roundMemoryUp(33.3 * MiB) / MiB)).toBe(true);
  });

  it('prints Kubernetes quantities', () => {
    expect(formatCpu(0.25)).toBe('250m');
    expect(formatCpu(2)).toBe('2');
    expect(formatCpu(null)).toBe('none');
    expect(formatMemory(512 * MiB)).toBe('512Mi');
    expect(formatMemory(2048 * MiB)).toBe('2Gi');
  });
});
