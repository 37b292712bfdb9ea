import type { ContainerDigest } from './container-digest.ts';
import { type DaySlice, MS_PER_DAY, MS_PER_HOUR, dayOf } from './day-slice.ts';
import { DEFAULT_LEVEL_SHIFT, type LevelShift } from './level-shift.ts';
import { levelShiftOf } from './level-shift-memo.ts';
import { type ProposalContext, utcHour } from './proposal-context.ts';
import type { Evidence, Percentiles } from './recommendation.ts';
import { formatMemory, roundMemoryUp } from './rounding.ts';
import { memoryPercentiles, type OomStats, oomStats, slicesFrom } from './window-stats.ts';

const MIN_FALL = DEFAULT_LEVEL_SHIFT.minFactor;
/** A projection counts as a leak only when it reaches this far above the highest peak seen. */
const LEAK_OVER_PEAK = 1.1;

export interface MemoryProposal {
  request: number | null;
  limit: number | null;
  reasons: { request: string; limit: string };
  usage: Percentiles & { dailyPeaks: number[]; fromDay: number };
  /** Share of the minutes learned from with the working set above the current request. */
  aboveCurrentRequest: number;
  ooms: OomStats;
  shift: (LevelShift & { adopted: boolean }) | null;
  leak: Evidence['leak'];
}

/**
 * Memory request from the highest daily peak of the days that count, with headroom that grows with how
 * much daily peaks vary; after OOM kills at least VPA's bump of the level killed at; for a leak, the peak
 * its growth reaches before the restarts seen would come. Limit: the request plus a cushion.
 */
export function proposeMemory(slices: readonly DaySlice[], digest: ContainerDigest, ctx: ProposalContext): MemoryProposal {
  const { policy, current, flags } = ctx;
  const { slices: learned, shift } = learnMemoryDays(slices, digest, ctx);
  const wholeWindow = learned === slices && digest.windowEndsAt(ctx.now) ? digest.windowMemory : undefined;
  const { shareAbove: aboveCurrentRequest, ...usage } = memoryPercentiles(learned, current.memRequest ?? undefined, wholeWindow);
  const dailyPeaks = learned.map((s) => s.memoryPeak).filter((p) => p >= 0);
  const peak = usage.max;
  // The highest of n daily peaks is already about the 1 − 1/(n+1) quantile of days: a 1/n share of how far
  // the worst day stood above a typical one covers the next worse day without paying for it every day.
  const margin = Math.min(policy.memoryMarginMax, Math.max(policy.memoryMarginMin, 1 + relativeSpread(dailyPeaks) / Math.max(1, dailyPeaks.length)));
  let target = peak * margin;
  let reason = `highest daily peak over ${dailyPeaks.length} d is ${formatMemory(roundMemoryUp(peak))}, +${Math.round((margin - 1) * 100)} % for how much daily peaks vary`;
  if (shift?.adopted) reason += ` (working set fell ×${shift.factor.toFixed(2)} from ${utcHour(shift.at)}; earlier days left out)`;

  const ooms = oomStats(learned);
  if (ooms.count > 0) {
    const bump = Math.max(ooms.level + policy.oomBumpBytes, ooms.level * policy.oomBumpRatio);
    if (bump > target) {
      target = bump;
      reason = `OOM-killed ${ooms.count}× in ${ooms.days} d at ${formatMemory(roundMemoryUp(ooms.level))}: +max(${formatMemory(policy.oomBumpBytes)}, ${Math.round((policy.oomBumpRatio - 1) * 100)} %)`;
    }
  }
  const leak = projectLeak(learned, digest, ooms, peak, ctx);
  if (leak && leak.projectedPeakBytes * policy.memoryMarginMin > target) {
    target = leak.projectedPeakBytes * policy.memoryMarginMin;
    const cadence = leak.restartEveryHours === null ? 'a day' : `the ${leak.restartEveryHours.toFixed(0)} h between restarts`;
    reason = `leaks ${formatMemory(roundMemoryUp(leak.growthBytesPerHour))}/h within each life: over ${cadence} it reaches ${formatMemory(roundMemoryUp(leak.projectedPeakBytes))}${ooms.count ? ` (OOM-killed ${ooms.count}×)` : ''}; fixing the leak would free this`;
  }
  if (flags.hpaOnMemory && current.memRequest !== null) {
    target = current.memRequest;
    reason = `kept: an HPA scales this workload on memory utilisation of the request (peak ${formatMemory(roundMemoryUp(peak))})`;
  }
  if (target < policy.minMemoryBytes) {
    target = policy.minMemoryBytes;
    reason += `; raised to the ${formatMemory(policy.minMemoryBytes)} floor`;
  }
  const request = roundMemoryUp(target);
  const limit = adviseMemoryLimit(request, ctx);
  return {
    request,
    limit,
    reasons: { request: reason, limit: memoryLimitReason(request, limit, ctx) },
    usage: { ...usage, dailyPeaks, fromDay: learned[0]?.day ?? NaN },
    aboveCurrentRequest,
    ooms,
    shift,
    leak,
  };
}

