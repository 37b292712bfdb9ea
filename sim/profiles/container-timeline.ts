import { cfsRates, type CfsRates } from './throttling.ts';
import { CELL_MS, cellIndexOf, cellMidpoint, type UsageProfile } from './usage-profile.ts';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** The kubelet's first crash-loop back-off step; runs of leak last far longer than the 10 min that reset it. */
export const RESTART_BACKOFF_MS = CELL_MS;
export const OOM_EXIT_CODE = 137;

export interface ContainerTimelineOptions {
  profile: UsageProfile;
  cpuLimitCores?: number;
  memoryLimitBytes?: number;
  nodeCpuCores: number;
  /** Simulated time of the first start. */
  startsAt: number;
  restartPolicy: RestartPolicy;
  /** A Job's container exits 0 at this simulated time. */
  completesAt?: number;
}

export interface Termination {
  reason: 'OOMKilled' | 'Completed';
  exitCode: number;
  startedAt: number;
  finishedAt: number;
}

export type ContainerState =
  | { kind: 'waiting'; reason: 'ContainerCreating' | 'CrashLoopBackOff' }
  | { kind: 'running'; startedAt: number }
  | { kind: 'terminated'; termination: Termination };

/** Cumulative counters of one container life: they start at 0 on every (re)start. */
export interface LifeCounters {
  cpuCoreSeconds: number;
  cfsPeriods: number;
  cfsThrottledPeriods: number;
  cfsThrottledSeconds: number;
}

export interface ContainerSample {
  timeMs: number;
  restartCount: number;
  startedAt: number;
  counters: LifeCounters;
  /** CPU usage in cores over the current cell (what a short-window rate would show). */
  usageCores: number;
  workingSetBytes: number;
  /** Highest working set of this life. */
  peakWorkingSetBytes: number;
  /** CPU time since the pod started, over all lives: the pod cgroup keeps it across restarts. */
  podLifetimeCpuCoreSeconds: number;
}

const zeroCounters = (): LifeCounters => ({ cpuCoreSeconds: 0, cfsPeriods: 0, cfsThrottledPeriods: 0, cfsThrottledSeconds: 0 });

/**
 * One container's lives, advanced cell by cell by its PodTimeline: integrates usage and CFS counters,
 * kills the container when its working set reaches the memory limit at a cell boundary, and restarts
 * it after the back-off unless the restart policy says Never.
 */
export class ContainerTimeline {
  readonly options: ContainerTimelineOptions;
  state: ContainerState = { kind: 'waiting', reason: 'ContainerCreating' };
  restartCount = 0;
  oomKills = 0;
  lastTermination: Termination | undefined;
  counters: LifeCounters = zeroCounters();
  podLifetimeCpuCoreSeconds = 0;
  /** Bumped on every state change, so the kubelet knows when to report a new pod status. */
  version = 0;
  #peakWorkingSetBytes = 0;
  #committed: LifeCounters = zeroCounters();
  #committedLifetimeCpu = 0;
  #committedAt = 0;
  #nextStartAt: number | undefined;
  #cell = Number.NaN;
  #cellDemand = 0;
  #cellRates: CfsRates | undefined;

  constructor(options: ContainerTimelineOptions) {
    this.options = options;
    this.#nextStartAt = options.startsAt;
  }

