import type { Recommender } from './recommender.ts';

const MINUTES_PER_DAY = 1440;

/** Knows the scored day's true demand: CPU request its p99, no CPU limit, memory request and limit its peak. */
export const oracle: Recommender = {
  name: 'oracle',
  forContainer: (c) => ({
    learn() {},
    propose(origin) {
      const cpu = c.trueCpu.slice(origin, origin + MINUTES_PER_DAY).sort();
      const p99 = cpu[Math.ceil(0.99 * cpu.length) - 1]!;
      let peak = 0;
      for (let i = origin; i < origin + MINUTES_PER_DAY; i++) peak = Math.max(peak, c.trueMemory[i]!);
      return { cpuRequest: p99, cpuLimit: null, memRequest: peak, memLimit: peak };
    },
  }),
};
