import { type DaySlice, dayOf } from './day-slice.ts';
import type { ContainerDigest } from './container-digest.ts';
import type { LevelShift } from './level-shift.ts';
import { levelShiftOf } from './level-shift-memo.ts';
import { risingTrend } from './trend.ts';
import { type ProposalContext, percent, utcHour } from './proposal-context.ts';
import type { Percentiles } from './recommendation.ts';
import { formatCpu, roundCpuUp } from './rounding.ts';
import { type CpuPercentiles, cpuPercentileAt, cpuPercentiles, dailyCpuPercentile, slicesBefore, slicesFrom, type ThrottleStats, throttleStats } from './window-stats.ts';

/** Throttled in most periods (≥ 50 %) in at least this share of minutes: pinned at the limit. */
const PINNED_HEAVY_SHARE = 0.5;
/** Headroom for day-to-day variation stops here: past it, the level shift and trend rules are the ones to act. */
const MAX_SPREAD_MARGIN = 0.3;
/** Hours of data that make a day count in the daily spread. */
const FULL_DAY_HOURS = 20;
/** The span of quantiles below the limit whose slope is continued past it. */
const TAIL_FIT_SHARE = 0.05;
/** A steeper rise than this over that span is a jump between levels, not a curve to continue. */
const MAX_TAIL_STEP = 1.5;


export interface CpuProposal {
  request: number | null;
  limit: number | null;
  reasons: { request: string; limit: string };
  usage: Percentiles & { fromDay: number };
  /** Share of the window's minutes above the current request. */
  aboveCurrentRequest: number;
  throttling: ThrottleStats | null;
  shift: (LevelShift & { adopted: boolean }) | null;
  pinned: boolean;
  throttled: boolean;
}

/** The CPU request and limit advice for one container from its days in the window. */
export function proposeCpu(slices: readonly DaySlice[], digest: ContainerDigest, ctx: ProposalContext): CpuProposal {
  const { policy, current, flags } = ctx;
  const learned = learnCpuLevel(slices, digest, ctx, flags.role === 'init');
  const { atShare: _share, shareAbove: _above, ...percentiles } = learned.slices === slices ? learned.whole : cpuPercentiles(learned.slices);
  const usage = { ...percentiles, fromDay: learned.slices[0]?.day ?? NaN };
  const throttling = throttleStats(learned.slices);
  const limit = current.cpuLimit;
  const throttledShare = throttling?.throttledShare ?? 0;
  const saturatedShare = throttling?.saturatedShare ?? 0;
  const pinned = limit !== null && (throttling?.heavyShare ?? 0) >= PINNED_HEAVY_SHARE;
  // More minutes at the limit than the percentile leaves out: the percentile itself lies above the limit.
  const censored = limit !== null && saturatedShare > 1 - policy.cpuPercentile;

  if (!Number.isFinite(learned.estimate)) {
    // Memory minutes but not one CPU minute yet (a rate needs two samples): nothing to size CPU from.
    const kept = 'kept: no CPU usage measured yet';
    return { request: current.cpuRequest, limit: current.cpuLimit, reasons: { request: kept, limit: kept }, usage, aboveCurrentRequest: 0, throttling, shift: null, pinned: false, throttled: false };
  }

  // A trend is measured within one level: across a shift it would only restate the shift.
  const level = learned.shift ? slicesFrom(slices, dayOf(learned.shift.at) + 1) : learned.slices;
  const trend = flags.role === 'init' ? null : risingTrend(level, dayOf(ctx.now) + 1);
  const spread = dailySpread(level, policy.cpuPercentile);
  const margin = Math.max(policy.cpuMargin, 1 + Math.min(MAX_SPREAD_MARGIN, spread.spread / Math.max(1, spread.days)));
  let request = learned.estimate * margin * (trend?.factorAhead ?? 1);
  let requestReason = learned.basis + (margin >= 1.01 ? `, +${Math.round((margin - 1) * 100)} % for how much the daily p${Math.round(policy.cpuPercentile * 100)} varies` : '');
  if (trend) requestReason += `; usage grows ${(trend.perDay * 100).toFixed(1)} % a day, so ×${trend.factorAhead.toFixed(2)} for the coming day`;
  if (limit !== null && (pinned || censored)) {
    const hidden = censored ? extrapolateAboveLimit(learned.slices, saturatedShare, limit, ctx) : limit;
    if (request < hidden) {
      request = hidden;
      requestReason =
        `at its ${formatCpu(limit)} limit in ${percent(saturatedShare)} of minutes, throttled in ${percent(throttledShare)}: usage understates demand, ` +
        (hidden > limit ? `so the request continues the usage curve past the limit (${formatCpu(roundCpuUp(hidden))})` : 'so the request is at least the current limit');
    }
  }
  if (flags.hpaOnCpu && current.cpuRequest !== null && !pinned && !censored) {
    request = current.cpuRequest;
    requestReason = `kept: an HPA scales this workload on CPU utilisation of the request (p99 usage ${formatCpu(roundCpuUp(usage.p99))}); tune the HPA's target instead`;
  }
  if (request < policy.minCpuCores) {
    request = policy.minCpuCores;
    requestReason += `; raised to the ${formatCpu(policy.minCpuCores)} floor`;
  }
  const proposedRequest = roundCpuUp(request);
  const limitAdvice = adviseCpuLimit(proposedRequest, usage.max, throttling, pinned || censored, ctx);
  return {
    request: proposedRequest,
    limit: limitAdvice.limit,
    reasons: { request: requestReason, limit: limitAdvice.reason },
    usage,
    aboveCurrentRequest: learned.whole.shareAbove,
    throttling,
    shift: learned.shift,
    pinned,
    throttled: throttledShare >= policy.throttledShareKeepLimit,
  };
}

