import { describe, expect, it } from 'vitest';
import { ContainerDigest } from './container-digest.ts';
import { digestOf, recommend, recommendFromDigest } from './recommend.ts';
import { DAY, historyOf, jitter, MiB, MINUTE, seriesOf, START } from './testing/synthetic-history.ts';

const HOUR = 3_600_000;
const days = (n: number) => n * 1440;

describe('recommend: the anchors', () => {
  const steady = historyOf(
    seriesOf(days(8), (i) => ({ cpu: 0.2 * (1 + 0.1 * jitter(i)), mem: 300 * MiB * (1 + 0.01 * jitter(i, 2)) })),
    { cpuRequest: 1, memRequest: 1024 * MiB },
  );

  it('sizes an over-provisioned steady container from its p99 and daily peaks, with evidence and effect', () => {
    const r = recommend(steady);
    expect(r.proposed.cpuRequest).toBeGreaterThanOrEqual(0.209);
    expect(r.proposed.cpuRequest).toBeLessThan(0.23);
    expect(r.proposed.memRequest).toBeGreaterThanOrEqual(303 * MiB);
    expect(r.proposed.memRequest).toBeLessThan(320 * MiB);
    expect(r.proposed.cpuLimit).toBeNull();
    expect(r.confidence).toBe('high');
    expect(r.evidence.coverage).toMatchObject({ minutes: days(8), days: 8 });
    expect(r.evidence.cpu.p99).toBeGreaterThan(0.2);
    expect(r.evidence.memory.dailyPeaks).toHaveLength(8);
    expect(r.effect.cpuCoresFreed).toBeCloseTo(1 - r.proposed.cpuRequest!, 9);
    expect(r.effect.memoryBytesFreed).toBe(1024 * MiB - r.proposed.memRequest!);
    expect(r.reasons.cpuRequest).toMatch(/p99 of usage over 8 d/);
    expect(r.reasons.memRequest).toMatch(/highest daily peak/);
    expect(Number.isInteger(r.proposed.cpuRequest! * 1000 + 1e-9 - ((r.proposed.cpuRequest! * 1000 + 1e-9) % 1))).toBe(true);
    expect(Number.isInteger(r.proposed.memRequest! / MiB)).toBe(true);
  });

  it('gives the same id for the same container and proposal, another for another proposal', () => {
    const a = recommend(steady);
    expect(recommend(steady).id).toBe(a.id);
    expect(a.id).toMatch(/^rec-[0-9a-f]{16}$/);
    expect(recommend({ ...steady, key: 'shop/Deployment/api/app' }).id).not.toBe(a.id);
    const busier = historyOf(seriesOf(days(8), (i) => ({ cpu: 0.4 * (1 + 0.1 * jitter(i)), mem: 300 * MiB })));
    expect(recommend(busier).id).not.toBe(a.id);
  });

  it('computes the same from a digest fed minute by minute as from the whole history', () => {
    const digest = new ContainerDigest();
    const series = steady.series[0]!;
    for (let day = 0; day < 8; day++) digest.addSeries(series, 0, days(day), days(day + 1));
    const incremental = recommendFromDigest(digest, { key: steady.key, current: steady.current });
    expect(incremental).toEqual(recommend(steady));
    expect(recommendFromDigest(digestOf(steady), { key: steady.key, current: steady.current })).toEqual(incremental);
  });

  it('applies floors to an idle container', () => {
    const r = recommend(historyOf(seriesOf(days(3), (i) => ({ cpu: 0.001 * (1 + jitter(i) * 0.5), mem: 6 * MiB }))));
    expect(r.proposed.cpuRequest).toBe(0.01);
    expect(r.proposed.memRequest).toBe(32 * MiB);
    expect(r.reasons.cpuRequest).toMatch(/floor/);
  });

  it('keeps the CPU values when only memory was measured so far, and never proposes 0 cores', () => {
    const r = recommend(historyOf(seriesOf(30, () => ({ cpu: NaN, mem: 220 * MiB })), { cpuRequest: null, cpuLimit: null, memRequest: null }));
    expect(r.proposed.cpuRequest).toBeNull();
    expect(r.proposed.cpuLimit).toBeNull();
    expect(r.reasons.cpuRequest).toMatch(/no CPU usage measured yet/);
    expect(r.proposed.memRequest).toBeGreaterThanOrEqual(220 * MiB);
  });

  it('keeps the current values, with low confidence, without data', () => {
    const r = recommend(historyOf(seriesOf(0, () => undefined)));
    expect(r.proposed).toEqual(r.current);
    expect(r.confidence).toBe('low');
  });
});

