import type { Totals } from '../scoring/totals.ts';

export interface GoalCheck {
  text: string;
  met: boolean;
  /** How far from the goal: "0.8 % (60 % under)" or "3.1 % (1.55× the limit)". */
  margin: string;
}

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

function atMost(value: number, limit: number, text: string, show: (v: number) => string): GoalCheck {
  const met = value <= limit;
  const how = limit === 0 ? '' : met ? `${((1 - value / limit) * 100).toFixed(0)} % under` : `${(value / limit).toFixed(2)}× the limit`;
  return { text, met, margin: `${show(value)} (${how})` };
}

/** The goal, all at once, for one row against the oracle's. */
export function checkGoals(ours: Totals, oracle: Totals): GoalCheck[] {
  const slackRatio = oracle.averageSlack > 0 ? ours.averageSlack / oracle.averageSlack : Infinity;
  return [
    atMost(ours.cpuRisk, 0.02, 'CPU risk ≤ 2 %', pct),
    atMost(ours.throttleRisk, 0.01, 'throttle risk ≤ 1 %', pct),
    atMost(ours.oomsPer100ContainerDays, 0.5, 'OOMs ≤ 0.5 per 100 container-days', (v) => v.toFixed(2)),
    atMost(ours.memoryAboveRequest, 0.01, 'memory above request ≤ 1 % of minutes', pct),
    atMost(slackRatio, 1.25, "average slack ≤ 1.25× the oracle's", (v) => `${v.toFixed(2)}× (${pct(ours.averageSlack)} vs ${pct(oracle.averageSlack)})`),
    {
      text: '≥ 95 % of pinned container-days handled',
      met: ours.pinnedHandledShare >= 0.95,
      margin: `${(ours.pinnedHandledShare * 100).toFixed(1)} % of ${ours.pinnedDays}`,
    },
  ];
}