/**
 * Where the CPU percentile would lie had the limit not capped usage: the quantile curve just below the
 * limit, continued in log space over the share of minutes hidden at the limit. When usage jumps to the
 * limit from a much lower level (bursts far above a quiet base), the curve says nothing about the bursts'
 * height. Either way the answer stops halfway to the raised limit: beyond, only a day under the raised
 * limit can tell, and the next recommendation will see it.
 */
function extrapolateAboveLimit(slices: readonly DaySlice[], saturatedShare: number, limit: number, ctx: ProposalContext): number {
  const below = 1 - saturatedShare - TAIL_FIT_SHARE;
  if (below <= 0) return limit;
  const halfwayToRaisedLimit = limit * (1 + (ctx.policy.throttledLimitFactor - 1) / 2);
  const q = cpuPercentileAt(slices, below);
  if (!(q > 0) || q >= limit) return limit;
  if (limit / q > MAX_TAIL_STEP) return halfwayToRaisedLimit;
  const hiddenShare = saturatedShare - (1 - ctx.policy.cpuPercentile);
  return Math.min(halfwayToRaisedLimit, limit * Math.pow(limit / q, hiddenShare / TAIL_FIT_SHARE));
}

/**
 * (highest − median) / median of each full day's percentile: how far the worst day stood above a typical
 * one. A 1/n share of it is the margin: the pooled percentile of n days already covers most of the worst.
 */
function dailySpread(slices: readonly DaySlice[], share: number): { spread: number; days: number } {
  const daily: number[] = [];
  for (const s of slices) if (s.hoursWithCpu >= FULL_DAY_HOURS) daily.push(dailyCpuPercentile(s, share));
  if (daily.length < 3) return { spread: 0, days: daily.length };
  daily.sort((a, b) => a - b);
  const median = daily[daily.length >> 1]!;
  return { spread: median > 0 ? (daily[daily.length - 1]! - median) / median : 0, days: daily.length };
}

interface LearnedLevel {
  /** The CPU level the request should cover, before margin. */
  estimate: number;
  /** In words, for the reason line. */
  basis: string;
  /** The days the proposal learned from (after an adopted shift, only the new level's). */
  slices: readonly DaySlice[];
  /** Percentiles over all the days. */
  whole: CpuPercentiles;
  shift: (LevelShift & { adopted: boolean }) | null;
}

/**
 * The percentile the request should cover. After a level shift the old behaviour must not dominate:
 * a rise is followed at once (scaling the old days by the shift, so a few hours of new level already
 * count as whole days); a fall only once it has lasted longer than a weekend, or a day after a rollout.
 */
