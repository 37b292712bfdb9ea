import { ContainerTimeline, type ContainerTimelineOptions } from './container-timeline.ts';
import { cfsRates } from './throttling.ts';
import { CELL_MS, cellIndexOf } from './usage-profile.ts';

export interface PodCfsCounters {
  periods: number;
  throttledPeriods: number;
  throttledSeconds: number;
}

export interface PodTimelineOptions {
  /** Simulated time the pod started: containers start at or after it. */
  startsAt: number;
  containers: readonly ContainerTimelineOptions[];
  /** The pod cgroup's CPU quota in cores: set by the kubelet only when every container has a CPU limit. */
  cpuLimitCores?: number;
}

/**
 * The containers of one pod advanced together over the same cells, so that the pod cgroup's own CFS
 * counters see the pod's summed demand against its summed quota.
 */
export class PodTimeline {
  readonly startsAt: number;
  readonly containers: readonly ContainerTimeline[];
  readonly cpuLimitCores: number | undefined;
  readonly podCfs: PodCfsCounters = { periods: 0, throttledPeriods: 0, throttledSeconds: 0 };
  #cursor: number;

  constructor(options: PodTimelineOptions) {
    this.startsAt = options.startsAt;
    this.containers = options.containers.map((c) => new ContainerTimeline(c));
    this.cpuLimitCores = options.cpuLimitCores;
    this.#cursor = options.startsAt;
  }

  /** Simulated time up to which counters are integrated. */
  get cursor(): number {
    return this.#cursor;
  }

  /** Sum of the containers' versions: changes whenever any container starts, restarts or ends. */
  get version(): number {
    return this.containers.reduce((sum, c) => sum + c.version, 0);
  }

  /** CPU time of the pod's containers since the pod started (the pod cgroup's counter). */
  get lifetimeCpuCoreSeconds(): number {
    return this.containers.reduce((sum, c) => sum + c.podLifetimeCpuCoreSeconds, 0);
  }

  /** Integrates up to timeMs; asking for an earlier time than already reached does nothing. */
  advanceTo(timeMs: number): void {
    while (this.#cursor < timeMs) {
      const cellEnd = (cellIndexOf(this.#cursor) + 1) * CELL_MS;
      const to = Math.min(timeMs, cellEnd);
      let demand = 0;
      for (const container of this.containers) demand += container.integrate(this.#cursor, to);
      if (this.cpuLimitCores !== undefined) this.#integratePodCfs(demand, (to - this.#cursor) / 1000);
      this.#cursor = to;
      if (to === cellEnd) for (const container of this.containers) container.atCellBoundary(cellEnd);
    }
  }

  #integratePodCfs(demandCores: number, seconds: number): void {
    if (this.cpuLimitCores === undefined || seconds <= 0) return;
    const rates = cfsRates(demandCores, this.cpuLimitCores);
    this.podCfs.periods += rates.periodsPerSecond * seconds;
    this.podCfs.throttledPeriods += rates.throttledPeriodsPerSecond * seconds;
    this.podCfs.throttledSeconds += rates.throttledSecondsPerSecond * seconds;
  }
}
