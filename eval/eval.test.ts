import { describe, expect, it } from 'vitest';
import { formatTraceLine, parseTraceLine, type ResourceValues, TraceLearner } from '../agent-core/recommend/index.ts';
import { fleetFor } from './fleet/fleet.ts';
import { dayStart, HOLDOUT, PROJECT } from './fleet/variation.ts';
import { allRecommenders } from './recommenders/all.ts';
import { oursRecommender } from './recommenders/ours.ts';
import { checkGoals } from './report/goals.ts';
import { runSet } from './run-set.ts';
import { generateTrace } from './trace/generate-trace.ts';
import { settingsAt } from './trace/settings-timeline.ts';

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

describe('npm run eval, small', () => {
  it.each([
    ['project', PROJECT, [1, 2, 3]],
    ['held-out', HOLDOUT, [100, 101, 102]],
  ] as const)('our engine meets every part of the goal on a small %s set', (_name, variation, seeds) => {
    const result = runSet(variation, seeds, allRecommenders());
    const goals = checkGoals(result.totals.get('ours')!, result.totals.get('oracle')!);
    for (const goal of goals) expect(goal.met, `${goal.text}: ${goal.margin}`).toBe(true);
    // Pinned containers exist in every set, and VPA (which keeps the limit/request ratio) mostly fails them.
    expect(result.totals.get('ours')!.pinnedDays).toBeGreaterThan(0);
    expect(result.totals.get('VPA defaults')!.pinnedHandledShare).toBeLessThan(0.5);
  });

  it('gives the CLI’s trace reader exactly the numbers of the in-process engine', () => {
    const lastOrigin = (PROJECT.days - 1) * 1440;
    const inProcess = new Map<string, ResourceValues>();
    const ours = oursRecommender({}, (c, origin, r) => origin === lastOrigin && inProcess.set(c.key, r.proposed));
    const learner = new TraceLearner(dayStart(PROJECT, PROJECT.days - 1));
    let line = 0;
    for (const spec of fleetFor([4], PROJECT)) {
      const c = generateTrace(spec, PROJECT.startMs, PROJECT.days * 1440);
      const follower = ours.forContainer(c);
      for (let day = 0; day < PROJECT.days; day++) {
        if (day === PROJECT.days - 1) follower.propose(day * 1440);
        follower.learn(day * 1440, (day + 1) * 1440);
      }
      for (let i = 0; i < c.minutes; i++) {
        const text = formatTraceLine({ container: c.key, t: c.observed.t[i]!, cpu: orNull(c.observed.cpu[i]!), mem: orNull(c.observed.mem[i]!), ...settingsAt(c.settings, i), throttled: orNull(c.observed.throttled[i]!), oom: c.observed.oom[i] === 1 });
        learner.add(parseTraceLine(text, ++line), line);
      }
    }
    const fromTrace = learner.recommendations();
    expect(fromTrace).toHaveLength(inProcess.size);
    for (const r of fromTrace) expect(r.proposed, r.container).toEqual(inProcess.get(r.container));
  });
});