/**
 * No limit where there was none (whether to have one is a policy the readiness checks raise). Otherwise the
 * team's limit stays (it reserves nothing; lowering it only adds OOM risk) between the request plus a
 * cushion and `maxLimitOverRequest`× the request.
 */
function adviseMemoryLimit(request: number, ctx: ProposalContext): number | null {
  const { current, policy } = ctx;
  if (current.memLimit === null) return null;
  return roundMemoryUp(Math.max(request * policy.memoryLimitOverRequest, Math.min(current.memLimit, request * policy.maxLimitOverRequest)));
}

function memoryLimitReason(request: number, limit: number | null, ctx: ProposalContext): string {
  const { current, policy } = ctx;
  if (limit === null) return 'no limit set, none added: whether to have one is a policy choice (see the readiness checks)';
  if (limit === current.memLimit) return 'kept: a limit reserves nothing, so lowering it frees nothing and only risks OOM kills';
  if (limit > current.memLimit!) return `raised to the request +${Math.round((policy.memoryLimitOverRequest - 1) * 100)} %: a near miss then costs minutes above the request, not an OOM kill`;
  return `lowered to ${policy.maxLimitOverRequest}× the new request (${formatMemory(request)}), the most a LimitRange usually allows`;
}

/** Days whose memory counts: all of the window, or those after a fall in level that has lasted. */
function learnMemoryDays(slices: readonly DaySlice[], digest: ContainerDigest, ctx: ProposalContext): { slices: readonly DaySlice[]; shift: (LevelShift & { adopted: boolean }) | null } {
  // A fall can only be followed if the newest day is well below the highest: otherwise skip the search.
  const newest = slices[slices.length - 1]!.memoryPeak;
  let highest = 0;
  for (const s of slices) if (s.memoryPeak > highest) highest = s.memoryPeak;
  if (!(newest < highest / MIN_FALL)) return { slices, shift: null };
  const shift = levelShiftOf(digest, 'memory', slices, ctx.now);
  // A rise is covered by the highest peak already; only a lasting fall changes what counts.
  if (!shift || shift.factor > 1) return { slices, shift: shift ? { ...shift, adopted: true } : null };
  const afterRollout = ctx.changes.some((c) => Math.abs(c - shift.at) <= ctx.policy.rolloutMatchMs);
  const adoptAfter = afterRollout ? ctx.policy.downShiftAdoptHoursAfterRollout : ctx.policy.downShiftAdoptHours;
  const after = slicesFrom(slices, dayOf(shift.at) + 1);
  if (shift.hoursSince < adoptAfter || after.length === 0) return { slices, shift: { ...shift, adopted: false } };
  return { slices: after, shift: { ...shift, adopted: true } };
}

/**
 * A leak's peak: the highest level a life started at, plus the steepest growth of a life times the
 * cadence of plain restarts (deploys, planned restarts). Without restarts to go by, a day of
 * growth past the level it was killed at. Capped: past `leakProjectionCap`× the fix is the leak, not the limit.
 */
function projectLeak(slices: readonly DaySlice[], digest: ContainerDigest, ooms: OomStats, peak: number, ctx: ProposalContext): Evidence['leak'] {
  let growth = 0;
  let startLevel = 0;
  const intervals: number[] = [];
  for (const s of slices) {
    growth = Math.max(growth, s.lifeGrowthMax);
    startLevel = Math.max(startLevel, s.lifeStartMax);
    if (s.restartIntervalMin > 0) intervals.push(s.restartIntervalMin);
  }
  // A restart hidden by an OOM kill makes one interval look twice as long: the typical day's shortest is the cadence.
  const interval = intervals.length ? medianOf(intervals) : 0;
  const windowStart = slices.length ? slices[0]!.day * MS_PER_DAY : Infinity;
  for (const pod of digest.pods) if (pod.lastT >= windowStart) growth = Math.max(growth, pod.currentGrowth());
  if (!(growth > 0)) return null;
  let projected: number;
  if (interval > 0 && startLevel > 0) projected = startLevel + growth * interval;
  else if (ooms.count > 0) projected = ooms.level + growth * MS_PER_DAY;
  else return null;
  projected = Math.min(projected, ctx.policy.leakProjectionCap * Math.max(ooms.level, peak));
  if (projected < peak * LEAK_OVER_PEAK) return null;
  return { growthBytesPerHour: growth * MS_PER_HOUR, restartEveryHours: interval > 0 ? interval / MS_PER_HOUR : null, projectedPeakBytes: projected };
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** (max − median) / median: how far the worst day stood above a typical one. */
function relativeSpread(values: number[]): number {
  if (values.length < 2) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  return median > 0 ? (sorted[sorted.length - 1]! - median) / median : 0;
}
