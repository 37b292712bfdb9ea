import { ContainerDigest, DEFAULT_POLICY, type MinuteSeries, type Recommendation, recommendFromDigest, type RecommendPolicy } from '../../agent-core/recommend/index.ts';
import { MS_PER_MINUTE } from '../shapes/demand-shape.ts';
import type { EvalContainer } from '../trace/eval-container.ts';
import { settingsAt } from '../trace/settings-timeline.ts';
import type { Recommender } from './recommender.ts';

/** Our engine, fed day by day through a digest exactly as the live agent would feed it minute by minute. */
export function oursRecommender(policy: Partial<RecommendPolicy> = {}, onRecommendation?: (c: EvalContainer, origin: number, r: Recommendation) => void): Recommender {
  const windowDays = policy.windowDays ?? DEFAULT_POLICY.windowDays;
  return {
    name: 'ours',
    forContainer(c) {
      const digest = new ContainerDigest(windowDays);
      const series: MinuteSeries = { t: c.observed.t, cpuCores: c.observed.cpu, memoryBytes: c.observed.mem, throttledRatio: c.observed.throttled, oomKills: c.oomKills };
      const changes = c.settings.filter((s) => s.fromMinute > 0).map((s) => s.fromMinute);
      return {
        learn(from, to) {
          digest.addSeries(series, 0, from, to);
          for (const m of changes) if (m >= from && m < to) digest.noteChange(c.startMs + m * MS_PER_MINUTE);
        },
        propose(origin) {
          const current = settingsAt(c.settings, origin - 1);
          const r = recommendFromDigest(digest, { key: c.key, current }, { policy, now: c.startMs + origin * MS_PER_MINUTE - 1 });
          onRecommendation?.(c, origin, r);
          return r.proposed;
        },
      };
    },
  };
}
