import { describe, expect, it } from 'vitest';
import { createUsageProfile, expectedCpu, type ContainerResources, type ProfileName } from '../profiles/index.ts';
import { podUsageHistory } from './usage-history.ts';

const MIB = 2 ** 20;
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 25, 12);

const source = (name: string, profile: ProfileName, resources: ContainerResources, overrides = {}) => ({
  name,
  resources,
  profile: createUsageProfile({ seed: 3, identity: { namespace: 'shop', pod: 'web-1', container: name }, resources, nodeCpuCores: 8, overrides, profile }),
});

describe('podUsageHistory', () => {
  it('replays a day minute by minute with the CPU the profile and the CFS model give for each minute', () => {
    const app = source('app', 'diurnal', { cpuRequestCores: 0.5, cpuLimitCores: 1, memoryRequestBytes: 256 * MIB, memoryLimitBytes: 1024 * MIB });
    const [history] = podUsageHistory({ containers: [app], nodeCpuCores: 8, fromMs: END - DAY, toMs: END });
    // The first minute has no rate yet (one sample), as with a live kubelet.
    expect(history!.minutes).toHaveLength(1440);
    expect(history!.minutes[0]!.minute).toBe(END - DAY + 60_000);
    expect(history!.minutes.at(-1)!.minute).toBe(END);
    for (const m of history!.minutes.filter((_, i) => i % 97 === 0)) {
      const expected = expectedCpu(app.profile, 1, m.minute - 60_000, m.minute);
      expect(m.cpuCores).toBeCloseTo(expected.usageCores, 6);
      expect(m.throttledRatio).toBeCloseTo(expected.throttledRatio, 6);
      expect(m.workingSetBytes).toBeGreaterThan(0);
    }
    // Diurnal: the busiest hour well above the quietest.
    const cpu = history!.minutes.map((m) => m.cpuCores);
    expect(Math.max(...cpu)).toBeGreaterThan(1.5 * Math.min(...cpu));
  });

  it('has no throttling series without a CPU limit', () => {
    const [history] = podUsageHistory({ containers: [source('app', 'steady', { cpuRequestCores: 0.2 })], nodeCpuCores: 8, fromMs: END - 3_600_000, toMs: END });
    expect(history!.minutes.every((m) => m.throttledRatio === null)).toBe(true);
  });

  it('kills a leaking container at its memory limit, restarts it, and leaves a gap of one minute without a rate', () => {
    const leak = source('cache', 'leak', { cpuRequestCores: 0.1, memoryRequestBytes: 256 * MIB, memoryLimitBytes: 512 * MIB }, { memoryBytes: 200 * MIB });
    const [history] = podUsageHistory({ containers: [leak], nodeCpuCores: 8, fromMs: END - DAY, toMs: END });
    expect(history!.oomKills.length).toBeGreaterThan(2);
    expect(Math.max(...history!.minutes.map((m) => m.workingSetBytes))).toBeLessThanOrEqual(512 * MIB);
    expect(history!.minutes.length).toBeLessThan(1440);
  });
});
