import { type ContainerFlags, type ContainerHistory, type ResourceValues } from './container-history.ts';
import { ContainerDigest } from './container-digest.ts';
import { confidenceOf } from './confidence.ts';
import { proposeCpu } from './cpu-proposal.ts';
import { proposeMemory } from './memory-proposal.ts';
import { DEFAULT_POLICY, type RecommendPolicy } from './policy.ts';
import { percent, type ProposalContext } from './proposal-context.ts';
import type { Effect, Recommendation } from './recommendation.ts';
import { recommendationId } from './recommendation-id.ts';

export interface RecommendOptions {
  policy?: Partial<RecommendPolicy>;
  /** ms epoch the recommendation is for: only days up to this one count. Default: the newest minute seen. */
  now?: number;
}

/** What the live agent keeps per container besides its digest. */
export interface DigestSubject {
  key: string;
  current: ResourceValues;
  flags?: ContainerFlags;
  /** Rollouts and settings changes (the digest's own noted changes are used too). */
  changes?: readonly number[];
}

/** One recommendation from a container's whole history (a trace, or minutes read from the store). */
export function recommend(history: ContainerHistory, options: RecommendOptions = {}): Recommendation {
  const policy = policyOf(options);
  const digest = digestOf(history, policy.windowDays);
  return recommendFromDigest(digest, { key: history.key, current: history.current, flags: history.flags, changes: history.changes }, options);
}

/** Summarises a history into a digest the live agent can then keep up to date minute by minute. */
export function digestOf(history: ContainerHistory, windowDays = DEFAULT_POLICY.windowDays): ContainerDigest {
  const digest = new ContainerDigest(windowDays);
  history.series.forEach((series, pod) => digest.addSeries(series, pod));
  for (const t of history.changes ?? []) digest.noteChange(t);
  return digest;
}

/**
 * The recommendation from a digest: O(days × buckets), no pass over minutes, so the live agent can
 * recompute every container whenever a minute arrives.
 */
export function recommendFromDigest(digest: ContainerDigest, subject: DigestSubject, options: RecommendOptions = {}): Recommendation {
  const policy = policyOf(options);
  const now = options.now ?? digest.lastT;
  const slices = Number.isFinite(now) ? digest.slicesUpTo(now) : [];
  const flags = subject.flags ?? {};
  const current = subject.current;
  if (slices.length === 0) return keepCurrent(subject, now);
  const ctx: ProposalContext = { current, flags, policy, changes: [...digest.changes, ...(subject.changes ?? [])], now };

  const cpu = proposeCpu(slices, digest, ctx);
  const memory = proposeMemory(slices, digest, ctx);
  const proposed: ResourceValues = { cpuRequest: cpu.request, cpuLimit: cpu.limit, memRequest: memory.request, memLimit: memory.limit };
  const cpuShift = cpu.shift ? { resource: 'cpu' as const, at: cpu.shift.at, factor: cpu.shift.factor, adopted: cpu.shift.adopted } : null;
  const memoryShift = memory.shift ? { resource: 'memory' as const, at: memory.shift.at, factor: memory.shift.factor, adopted: memory.shift.adopted } : null;
  const levelShift = cpuShift ?? memoryShift;
  const firstT = Math.max(digest.firstT, slices[0]!.day * 86_400_000);
  const lastT = Math.min(digest.lastT, now);
  return {
    id: recommendationId(subject.key, proposed),
    container: subject.key,
    current,
    proposed,
    reasons: { cpuRequest: cpu.reasons.request, cpuLimit: cpu.reasons.limit, memRequest: memory.reasons.request, memLimit: memory.reasons.limit },
    confidence: confidenceOf(slices, digest.firstT, digest.lastT, now, cpu.pinned, levelShift?.at ?? null),
    evidence: {
      coverage: { minutes: slices.reduce((n, s) => n + Math.max(s.cpu.total, s.memory.total), 0), days: slices.length, from: firstT, to: lastT },
      cpu: cpu.usage,
      memory: memory.usage,
      throttling: cpu.throttling,
      ooms: { count: memory.ooms.count, last: memory.ooms.last, levelBytes: memory.ooms.count ? memory.ooms.level : null },
      levelShift,
      leak: memory.leak,
    },
    effect: effectOf(current, proposed, flags, {
      throttledShare: cpu.throttling?.throttledShare ?? 0,
      cpuAboveRequest: cpu.aboveCurrentRequest,
      memoryAboveRequest: memory.aboveCurrentRequest,
      ooms: memory.ooms.count,
      oomDays: slices.length,
      raisesLimit: cpu.throttled && (cpu.limit === null || (current.cpuLimit !== null && cpu.limit > current.cpuLimit)),
    }),
    signals: {
      pinned: cpu.pinned,
      throttled: cpu.throttled,
      oomKilled: memory.ooms.count > 0,
      leaking: memory.leak !== null,
      levelShift: levelShift?.adopted ?? false,
    },
  };
}

