// The live recommender's cost per metrics cycle at scale: feed one new minute to every container's digest, then
// recompute every recommendation from the digests (what agent-core/agent/live-recommendations.ts does after each
// cycle). Beside it, the floor a recommender that rereads history would pay: one pass summing a day of minutes
// per container.
import { ContainerDigest, recommendFromDigest, type ResourceValues } from '../agent-core/recommend/index.ts';
import { median } from './measure.ts';

export interface RecommendLiveResult {
  containers: number;
  days: number;
  cycleMs: number[];
  rereadDayMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CURRENT: ResourceValues = { cpuRequest: 0.5, cpuLimit: 1, memRequest: 512 * 2 ** 20, memLimit: 1024 * 2 ** 20 };

export function benchRecommendLive(opts: { containers: number; days: number; cycles: number; log: (line: string) => void }): RecommendLiveResult {
  const end = Math.floor(Date.now() / DAY) * DAY;
  const start = end - opts.days * DAY;
  opts.log(`recommend: ${opts.containers} digests with ${opts.days} days of hourly samples`);
  const digests: ContainerDigest[] = [];
  for (let c = 0; c < opts.containers; c++) {
    const digest = new ContainerDigest(opts.days);
    const level = 0.05 + (c % 97) / 100;
    for (let t = start; t < end; t += HOUR) {
      const wave = 1 + 0.5 * Math.sin((t / DAY) * 2 * Math.PI + c);
      digest.addMinute(c % 3, t, level * wave, 2e8 + (c % 50) * 1e7 * wave, c % 5 === 0 ? 0.3 * wave : Number.NaN);
    }
    digests.push(digest);
  }

  const cycleMs: number[] = [];
  for (let cycle = 0; cycle < opts.cycles; cycle++) {
    const t = end + cycle * MINUTE;
    const began = performance.now();
    for (let c = 0; c < digests.length; c++) digests[c]!.addMinute(c % 3, t, 0.1 + (c % 7) / 10, 3e8, Number.NaN);
    let changed = 0;
    for (let c = 0; c < digests.length; c++) {
      const r = recommendFromDigest(digests[c]!, { key: `ns/Deployment/w${c}/app`, current: CURRENT, flags: { replicas: 3 } });
      if (r.proposed.cpuRequest !== CURRENT.cpuRequest) changed++;
    }
    cycleMs.push(performance.now() - began);
    if (changed === 0) throw new Error('the recommender proposed no change at all: the bench data is not what it means to be');
  }

  // The floor for rereading: a day of minutes per container, summed once (no percentiles, no allocation).
  const day = new Float64Array(1440).map((_, i) => 0.1 + (i % 60) / 100);
  const began = performance.now();
  let sum = 0;
  for (let c = 0; c < opts.containers; c++) for (let i = 0; i < day.length; i++) sum += day[i]!;
  const rereadDayMs = performance.now() - began;
  if (!(sum > 0)) throw new Error('unreachable');
  opts.log(`recommend: median cycle ${median(cycleMs).toFixed(0)} ms`);
  return { containers: opts.containers, days: opts.days, cycleMs, rereadDayMs };
}
