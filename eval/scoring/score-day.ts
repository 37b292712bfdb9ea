import type { ResourceValues } from '../../agent-core/recommend/index.ts';
import type { EvalContainer } from '../trace/eval-container.ts';
import { replayMemory } from '../trace/memory-replay.ts';
import { settingsAt } from '../trace/settings-timeline.ts';
import { handlesPinned } from './pinned.ts';
import type { Totals } from './totals.ts';

const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const memoryScratch = new Float64Array(MINUTES_PER_DAY);

/**
 * Scores one proposal on the day starting at minute `origin` against the true demand, as if it had been
 * in force: CPU usage = demand capped at the proposed limit; the working set replayed under the proposed
 * memory limit (kills and restarts included). Pinned containers are judged apart. A container-day counts
 * whole in the OOM rate even when a rollout cuts its scored minutes short.
 */
export function scoreDay(c: EvalContainer, origin: number, proposal: ResourceValues, previous: ResourceValues | undefined, pinned: boolean, totals: Totals): void {
  totals.containerDays++;
  const end = scoredUntil(c, origin);
  if (pinned) scorePinned(c, origin, end, proposal, totals);
  else scoreCpu(c, origin, end, proposal, totals);
  scoreMemory(c, origin, end, proposal, totals);
  if (previous) {
    totals.churnSum += (relativeChange(previous.cpuRequest, proposal.cpuRequest) + relativeChange(previous.memRequest, proposal.memRequest)) / 2;
    totals.churnDays++;
  }
}

function scoreCpu(c: EvalContainer, origin: number, end: number, p: ResourceValues, totals: Totals): void {
  const request = p.cpuRequest ?? 0;
  const limit = p.cpuLimit ?? Infinity;
  for (let i = origin; i < end; i++) {
    const demand = c.trueCpu[i]!;
    const usage = Math.min(demand, limit);
    totals.cpuMinutes++;
    totals.cpuRequestSum += request;
    if (request > usage) totals.cpuSlackSum += request - usage;
    if (demand > request) totals.cpuRiskMinutes++;
    if (demand > limit) totals.throttleRiskMinutes++;
  }
}

function scorePinned(c: EvalContainer, origin: number, end: number, p: ResourceValues, totals: Totals): void {
  const currentLimit = settingsAt(c.settings, origin - 1).cpuLimit!;
  totals.pinnedDays++;
  if (handlesPinned(currentLimit, p)) totals.pinnedHandled++;
  const request = p.cpuRequest ?? 0;
  const limit = p.cpuLimit ?? Infinity;
  for (let i = origin; i < end; i++) {
    totals.pinnedMinutes++;
    if (c.trueCpu[i]! > request) totals.pinnedAboveRequestMinutes++;
    if (c.trueCpu[i]! > limit) totals.pinnedAboveLimitMinutes++;
  }
}

function scoreMemory(c: EvalContainer, origin: number, end: number, p: ResourceValues, totals: Totals): void {
  const minutes = end - origin;
  let truePeak = 0;
  for (let i = origin; i < end; i++) truePeak = Math.max(truePeak, c.trueMemory[i]!);
  let memory: Float64Array;
  if (p.memLimit === null || p.memLimit >= truePeak) {
    memory = c.trueMemory.subarray(origin, end);
  } else {
    const limit = p.memLimit;
    totals.ooms += replayMemory(c.shape, c.startMs + origin * MS_PER_MINUTE, minutes, () => limit, c.startMs, memoryScratch);
    memory = memoryScratch;
  }
  const request = p.memRequest ?? 0;
  for (let i = 0; i < minutes; i++) {
    const bytes = memory[i]!;
    if (Number.isNaN(bytes)) continue;
    totals.memoryMinutes++;
    totals.memoryRequestSum += request;
    if (request > bytes) totals.memorySlackSum += request - bytes;
    if (bytes > request) totals.memoryAboveRequestMinutes++;
  }
}

/**
 * A team's rollout that changes requests or limits mid-day replaces whatever was applied (their spec wins):
 * the minutes after it are nobody's proposal, so scoring stops there.
 */
function scoredUntil(c: EvalContainer, origin: number): number {
  let end = origin + MINUTES_PER_DAY;
  for (const change of c.settings) if (change.fromMinute > origin && change.fromMinute < end) end = change.fromMinute;
  return end;
}

function relativeChange(before: number | null, after: number | null): number {
  if (before === null || after === null) return before === after ? 0 : 1;
  return before > 0 ? Math.abs(after - before) / before : after > 0 ? 1 : 0;
}