describe('recommend: throttling', () => {
  it('never lowers the CPU limit of a container pinned at it: raised ≥ 2×, request at least the old limit', () => {
    // Usage sits at the 0.5-core limit, nearly every period throttled.
    const pinned = historyOf(
      seriesOf(days(7), (i) => ({ cpu: 0.5 * (1 - 0.01 * Math.abs(jitter(i))), mem: 200 * MiB, throttled: 0.95 + 0.05 * Math.abs(jitter(i, 3)) })),
      { cpuRequest: 0.25, cpuLimit: 0.5 },
    );
    const r = recommend(pinned);
    expect(r.signals.pinned).toBe(true);
    expect(r.proposed.cpuLimit).toBeGreaterThanOrEqual(1);
    expect(r.proposed.cpuRequest).toBeGreaterThanOrEqual(0.5);
    expect(r.reasons.cpuLimit).toMatch(/raise ≥2×.*understates demand/);
    expect(r.confidence).not.toBe('high');
    expect(r.effect.risksRemoved.join(' ')).toMatch(/throttled/);
    expect(recommend(pinned, { policy: { throttledLimitAdvice: 'remove' } }).proposed.cpuLimit).toBeNull();
  });

  it('never lowers a limit that throttles, whatever the shape of the throttling', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const limit = 0.2 + (seed % 7) * 0.3;
      const busyShare = 0.02 + (seed % 5) * 0.08;
      const history = historyOf(
        seriesOf(days(4), (i) => {
          const busy = (jitter(i, seed) + 0.5) < busyShare;
          const cpu = busy ? limit * (0.97 + 0.03 * Math.abs(jitter(i, 7))) : limit * 0.2 * (1 + 0.2 * jitter(i, 9));
          return { cpu, mem: 100 * MiB, throttled: busy ? 0.3 + 0.7 * Math.abs(jitter(i, seed + 1)) : 0.01 };
        }),
        { cpuRequest: limit / (1 + (seed % 4)), cpuLimit: limit },
      );
      const r = recommend(history);
      expect(r.signals.throttled, `seed ${seed}`).toBe(true);
      expect(r.proposed.cpuLimit === null || r.proposed.cpuLimit >= limit, `seed ${seed}: limit ${limit} → ${r.proposed.cpuLimit}`).toBe(true);
    }
  });

  it('continues the usage curve past the limit when the top minutes are capped', () => {
    // A daily cycle whose top two hours are capped at the 1-core limit.
    const capped = historyOf(
      seriesOf(days(7), (i, t) => {
        const demand = 0.6 + 0.5 * Math.cos((2 * Math.PI * (t - 14 * HOUR)) / DAY);
        return { cpu: Math.min(demand, 1), mem: 100 * MiB, throttled: demand >= 1 ? 1 : 0.1 };
      }),
      { cpuRequest: 0.8, cpuLimit: 1 },
    );
    const r = recommend(capped);
    expect(r.proposed.cpuRequest).toBeGreaterThan(1);
    expect(r.proposed.cpuRequest).toBeLessThanOrEqual(1.5);
    expect(r.proposed.cpuLimit).toBeGreaterThanOrEqual(2);
  });
});

describe('recommend: OOM kills and leaks', () => {
  it('bumps memory after OOM kills by max(+100 MiB, ×1.2) of the level killed at', () => {
    // Working set reaches its 200 MiB limit a few minutes before each of two kills a day.
    const killed = historyOf(
      seriesOf(days(5), (i) => {
        const inDay = i % 1440;
        const nearKill = (inDay >= 600 && inDay < 605) || (inDay >= 1200 && inDay < 1205);
        return { cpu: 0.1, mem: nearKill ? 200 * MiB : 150 * MiB, oom: inDay === 604 || inDay === 1204 };
      }),
      { memRequest: 180 * MiB, memLimit: 200 * MiB },
    );
    const r = recommend(killed);
    expect(r.evidence.ooms.count).toBe(10);
    expect(r.proposed.memRequest).toBeGreaterThanOrEqual(300 * MiB);
    expect(r.proposed.memRequest).toBeLessThan(320 * MiB);
    expect(r.proposed.memLimit).toBeGreaterThan(r.proposed.memRequest!);
    expect(r.reasons.memRequest).toMatch(/OOM-killed 10×/);
    expect(r.signals.oomKilled).toBe(true);
    expect(r.effect.risksRemoved.join(' ')).toMatch(/10 OOM kills/);
  });

  it('projects a leak to the restarts it sees, past the limit it is killed at', () => {
    // +50 MiB an hour from 200 MiB; restarted every 12 h; the 600 MiB limit kills each life after 8 h.
    const leak = historyOf(
      seriesOf(days(6), (i) => {
        const age = i % 720;
        const bytes = 200 * MiB + (50 * MiB * age) / 60;
        return age > 480 ? { cpu: 0.1, mem: 200 * MiB + (50 * MiB * (age - 481)) / 60 } : { cpu: 0.1, mem: Math.min(bytes, 600 * MiB), oom: age === 480 };
      }),
      { memRequest: 500 * MiB, memLimit: 600 * MiB },
    );
    const r = recommend(leak);
    expect(r.signals.leaking).toBe(true);
    expect(r.evidence.leak!.restartEveryHours).toBeCloseTo(12, 0);
    expect(r.evidence.leak!.growthBytesPerHour / MiB).toBeCloseTo(50, 0);
    expect(r.proposed.memRequest).toBeGreaterThanOrEqual(800 * MiB);
    expect(r.proposed.memRequest).toBeLessThan(850 * MiB);
    expect(r.reasons.memRequest).toMatch(/leaks .*12 h between restarts/);
  });

  it('does not call a heap filling up after each start a leak', () => {
    // A JVM: 100 MiB → 800 MiB over the first half hour of each life, flat after; a rollout every day.
    const jvm = historyOf(seriesOf(days(6), (i) => ({ cpu: 0.3, mem: (100 + 700 * (1 - Math.exp(-(i % 1440) / 10))) * MiB * (1 + 0.005 * jitter(i)) })));
    const r = recommend(jvm);
    expect(r.signals.leaking).toBe(false);
    expect(r.proposed.memRequest).toBeLessThan(830 * MiB);
  });
});

