import type { SetResult } from '../run-set.ts';
import type { Totals } from '../scoring/totals.ts';
import { checkGoals } from './goals.ts';

const pct = (v: number, digits = 1) => `${(v * 100).toFixed(digits)} %`;

const COLUMNS: ReadonlyArray<[string, (t: Totals) => string]> = [
  ['CPU slack', (t) => pct(t.cpuSlack)],
  ['mem slack', (t) => pct(t.memorySlack)],
  ['avg slack', (t) => pct(t.averageSlack)],
  ['CPU risk', (t) => pct(t.cpuRisk, 2)],
  ['throttle risk', (t) => pct(t.throttleRisk, 2)],
  ['OOMs/100 cd', (t) => t.oomsPer100ContainerDays.toFixed(2)],
  ['mem > req', (t) => pct(t.memoryAboveRequest, 2)],
  ['churn', (t) => pct(t.churn)],
];

const PINNED_COLUMNS: ReadonlyArray<[string, (t: Totals) => string]> = [
  ['pinned days', (t) => String(t.pinnedDays)],
  ['handled', (t) => pct(t.pinnedHandledShare)],
  ['demand > request', (t) => pct(t.pinnedMinutes ? t.pinnedAboveRequestMinutes / t.pinnedMinutes : 0)],
  ['demand > limit', (t) => pct(t.pinnedMinutes ? t.pinnedAboveLimitMinutes / t.pinnedMinutes : 0)],
];

function grid(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function rowsOf(named: ReadonlyArray<[string, Totals]>, columns: typeof COLUMNS): string[][] {
  return named.map(([name, t]) => [name, ...columns.map(([, f]) => f(t))]);
}

/** The set's table: every recommender side by side, the pinned section, ours by kind, and the goal. */
export function renderSet(result: SetResult, elapsedMs: number): string {
  const { variation: v, totals } = result;
  const ours = totals.get('ours')!;
  const oracle = totals.get('oracle')!;
  const named = [...totals.entries()];
  const days = v.days - v.firstScoredDay;
  const seeds = `${result.seeds[0]}–${result.seeds[result.seeds.length - 1]}`;
  const out = [
    `${v.name === 'project' ? 'Project' : 'Held-out'} set: ${result.containers} containers (seeds ${seeds}), rolling origin over days ${v.firstScoredDay}–${v.days - 1} of ${v.days} from ${new Date(v.startMs).toISOString().slice(0, 10)}: ${ours.containerDays} container-days, ${(elapsedMs / 1000).toFixed(1)} s`,
    '',
    grid(['', ...COLUMNS.map(([h]) => h)], rowsOf(named, COLUMNS)),
    '',
    `Pinned at the CPU limit (throttled ≥ 50 % of periods in ≥ 50 % of the last day's minutes): left out of CPU slack and risk; handled = limit removed or raised ≥ 2× and request ≥ the old limit.`,
    grid(['', ...PINNED_COLUMNS.map(([h]) => h)], rowsOf(named.filter(([name]) => name !== 'oracle'), PINNED_COLUMNS)),
    '',
    'Ours by kind:',
    grid(['', ...COLUMNS.map(([h]) => h), 'pinned handled'], [...result.byKind.get('ours')!.entries()].map(([kind, t]) => [kind, ...COLUMNS.map(([, f]) => f(t)), t.pinnedDays ? pct(t.pinnedHandledShare) : '—'])),
    '',
    `Goal (ours, all at once), ${days} scored days × ${result.containers} containers:`,
    ...checkGoals(ours, oracle).map((g) => `  ${g.met ? 'met    ' : 'NOT MET'}  ${g.text.padEnd(40)} ${g.margin}`),
  ];
  return out.join('\n');
}

export function allGoalsMet(result: SetResult): boolean {
  return checkGoals(result.totals.get('ours')!, result.totals.get('oracle')!).every((g) => g.met);
}
