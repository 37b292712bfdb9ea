import { describe, expect, it } from 'vitest';
import { MiB, observedContainer } from '../../testing/observed-container.ts';
import { vpa } from '../vpa.ts';
import { DecayingHistogram } from './decaying-histogram.ts';
import { VpaContainerState } from './vpa-container-state.ts';
import { VPA } from './vpa-defaults.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);
// Hand-computed from VPA's CPU scheme (first bucket 0.01, ratio 1.05): 0.5 cores falls in bucket
// floor(ln(0.5 × 0.05 / 0.01 + 1) / ln 1.05) = floor(25.68) = 25, which ends where bucket 26 starts:
// 0.01 × (1.05^26 − 1) / 0.05 = 0.5111345…; 1.0 core in floor(ln 6 / ln 1.05) = 36, ending at 0.01 × (1.05^37 − 1) / 0.05.
const END_OF_BUCKET_25 = 0.5111345;
const END_OF_BUCKET_36 = (0.01 * (1.05 ** 37 - 1)) / 0.05;

describe('VPA: decaying histogram', () => {
  it('weighs a sample a half-life newer twice as much, and answers the end of the bucket that crosses the percentile', () => {
    const h = new DecayingHistogram(VPA.cpuBuckets, VPA.cpuHalfLifeMs);
    h.add(0.5, 1, T0);
    h.add(1.0, 1, T0 + DAY); // weight 2
    // Total 3: up to a third of the weight the 0.5-core bucket answers; past it, the 1-core one.
    expect(h.percentile(0.3)).toBeCloseTo(END_OF_BUCKET_25, 6);
    expect(h.percentile(0.34)).toBeCloseTo(END_OF_BUCKET_36, 9);
    expect(END_OF_BUCKET_36).toBeCloseTo(1.01628, 4);
  });

  it('keeps the same answers after shifting its reference far ahead', () => {
    const h = new DecayingHistogram(VPA.cpuBuckets, VPA.cpuHalfLifeMs);
    h.add(0.5, 1, T0);
    h.add(1.0, 1, T0 + 120 * DAY); // past 2^100: the reference moves
    h.add(0.5, 1, T0 + 120 * DAY);
    expect(h.percentile(0.49)).toBeCloseTo(END_OF_BUCKET_25, 6);
    expect(h.percentile(0.51)).toBeCloseTo(END_OF_BUCKET_36, 9);
  });
});

describe('VPA: container state', () => {
  it('keeps one memory peak per 24 h window, stamped with the window end', () => {
    const s = new VpaContainerState();
    s.addMemory(T0, 2e8);
    s.addMemory(T0 + 3_600_000, 3e8); // same window: replaces the peak
    s.addMemory(T0 + DAY + 60_000, 5e8); // next window, weight 2
    // p90 of {3e8: 1, 5e8: 2} is 5e8's bucket: bucket 25 of the memory scheme (1e7 × 50 = 5e8), ending at 5.111345e8.
    expect(s.target().memory).toBeCloseTo(5.111345e8 * 1.15, -3);
  });

  it('turns an OOM kill into a sample of max(used + 100 MiB, used × 1.2), used the larger of request and peak', () => {
    const s = new VpaContainerState();
    s.addMemory(T0, 150 * MiB);
    s.recordOom(T0 + 60_000, 200 * MiB); // used = 200 MiB → 300 MiB
    const targetFor = (bytes: number) => VPA.memoryBuckets.end(VPA.memoryBuckets.indexOf(bytes)) * 1.15;
    expect(s.target().memory).toBe(targetFor(300 * MiB));
    const big = new VpaContainerState();
    big.addMemory(T0, 600 * MiB);
    big.recordOom(T0 + 60_000, 100 * MiB); // used = 600 MiB → 720 MiB
    expect(big.target().memory).toBe(targetFor(720 * MiB));
    expect(targetFor(720 * MiB)).toBeGreaterThan(720 * MiB * 1.15);
  });

  it('targets p90 × 1.15, at least 25 millicores and 250 MiB a pod, split across its containers', () => {
    const s = new VpaContainerState();
    for (let i = 0; i < 100; i++) s.addCpu(T0 + i * 60_000, i < 95 ? 0.5 : 1.0);
    expect(s.target().cpu).toBeCloseTo(END_OF_BUCKET_25 * 1.15, 6);
    const idle = new VpaContainerState();
    idle.addCpu(T0, 0.001);
    idle.addMemory(T0, 1e6);
    expect(idle.target()).toEqual({ cpu: 0.025, memory: 250 * MiB });
    expect(idle.target(2)).toEqual({ cpu: 0.0125, memory: 125 * MiB });
  });
});

describe('VPA recommender', () => {
  it('sets requests and keeps the team’s limit/request ratio', () => {
    const c = observedContainer(1440, () => ({ cpu: 0.5, mem: 5e8 }), { cpuRequest: 1, cpuLimit: 2, memRequest: 1e9, memLimit: 1.5e9 });
    const follower = vpa.forContainer(c);
    follower.learn(0, 1440);
    const p = follower.propose(1440);
    expect(p.cpuRequest).toBe(Math.floor(END_OF_BUCKET_25 * 1.15 * 1000) / 1000);
    expect(p.cpuLimit).toBeCloseTo(2 * p.cpuRequest!, 9);
    expect(p.memLimit).toBeCloseTo(1.5 * p.memRequest!, 0);
  });
});
