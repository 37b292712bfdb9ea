import type { ResourceValues } from '../agent-core/recommend/index.ts';
import { fleetFor } from './fleet/fleet.ts';
import type { Variation } from './fleet/variation.ts';
import type { Recommender } from './recommenders/recommender.ts';
import { isPinned } from './scoring/pinned.ts';
import { scoreDay } from './scoring/score-day.ts';
import { Totals } from './scoring/totals.ts';
import type { EvalContainer } from './trace/eval-container.ts';
import { generateTrace } from './trace/generate-trace.ts';

const MINUTES_PER_DAY = 1440;

export interface SetResult {
  variation: Variation;
  seeds: readonly number[];
  containers: number;
  /** By recommender name, in the order given. */
  totals: Map<string, Totals>;
  /** By recommender name, then by container kind. */
  byKind: Map<string, Map<string, Totals>>;
}

/**
 * Generates each container's trace, then walks the rolling origin: on each scored day D every recommender
 * proposes from the observed minutes before D and is scored on D's true demand; then all learn day D.
 * One container at a time, so memory stays flat however many seeds; `onContainer` sees each trace (for --trace-out).
 */
export function runSet(variation: Variation, seeds: readonly number[], recommenders: readonly Recommender[], onContainer?: (c: EvalContainer) => void): SetResult {
  const totals = new Map(recommenders.map((r) => [r.name, new Totals()]));
  const byKind = new Map(recommenders.map((r) => [r.name, new Map<string, Totals>()]));
  const specs = fleetFor(seeds, variation);
  for (const spec of specs) {
    const c = generateTrace(spec, variation.startMs, variation.days * MINUTES_PER_DAY);
    onContainer?.(c);
    const followers = recommenders.map((r) => r.forContainer(c));
    const previous: Array<ResourceValues | undefined> = recommenders.map(() => undefined);
    for (let day = 0; day < variation.days; day++) {
      const origin = day * MINUTES_PER_DAY;
      if (day >= variation.firstScoredDay) {
        const pinned = isPinned(c, origin);
        followers.forEach((follower, i) => {
          const name = recommenders[i]!.name;
          const proposal = follower.propose(origin);
          const kinds = byKind.get(name)!;
          let kindTotals = kinds.get(c.kind);
          if (!kindTotals) kinds.set(c.kind, (kindTotals = new Totals()));
          scoreDay(c, origin, proposal, previous[i], pinned, kindTotals);
          previous[i] = proposal;
        });
      }
      for (const follower of followers) follower.learn(origin, origin + MINUTES_PER_DAY);
    }
  }
  for (const [name, kinds] of byKind) for (const t of kinds.values()) totals.get(name)!.add(t);
  return { variation, seeds, containers: specs.length, totals, byKind };
}
