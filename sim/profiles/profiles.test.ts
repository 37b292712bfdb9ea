import { describe, expect, it } from 'vitest';
import { profileSettingsFor } from './annotations.ts';
import { createUsageProfile, defaultProfileName } from './create-profile.ts';
import { expectedCpu } from './expected-usage.ts';
import { CELL_MS, PROFILE_NAMES, type ProfileInput, type ProfileName } from './usage-profile.ts';

const MiB = 1024 * 1024;
const START = Date.UTC(2026, 0, 15, 0, 0, 0);
const input = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  seed: 42,
  identity: { namespace: 'shop', pod: 'web-7d9f8b6c5-abcde', container: 'app' },
  resources: { cpuRequestCores: 0.5, cpuLimitCores: 1, memoryRequestBytes: 512 * MiB, memoryLimitBytes: 1024 * MiB },
  nodeCpuCores: 8,
  ...overrides,
});
const series = (profile: ProfileName, seed: number, count = 200) => {
  const p = createUsageProfile({ ...input({ seed }), profile });
  return Array.from({ length: count }, (_, i) => [p.cpuCoresAt(START + i * 37_000), p.memoryBytesAt(START + i * 37_000, START)]);
};

describe('usage profiles', () => {
  it.each(PROFILE_NAMES)('%s is a pure function of time, seed and container', (name) => {
    expect(series(name, 42)).toEqual(series(name, 42));
    expect(series(name, 43)).not.toEqual(series(name, 42));
  });

  it('gives different containers of the same pod different series', () => {
    const app = createUsageProfile({ ...input(), profile: 'steady' });
    const sidecar = createUsageProfile({ ...input({ identity: { ...input().identity, container: 'sidecar' } }), profile: 'steady' });
    expect(app.meanCpuCores).not.toBe(sidecar.meanCpuCores);
  });

  it('keeps demand constant within a cell, so integrals do not depend on sampling', () => {
    const p = createUsageProfile({ ...input(), profile: 'spiky' });
    const cellStart = Math.ceil(START / CELL_MS) * CELL_MS;
    expect(p.cpuCoresAt(cellStart + 1)).toBe(p.cpuCoresAt(cellStart + CELL_MS - 1));
  });

  it('chooses a profile from the seed and the pod name when none is annotated', () => {
    const names = Array.from({ length: 400 }, (_, i) => defaultProfileName(7, 'shop', `web-${i}`));
    expect(defaultProfileName(7, 'shop', 'web-1')).toBe(names[1]);
    expect(new Set(names)).toEqual(new Set(PROFILE_NAMES));
    const steadyShare = names.filter((n) => n === 'steady').length / names.length;
    expect(steadyShare).toBeGreaterThan(0.2);
    expect(steadyShare).toBeLessThan(0.4);
  });

  it('reads the profile and its parameters from pod annotations, per container when suffixed', () => {
    const annotations = {
      'sim.cluster-insight.io/profile': 'leak',
      'sim.cluster-insight.io/profile.sidecar': 'idle',
      'sim.cluster-insight.io/cpu-cores': '0.3',
      'sim.cluster-insight.io/memory-bytes': String(200 * MiB),
    };
    expect(profileSettingsFor(annotations, 'app')).toEqual({ profile: 'leak', cpuCores: 0.3, memoryBytes: 200 * MiB });
    expect(profileSettingsFor(annotations, 'sidecar').profile).toBe('idle');
    expect(profileSettingsFor({ 'sim.cluster-insight.io/profile': 'bogus', 'sim.cluster-insight.io/cpu-cores': '-1' }, 'app')).toEqual({
      profile: undefined,
      cpuCores: undefined,
      memoryBytes: undefined,
    });
  });

  it('steady averages its annotated CPU over an hour within 2 %', () => {
    const p = createUsageProfile({ ...input({ overrides: { cpuCores: 0.3 } }), profile: 'steady' });
    const { usageCores } = expectedCpu(p, 1, START, START + 3600_000);
    expect(usageCores).toBeGreaterThan(0.3 * 0.98);
    expect(usageCores).toBeLessThan(0.3 * 1.02);
  });

  it('diurnal peaks in the day and averages its mean over a day', () => {
    const p = createUsageProfile({ ...input({ overrides: { cpuCores: 0.4 } }), profile: 'diurnal' });
    const day = expectedCpu(p, 8, START, START + 24 * 3600_000).usageCores;
    expect(day).toBeGreaterThan(0.4 * 0.97);
    expect(day).toBeLessThan(0.4 * 1.03);
    const hourly = Array.from({ length: 24 }, (_, h) => p.cpuCoresAt(START + h * 3600_000 + 5000));
    expect(Math.max(...hourly) / Math.min(...hourly)).toBeGreaterThan(2.5);
  });

  it('spiky keeps its long-run mean but bursts to several times its quiet level', () => {
    const p = createUsageProfile({ ...input({ overrides: { cpuCores: 0.2 } }), profile: 'spiky' });
    const week = expectedCpu(p, 8, START, START + 7 * 24 * 3600_000).usageCores;
    expect(week).toBeGreaterThan(0.2 * 0.9);
    expect(week).toBeLessThan(0.2 * 1.1);
    const cells = Array.from({ length: 2000 }, (_, i) => p.cpuCoresAt(START + i * CELL_MS * 6));
    expect(Math.max(...cells) / Math.min(...cells)).toBeGreaterThan(3);
  });

  it('cpu-bound demands more than its limit in every cell', () => {
    const p = createUsageProfile({ ...input(), profile: 'cpu-bound' });
    for (let i = 0; i < 500; i++) expect(p.cpuCoresAt(START + i * CELL_MS)).toBeGreaterThan(1);
    expect(expectedCpu(p, 1, START, START + 3600_000).usageCores).toBeCloseTo(1, 10);
  });

  it('leak grows from each container start until it reaches the memory limit', () => {
    const p = createUsageProfile({ ...input(), profile: 'leak' });
    const limit = 1024 * MiB;
    const start = p.memoryBytesAt(START, START);
    expect(start).toBeLessThanOrEqual(0.4 * limit);
    expect(p.memoryBytesAt(START + 20 * 60_000, START)).toBeGreaterThan(start);
    expect(p.memoryBytesAt(START + 29 * 60_000, START)).toBeLessThan(limit);
    expect(p.memoryBytesAt(START + 121 * 60_000, START)).toBeGreaterThanOrEqual(limit);
    expect(p.memoryBytesAt(START + 121 * 60_000, START + 121 * 60_000)).toBe(start);
  });

  it('idle uses a few millicores whatever is requested', () => {
    const p = createUsageProfile({ ...input(), profile: 'idle' });
    expect(p.meanCpuCores).toBeLessThan(0.005);
    expect(p.baseMemoryBytes).toBeLessThan(33 * MiB);
  });

  it('keeps seeded baselines under the limits and never above the node', () => {
    for (let seed = 0; seed < 50; seed++) {
      for (const profile of ['steady', 'diurnal', 'spiky'] as const) {
        const p = createUsageProfile({ ...input({ seed, nodeCpuCores: 2, resources: { cpuRequestCores: 4, cpuLimitCores: 4, memoryLimitBytes: 256 * MiB } }), profile });
        expect(p.baseMemoryBytes).toBeLessThanOrEqual(0.8 * 256 * MiB);
        for (let i = 0; i < 50; i++) expect(p.cpuCoresAt(START + i * 3600_000)).toBeLessThanOrEqual(2);
      }
    }
  });
});