  /** Integrates [from, to), which lies within one cell; returns the CPU demand if the container ran in it. */
  integrate(from: number, to: number): number {
    if (this.#nextStartAt !== undefined && this.#nextStartAt < to) this.#start(Math.max(from, this.#nextStartAt));
    if (this.state.kind !== 'running') return 0;
    const { completesAt } = this.options;
    const completes = completesAt !== undefined && completesAt < to;
    const until = completes ? Math.max(this.#committedAt, completesAt) : to;
    this.#countersAt(until, this.#ratesForCell(cellIndexOf(from)));
    if (completes) this.#terminate(until, 'Completed', 0);
    return this.#cellDemand;
  }

  /**
   * At each cell boundary the counters are committed, and the memory limit is enforced as the kernel's
   * OOM killer would. Within a cell, counters are always the committed ones plus rate × elapsed time,
   * so they come out the same (to the last bit) however often the timeline was advanced.
   */
  atCellBoundary(timeMs: number): void {
    if (this.state.kind !== 'running') return;
    this.#commit(timeMs);
    const workingSet = this.options.profile.memoryBytesAt(timeMs, this.state.startedAt);
    this.#peakWorkingSetBytes = Math.max(this.#peakWorkingSetBytes, workingSet);
    const limit = this.options.memoryLimitBytes;
    if (limit !== undefined && workingSet >= limit) this.#terminate(timeMs, 'OOMKilled', OOM_EXIT_CODE);
  }

  #countersAt(timeMs: number, rates: CfsRates): void {
    const seconds = (timeMs - this.#committedAt) / 1000;
    const c = this.#committed;
    this.counters = {
      cpuCoreSeconds: c.cpuCoreSeconds + rates.usageCores * seconds,
      cfsPeriods: c.cfsPeriods + rates.periodsPerSecond * seconds,
      cfsThrottledPeriods: c.cfsThrottledPeriods + rates.throttledPeriodsPerSecond * seconds,
      cfsThrottledSeconds: c.cfsThrottledSeconds + rates.throttledSecondsPerSecond * seconds,
    };
    this.podLifetimeCpuCoreSeconds = this.#committedLifetimeCpu + rates.usageCores * seconds;
  }

  #commit(timeMs: number): void {
    this.#committed = this.counters;
    this.#committedLifetimeCpu = this.podLifetimeCpuCoreSeconds;
    this.#committedAt = timeMs;
  }

  /** The container's values at timeMs; the PodTimeline must have advanced exactly to timeMs. */
  sampleAt(timeMs: number): ContainerSample | undefined {
    if (this.state.kind !== 'running') return undefined;
    const { startedAt } = this.state;
    const limit = this.options.memoryLimitBytes ?? Infinity;
    const workingSetBytes = Math.min(limit, this.options.profile.memoryBytesAt(timeMs, startedAt));
    return {
      timeMs,
      restartCount: this.restartCount,
      startedAt,
      counters: { ...this.counters },
      usageCores: this.#ratesForCell(cellIndexOf(timeMs)).usageCores,
      workingSetBytes,
      peakWorkingSetBytes: Math.max(this.#peakWorkingSetBytes, workingSetBytes),
      podLifetimeCpuCoreSeconds: this.podLifetimeCpuCoreSeconds,
    };
  }

  #start(at: number): void {
    if (this.lastTermination) this.restartCount++;
    this.state = { kind: 'running', startedAt: at };
    this.counters = zeroCounters();
    this.#commit(at);
    this.#peakWorkingSetBytes = 0;
    this.#nextStartAt = undefined;
    this.version++;
  }

  #terminate(at: number, reason: Termination['reason'], exitCode: number): void {
    if (this.state.kind !== 'running') return;
    this.#commit(at);
    const termination: Termination = { reason, exitCode, startedAt: this.state.startedAt, finishedAt: at };
    if (reason === 'OOMKilled') this.oomKills++;
    const restarts = exitCode !== 0 && this.options.restartPolicy !== 'Never';
    this.state = restarts ? { kind: 'waiting', reason: 'CrashLoopBackOff' } : { kind: 'terminated', termination };
    this.lastTermination = termination;
    this.#nextStartAt = restarts ? at + RESTART_BACKOFF_MS : undefined;
    this.version++;
  }

  #ratesForCell(cell: number): CfsRates {
    if (cell !== this.#cell || !this.#cellRates) {
      const { profile, cpuLimitCores, nodeCpuCores } = this.options;
      const demand = profile.cpuCoresAt(cellMidpoint(cell));
      this.#cell = cell;
      this.#cellDemand = demand;
      this.#cellRates = cfsRates(demand, cpuLimitCores ?? nodeCpuCores);
    }
    return this.#cellRates;
  }
}
