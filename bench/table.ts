// The bench's result table: each figure beside the reference measured in the same run, their ratio, and the goal.

export interface Goal {
  /** As printed, e.g. "≤ 0.8× ref" or "≤ 300 MB". */
  text: string;
  /** True when met; undefined when the row has no goal (a reference row, or context). */
  met: boolean | undefined;
  /** How far from the goal, e.g. "38 % under" or "2.1× over". */
  margin?: string;
}

export interface Row {
  figure: string;
  value: string;
  reference: string;
  /** value ÷ reference, when both are of the same unit. */
  ratio: number | undefined;
  goal: Goal;
}

/** A goal of the form value ≤ limit: met or not, and by how much. */
export function atMost(value: number, limit: number, text: string): Goal {
  if (!Number.isFinite(value)) return { text, met: false, margin: 'not measured' };
  const met = value <= limit;
  const margin = met ? `${((1 - value / limit) * 100).toFixed(0)} % under` : `${(value / limit).toFixed(2)}× the limit`;
  return { text, met, margin };
}

export const noGoal: Goal = { text: '—', met: undefined };

const formatRatio = (ratio: number | undefined) => (ratio === undefined || !Number.isFinite(ratio) ? '—' : `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`);

const verdict = (goal: Goal) => (goal.met === undefined ? '' : goal.met ? `met (${goal.margin ?? ''})` : `NOT MET (${goal.margin ?? ''})`);

/** A plain-text table; cells never wrap, columns are as wide as their widest cell. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['figure', 'value', 'reference (same run)', 'ratio', 'goal', 'met?'];
  const cells = rows.map((r) => [r.figure, r.value, r.reference, formatRatio(r.ratio), r.goal.text, verdict(r.goal)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((cell, i) => cell.padEnd(widths[i]!)).join(' │ ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(header), rule, ...cells.map(line)].join('\n');
}

/** One line per goal: met or not, and by how much. */
export function summarizeGoals(rows: readonly Row[]): string {
  const withGoal = rows.filter((r) => r.goal.met !== undefined);
  const met = withGoal.filter((r) => r.goal.met);
  return `${met.length} of ${withGoal.length} goals met` + (met.length < withGoal.length ? `; not met: ${withGoal.filter((r) => !r.goal.met).map((r) => r.figure).join('; ')}` : '');
}