describe('recommend: level shifts after a deploy', () => {
  const level = (before: number, after: number, shiftAtMinute: number, minutes: number) =>
    seriesOf(minutes, (i, t) => ({ cpu: (i >= shiftAtMinute ? after : before) * (1 + 0.4 * Math.cos((2 * Math.PI * t) / DAY)) * (1 + 0.05 * jitter(i)), mem: 200 * MiB }));

  it('follows a rise at once, even hours old', () => {
    const r = recommend(historyOf(level(0.2, 0.5, days(7) - 300, days(7))));
    expect(r.signals.levelShift).toBe(true);
    expect(r.evidence.levelShift).toMatchObject({ resource: 'cpu', adopted: true });
    // The old days' p99 (0.28) scaled ×2.5.
    expect(r.proposed.cpuRequest).toBeGreaterThan(0.65);
    expect(r.reasons.cpuRequest).toMatch(/usage rose ×2\.\d+/);
  });

  it('lets old behaviour go once a fall has lasted longer than a weekend', () => {
    const r = recommend(historyOf(level(0.5, 0.2, days(6) + 600, days(10))));
    expect(r.evidence.levelShift).toMatchObject({ adopted: true });
    expect(r.proposed.cpuRequest).toBeLessThan(0.32);
    expect(r.evidence.cpu.fromDay).toBeGreaterThan(START / DAY + 6);
  });

  it('waits out a fall of a day or two, unless a rollout explains it', () => {
    const fallen = level(0.5, 0.2, days(8) - 1800, days(8));
    const waiting = recommend(historyOf(fallen));
    expect(waiting.evidence.levelShift).toMatchObject({ adopted: false });
    expect(waiting.proposed.cpuRequest).toBeGreaterThan(0.65);
    const rolledOut = recommend(historyOf(fallen, {}, { changes: [START + (days(8) - 1800) * MINUTE] }));
    expect(rolledOut.evidence.levelShift).toMatchObject({ adopted: true });
    expect(rolledOut.proposed.cpuRequest).toBeLessThan(0.32);
  });
});

describe('recommend: flags', () => {
  const busy = seriesOf(days(7), (i) => ({ cpu: 0.3 * (1 + 0.2 * jitter(i)), mem: 100 * MiB }));

  it('keeps the CPU request a CPU-utilisation HPA scales on, and says why', () => {
    const r = recommend(historyOf(busy, { cpuRequest: 1 }, { flags: { hpaOnCpu: true } }));
    expect(r.proposed.cpuRequest).toBe(1);
    expect(r.reasons.cpuRequest).toMatch(/HPA/);
    expect(r.proposed.memRequest).toBeLessThan(200 * MiB);
  });

  it('sizes an init container to its peak, not a percentile', () => {
    const init = seriesOf(days(3), (i) => (i % 1440 < 10 ? { cpu: i % 1440 === 5 ? 1.5 : 0.5, mem: 50 * MiB } : undefined));
    const r = recommend(historyOf(init, {}, { flags: { role: 'init' } }));
    expect(r.proposed.cpuRequest).toBeGreaterThanOrEqual(1.5);
    expect(r.reasons.cpuRequest).toMatch(/peak of init runs/);
  });

  it('expresses the effect for all replicas', () => {
    const one = recommend(historyOf(busy, { cpuRequest: 1 }));
    const five = recommend(historyOf(busy, { cpuRequest: 1 }, { flags: { replicas: 5 } }));
    expect(five.effect.cpuCoresFreed).toBeCloseTo(5 * one.effect.cpuCoresFreed, 9);
  });
});
