import type { DaySlice } from './day-slice.ts';

export interface Trend {
  /** Relative growth per day of the daily mean. */
  perDay: number;
  /** Factor from the newest full day's level to the coming day's: a high percentile of a rising series already sits in its newest days. */
  factorAhead: number;
}

const MIN_DAYS = 5;
/** Hours of data that make a day count. */
const FULL_DAY_HOURS = 20;
/** Slope in standard errors before a trend is believed. */
const MIN_T = 3;
/** Growth below this a day is noise whatever the statistics say. */
const MIN_PER_DAY = 0.005;

/**
 * A steady rise of the daily mean CPU (a growing customer base, a filling queue): log of each full day's
 * mean regressed on the day. Only a rise is followed — a percentile of the past then lags the coming
 * day; a fall only costs slack until the window forgets it (and a weekend at the end of the window must
 * not pass for one).
 */
export function risingTrend(slices: readonly DaySlice[], nextDay: number): Trend | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of slices) {
    if (s.hoursWithCpu < FULL_DAY_HOURS || !(s.cpuMean > 0)) continue;
    xs.push(s.day);
    ys.push(Math.log(s.cpuMean));
  }
  const n = xs.length;
  if (n < MIN_DAYS) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const slope = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - my - slope * (xs[i]! - mx)) ** 2;
  const se = Math.sqrt(sse / (n - 2) / sxx);
  if (slope < Math.log1p(MIN_PER_DAY) || slope < MIN_T * se) return null;
  return { perDay: Math.expm1(slope), factorAhead: Math.exp(slope * (nextDay - xs[n - 1]!)) };
}