/** Many containers; the cost is that of each history's minutes once. */
export function recommendAll(histories: Iterable<ContainerHistory>, options: RecommendOptions = {}): Recommendation[] {
  const out: Recommendation[] = [];
  for (const history of histories) out.push(recommend(history, options));
  return out;
}

function policyOf(options: RecommendOptions): RecommendPolicy {
  return options.policy ? { ...DEFAULT_POLICY, ...options.policy } : DEFAULT_POLICY;
}

interface Risks {
  throttledShare: number;
  cpuAboveRequest: number;
  memoryAboveRequest: number;
  ooms: number;
  oomDays: number;
  raisesLimit: boolean;
}

function effectOf(current: ResourceValues, proposed: ResourceValues, flags: ContainerFlags, risks: Risks): Effect {
  const replicas = flags.replicas ?? 1;
  const risksRemoved: string[] = [];
  if (risks.raisesLimit) risksRemoved.push(`CPU throttled in ${percent(risks.throttledShare)} of minutes`);
  if (risks.cpuAboveRequest > 0.01 && proposed.cpuRequest! > current.cpuRequest!) risksRemoved.push(`CPU above the request in ${percent(risks.cpuAboveRequest)} of minutes`);
  if (risks.ooms > 0 && proposed.memLimit !== null && (current.memLimit === null || proposed.memLimit > current.memLimit)) risksRemoved.push(`${risks.ooms} OOM kill${risks.ooms > 1 ? 's' : ''} in ${risks.oomDays} d`);
  if (risks.memoryAboveRequest > 0.01 && proposed.memRequest! > current.memRequest!) risksRemoved.push(`working set above the request in ${percent(risks.memoryAboveRequest)} of minutes`);
  return {
    cpuCoresFreed: ((current.cpuRequest ?? 0) - (proposed.cpuRequest ?? 0)) * replicas,
    memoryBytesFreed: ((current.memRequest ?? 0) - (proposed.memRequest ?? 0)) * replicas,
    risksRemoved,
  };
}

function keepCurrent(subject: DigestSubject, now: number): Recommendation {
  const { key, current } = subject;
  const none = { p50: NaN, p90: NaN, p95: NaN, p99: NaN, max: NaN };
  const reason = 'kept: no usage in the window yet';
  return {
    id: recommendationId(key, current),
    container: key,
    current,
    proposed: current,
    reasons: { cpuRequest: reason, cpuLimit: reason, memRequest: reason, memLimit: reason },
    confidence: 'low',
    evidence: {
      coverage: { minutes: 0, days: 0, from: now, to: now },
      cpu: { ...none, fromDay: NaN },
      memory: { ...none, dailyPeaks: [], fromDay: NaN },
      throttling: null,
      ooms: { count: 0, last: null, levelBytes: null },
      levelShift: null,
      leak: null,
    },
    effect: { cpuCoresFreed: 0, memoryBytesFreed: 0, risksRemoved: [] },
    signals: { pinned: false, throttled: false, oomKilled: false, leaking: false, levelShift: false },
  };
}
