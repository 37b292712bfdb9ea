import { MS_PER_HOUR } from './day-slice.ts';

export interface LevelShift {
  /** ms epoch of the first hour of the new level. */
  at: number;
  /** New level ÷ old level (of hourly values, after removing the daily cycle). */
  factor: number;
  /** Hours with data since the shift. */
  hoursSince: number;
  /** Strength of the evidence: the difference of the two levels in standard errors. */
  tStat: number;
}

export interface LevelShiftOptions {
  /** Hours with data needed on each side. */
  minHoursBefore: number;
  minHoursAfter: number;
  /** Smallest change worth calling a shift (as a factor, > 1). */
  minFactor: number;
  /** Smallest t statistic accepted. */
  minTStat: number;
}

const RECENT_HOURS = 48;
const OLDER_STEP_HOURS = 3;

export const DEFAULT_LEVEL_SHIFT: LevelShiftOptions = { minHoursBefore: 24, minHoursAfter: 2, minFactor: 1.3, minTStat: 6 };

/**
 * Finds the single most convincing change of level in an hourly series (a deploy that made a service
 * heavier or lighter). Values are compared in log space after removing each hour-of-day's median, so a
 * daily cycle is not mistaken for a shift; the new level must hold over both halves of what follows.
 *
 * hourly[i] is the value of the hour starting at firstHourMs + i hours; NaN for hours without data.
 * `floor` keeps log() finite for idle hours.
 */
export function detectLevelShift(hourly: Float64Array, firstHourMs: number, floor: number, options: LevelShiftOptions = DEFAULT_LEVEL_SHIFT): LevelShift | undefined {
  const n = hourly.length;
  const { residual, count, sum, squares } = scratchFor(n);
  if (!removeDailyCycle(hourly, firstHourMs, floor, residual)) return undefined;

  // Prefix counts, sums and sums of squares of the residuals with data.
  for (let i = 0; i < n; i++) {
    const r = residual[i]!;
    const has = Number.isNaN(r) ? 0 : 1;
    count[i + 1] = count[i]! + has;
    sum[i + 1] = sum[i]! + (has ? r : 0);
    squares[i + 1] = squares[i]! + (has ? r * r : 0);
  }
  const total = count[n]!;
  let best: { index: number; t: number; diff: number } | undefined;
  // Every hour of the last two days is a candidate; before that every few hours is close enough (the
  // proposal works in whole days there), and it keeps a recommendation cheap.
  for (let k = 1; k < n; k += k < n - RECENT_HOURS ? OLDER_STEP_HOURS : 1) {
    const n1 = count[k]!;
    const n2 = total - n1;
    if (n1 < options.minHoursBefore || n2 < options.minHoursAfter || Number.isNaN(residual[k]!)) continue;
    const m1 = sum[k]! / n1;
    const m2 = (sum[n]! - sum[k]!) / n2;
    const within = squares[k]! - n1 * m1 * m1 + (squares[n]! - squares[k]!) - n2 * m2 * m2;
    const variance = Math.max(within / Math.max(1, n1 + n2 - 2), 1e-6);
    const t = (m2 - m1) / Math.sqrt(variance * (1 / n1 + 1 / n2));
    if (!best || Math.abs(t) > Math.abs(best.t)) best = { index: k, t, diff: m2 - m1 };
  }
  if (!best || Math.abs(best.t) < options.minTStat || Math.abs(best.diff) < Math.log(options.minFactor)) return undefined;
  if (!holdsOverBothHalves(n, count, sum, best.index, best.diff)) return undefined;
  return { at: firstHourMs + best.index * MS_PER_HOUR, factor: Math.exp(best.diff), hoursSince: total - count[best.index]!, tStat: best.t };
}

// Reused between calls (the engine is synchronous): a recommendation allocates nothing here.
let scratch = { residual: new Float64Array(0), count: new Float64Array(1), sum: new Float64Array(1), squares: new Float64Array(1), sameHour: new Float64Array(0) };
const medians = new Float64Array(24);

function scratchFor(n: number) {
  if (scratch.residual.length < n) {
    const days = Math.ceil(n / 24) + 1;
    scratch = { residual: new Float64Array(n), count: new Float64Array(n + 1), sum: new Float64Array(n + 1), squares: new Float64Array(n + 1), sameHour: new Float64Array(days) };
  }
  return scratch;
}

/** log(value) minus the median of its hour of day; false with under two days of data (no cycle to learn). */
function removeDailyCycle(hourly: Float64Array, firstHourMs: number, floor: number, out: Float64Array): boolean {
  const n = hourly.length;
  const firstHourOfDay = Math.floor(firstHourMs / MS_PER_HOUR) % 24;
  let withData = 0;
  for (let i = 0; i < n; i++) {
    const v = hourly[i]!;
    out[i] = Number.isNaN(v) ? NaN : Math.log(Math.max(v, floor));
    if (!Number.isNaN(v)) withData++;
  }
  if (withData < 48) return false;
  const sameHour = scratch.sameHour;
  for (let h = 0; h < 24; h++) {
    let k = 0;
    for (let i = (h - firstHourOfDay + 24) % 24; i < n; i += 24) if (!Number.isNaN(out[i]!)) sameHour[k++] = out[i]!;
    medians[h] = medianOf(sameHour, k);
  }
  for (let i = 0; i < n; i++) if (!Number.isNaN(out[i]!)) out[i]! -= medians[(firstHourOfDay + i) % 24]!;
  return true;
}

/** A burst is not a new level: the first and second half of what follows must each show most of the change. */
function holdsOverBothHalves(n: number, count: Float64Array, sum: Float64Array, index: number, diff: number): boolean {
  const before = sum[index]! / count[index]!;
  const after = count[n]! - count[index]!;
  if (after < 4) return true;
  let middle = index;
  while (middle < n && count[middle]! - count[index]! < after / 2) middle++;
  const firstHalf = (sum[middle]! - sum[index]!) / (count[middle]! - count[index]!);
  const secondHalf = (sum[n]! - sum[middle]!) / (count[n]! - count[middle]!);
  return (firstHalf - before) / diff >= 0.5 && (secondHalf - before) / diff >= 0.5;
}

/** Median of the first k values (sorted in place, by insertion: k is a couple of weeks' days). */
function medianOf(values: Float64Array, k: number): number {
  if (k === 0) return 0;
  for (let i = 1; i < k; i++) {
    const v = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = v;
  }
  const mid = k >> 1;
  return k % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}
