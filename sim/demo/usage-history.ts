import { PodTimeline, type ContainerResources, type RestartPolicy, type UsageProfile } from '../profiles/index.ts';

const MINUTE_MS = 60_000;

/** One container's usage in one minute, as a collector would have stored it. */
export interface HistoryMinute {
  /** ms epoch of the minute's end (the sample time), on a minute boundary. */
  minute: number;
  cpuCores: number;
  workingSetBytes: number;
  /** Δthrottled periods / Δperiods; null without a CPU limit (no CFS quota, no counters). */
  throttledRatio: number | null;
}

export interface ContainerUsageHistory {
  container: string;
  minutes: HistoryMinute[];
  /** ms epoch of each OOM kill. */
  oomKills: number[];
}

/** What a past life of a container needs: its usage profile and the limits the kernel would enforce. */
export interface HistorySource {
  name: string;
  profile: UsageProfile;
  resources: ContainerResources;
}

export interface PodHistoryOptions {
  containers: readonly HistorySource[];
  nodeCpuCores: number;
  restartPolicy?: RestartPolicy;
  /** Minute boundaries: history covers the minutes ending in (fromMs, toMs]. */
  fromMs: number;
  toMs: number;
}

/**
 * A pod's past, replayed from the same usage profiles its simulated kubelet runs it with: the pod as if it had
 * started at `fromMs`, sampled at each minute boundary the way the agent samples a kubelet (rates from the
 * deltas of cumulative counters, the working set at the sample time). OOM kills at the memory limit happen as
 * they would live. For the demo cluster, which should open on a day of history rather than an empty chart.
 */
export function podUsageHistory(options: PodHistoryOptions): ContainerUsageHistory[] {
  // Started a minute before: its first rate (two samples) is then the minute ending at fromMs + 1 min.
  const startsAt = Math.ceil(options.fromMs / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const cpuLimits = options.containers.map((c) => c.resources.cpuLimitCores);
  const timeline = new PodTimeline({
    startsAt,
    cpuLimitCores: cpuLimits.every((l) => l !== undefined) ? cpuLimits.reduce((sum, l) => sum! + l!, 0) : undefined,
    containers: options.containers.map((c) => ({
      profile: c.profile,
      cpuLimitCores: c.resources.cpuLimitCores,
      memoryLimitBytes: c.resources.memoryLimitBytes,
      nodeCpuCores: options.nodeCpuCores,
      startsAt,
      restartPolicy: options.restartPolicy ?? 'Always',
    })),
  });
  const histories: ContainerUsageHistory[] = options.containers.map((c) => ({ container: c.name, minutes: [], oomKills: [] }));
  const previous = options.containers.map(() => undefined as ReturnType<PodTimeline['containers'][number]['sampleAt']>);
  const oomsSeen = options.containers.map(() => 0);
  for (let t = startsAt; t <= options.toMs; t += MINUTE_MS) {
    timeline.advanceTo(t);
    timeline.containers.forEach((life, i) => {
      const history = histories[i]!;
      if (life.oomKills > oomsSeen[i]!) {
        oomsSeen[i] = life.oomKills;
        history.oomKills.push(life.lastTermination?.finishedAt ?? t);
      }
      const sample = life.sampleAt(t);
      const before = previous[i];
      previous[i] = sample;
      // A rate needs two samples of one life: the first minute after a (re)start has none, as live.
      if (!sample || !before || before.restartCount !== sample.restartCount) return;
      const seconds = (sample.timeMs - before.timeMs) / 1000;
      const periods = sample.counters.cfsPeriods - before.counters.cfsPeriods;
      history.minutes.push({
        minute: t,
        cpuCores: (sample.counters.cpuCoreSeconds - before.counters.cpuCoreSeconds) / seconds,
        workingSetBytes: sample.workingSetBytes,
        throttledRatio: options.containers[i]!.resources.cpuLimitCores === undefined ? null : periods > 0 ? (sample.counters.cfsThrottledPeriods - before.counters.cfsThrottledPeriods) / periods : 0,
      });
    });
  }
  return histories;
}