function learnCpuLevel(slices: readonly DaySlice[], digest: ContainerDigest, ctx: ProposalContext, isInit: boolean): LearnedLevel {
  const { policy } = ctx;
  const share = isInit ? 1 : policy.cpuPercentile;
  const label = isInit ? 'peak of init runs' : `p${Math.round(policy.cpuPercentile * 100)}`;
  const percentiles = cpuPercentiles(slices, share, ctx.current.cpuRequest ?? undefined, digest.windowEndsAt(ctx.now) ? digest.windowCpu : undefined);
  const whole = percentiles.atShare;
  const spanDays = slices.length ? slices[slices.length - 1]!.day - slices[0]!.day + 1 : 0;
  const baseline: LearnedLevel = { estimate: whole, basis: `${label} of usage over ${spanDays} d is ${formatCpu(roundCpuUp(whole))}`, slices, whole: percentiles, shift: null };
  if (isInit) return baseline;
  const shift = levelShiftOf(digest, 'cpu', slices, ctx.now);
  if (!shift) return baseline;

  const shiftDay = dayOf(shift.at);
  const before = slicesBefore(slices, shiftDay);
  const after = slicesFrom(slices, shiftDay + 1);
  const scaledBefore = before.length ? shift.factor * cpuPercentileAt(before, share) : NaN;
  const afterLevel = after.length ? cpuPercentileAt(after, share) : NaN;
  const change = `usage ${shift.factor > 1 ? 'rose' : 'fell'} ×${shift.factor.toFixed(2)} from ${utcHour(shift.at)}`;
  if (shift.factor > 1) {
    const estimate = Math.max(whole, finiteOr(scaledBefore, 0), finiteOr(afterLevel, 0));
    return { estimate, basis: `${change}: ${label} scaled to the new level is ${formatCpu(roundCpuUp(estimate))}`, slices, whole: percentiles, shift: { ...shift, adopted: true } };
  }
  const afterRollout = ctx.changes.some((c) => Math.abs(c - shift.at) <= policy.rolloutMatchMs);
  const adoptAfter = afterRollout ? policy.downShiftAdoptHoursAfterRollout : policy.downShiftAdoptHours;
  if (shift.hoursSince < adoptAfter || after.length === 0) {
    return { ...baseline, basis: `${baseline.basis} (${change}; followed once it has lasted ${adoptAfter} h)`, shift: { ...shift, adopted: false } };
  }
  const estimate = Math.max(finiteOr(afterLevel, 0), finiteOr(scaledBefore, 0));
  return {
    estimate,
    basis: `${change}${afterRollout ? ' after a rollout' : ''}: ${label} of the new level is ${formatCpu(roundCpuUp(estimate))}`,
    slices: after,
    whole: percentiles,
    shift: { ...shift, adopted: true },
  };
}

/**
 * A limit never throttles a container more than it did: with throttling above the threshold the limit is
 * raised at least `throttledLimitFactor`× (or removed), never lowered. Without throttling the team's limit
 * stays (it reserves nothing) unless it exceeds `maxLimitOverRequest`× the new request, and never below the
 * request or the highest minute seen plus a margin. No limit is ever added.
 */
function adviseCpuLimit(request: number, maxUsage: number, throttling: ThrottleStats | null, atLimit: boolean, ctx: ProposalContext): { limit: number | null; reason: string } {
  const { current, policy } = ctx;
  const limit = current.cpuLimit;
  if (limit === null) return { limit: null, reason: 'no limit set, none advised: the request already guarantees the share, a limit would only throttle' };
  const throttledShare = throttling?.throttledShare ?? 0;
  if (throttledShare >= policy.throttledShareRaiseLimit || atLimit) {
    const why = `throttled in ${percent(throttledShare)} of minutes at ${formatCpu(limit)}${atLimit ? ': usage sits at the limit and understates demand' : ''}`;
    if (policy.throttledLimitAdvice === 'remove') return { limit: null, reason: `remove the limit: ${why}` };
    const raised = roundCpuUp(Math.max(limit * policy.throttledLimitFactor, request));
    return { limit: raised, reason: `raise ≥${policy.throttledLimitFactor}× (or remove it): ${why}` };
  }
  const floor = Math.max(request, maxUsage * policy.cpuLimitOverMax);
  const ceiling = request * policy.maxLimitOverRequest;
  let proposed = Math.max(floor, Math.min(limit, ceiling));
  let reason =
    proposed === limit
      ? 'kept: a limit reserves nothing, so lowering it frees nothing and only risks throttling'
      : proposed === floor
        ? `raised to ${Math.round((policy.cpuLimitOverMax - 1) * 100)} % over the highest minute (${formatCpu(roundCpuUp(maxUsage))})`
        : `lowered to ${policy.maxLimitOverRequest}× the new request, the most a LimitRange usually allows`;
  if (throttledShare >= policy.throttledShareKeepLimit && proposed < limit) {
    proposed = limit;
    reason = `kept: throttled in ${percent(throttledShare)} of minutes, so the limit is not lowered`;
  }
  return { limit: roundCpuUp(proposed), reason };
}

const finiteOr = (value: number, fallback: number) => (Number.isFinite(value) ? value : fallback);
