import type { MinuteSeries } from './container-history.ts';
import { BucketCounts } from './bucket-counts.ts';
import { CPU_BUCKETS, MEMORY_BUCKETS } from './log-buckets.ts';
import { DaySlice, HEAVY_RATIO, HOURLY_VALUES, MS_PER_MINUTE, SATURATED_RATIO, THROTTLED_RATIO, dayOf, hourOfDay } from './day-slice.ts';
import type { LevelShift } from './level-shift.ts';
import { PodLives } from './pod-lives.ts';

/** Days of history a digest keeps (KRR's default window; VPA's memory window is 8). */
export const DEFAULT_WINDOW_DAYS = 14;
/** Rollouts remembered, newest last. */
const CHANGES_KEPT = 16;

/**
 * Everything the engine needs from one container's history, kept per UTC day for the last `windowDays`
 * days and updated minute by minute: the live agent feeds each new minute in O(1) and asks for a
 * recommendation whenever it likes, without rereading the history. A few kilobytes per container.
 */
export class ContainerDigest {
  readonly windowDays: number;
  readonly #slices: DaySlice[];
  readonly #pods = new Map<string | number, PodLives>();
  #newestDay = Number.NEGATIVE_INFINITY;
  firstT = Number.NaN;
  lastT = Number.NaN;
  readonly changes: number[] = [];
  /** All the window's days summed, kept as days arrive and leave: the whole-window percentiles without a merge. */
  readonly windowCpu = new BucketCounts();
  readonly windowMemory = new BucketCounts();
  /** Where in the hour this digest's remembered level shifts expire (spread over digests, see level-shift-memo.ts). */
  readonly memoPhaseMs = ((digestsMade++ * 7) % 60) * 60_000;
  /** The last level shift found per metric, and for which hours (see level-shift-memo.ts). */
  readonly shiftMemo: { cpu?: { key: string; shift: LevelShift | undefined }; memory?: { key: string; shift: LevelShift | undefined } } = {};

  constructor(windowDays = DEFAULT_WINDOW_DAYS) {
    this.windowDays = windowDays;
    const hourly = new Float32Array(windowDays * HOURLY_VALUES);
    this.#slices = Array.from({ length: windowDays }, (_, i) => new DaySlice(hourly, i * HOURLY_VALUES));
  }

  /** Feeds samples [from, to) of one pod's series; `pod` tells pods apart so restarts are seen per pod. */
  addSeries(series: MinuteSeries, pod: string | number = 0, from = 0, to = series.t.length): void {
    const kills = series.oomKills ?? NO_KILLS;
    let k = 0;
    while (k < kills.length && kills[k]! < series.t[from]!) k++;
    for (let i = from; i < to; i++) {
      const t = series.t[i]!;
      let killed = false;
      // An OOM kill belongs to the minute it happened in.
      while (k < kills.length && kills[k]! < t + MS_PER_MINUTE) {
        killed = true;
        k++;
      }
      this.addMinute(pod, t, series.cpuCores[i]!, series.memoryBytes[i]!, series.throttledRatio[i]!, killed);
    }
  }

  /** One pod's minute; NaN for a metric not reported. Minutes older than the window are ignored. */
  addMinute(pod: string | number, t: number, cpuCores: number, memoryBytes: number, throttledRatio: number, oomKilled = false): void {
    const slice = this.#sliceFor(dayOf(t));
    if (!slice) return;
    if (!(t >= this.firstT)) this.firstT = t;
    if (!(t <= this.lastT)) this.lastT = t;
    const hour = hourOfDay(t);
    if (cpuCores >= 0) {
      const bucket = CPU_BUCKETS.indexOf(cpuCores);
      slice.cpu.add(bucket);
      this.windowCpu.add(bucket);
      slice.cpuSum += cpuCores;
      if (slice.addHourCpu(hour, cpuCores)) slice.hoursWithCpu++;
      if (cpuCores > slice.cpuMax) slice.cpuMax = cpuCores;
    }
    if (throttledRatio >= 0) {
      slice.throttleMinutes++;
      slice.throttledRatioSum += throttledRatio;
      if (throttledRatio >= THROTTLED_RATIO) slice.throttledMinutes++;
      if (throttledRatio >= HEAVY_RATIO) slice.heavyMinutes++;
      if (throttledRatio >= SATURATED_RATIO) slice.saturatedMinutes++;
    }
    if (memoryBytes >= 0) {
      const bucket = MEMORY_BUCKETS.indexOf(memoryBytes);
      slice.memory.add(bucket);
      this.windowMemory.add(bucket);
      slice.raiseHourMemory(hour, memoryBytes);
      if (!(memoryBytes <= slice.memoryPeak)) slice.memoryPeak = memoryBytes;
      this.#podLives(pod).observe(slice, t, memoryBytes, oomKilled);
    } else if (oomKilled) {
      slice.oomKills++;
      slice.lastOomAt = t;
    }
  }

  /** A rollout or a change of requests and limits at time t. */
  noteChange(t: number): void {
    if (this.changes.length && t <= this.changes[this.changes.length - 1]!) return;
    this.changes.push(t);
    if (this.changes.length > CHANGES_KEPT) this.changes.shift();
  }

  /** The days of the window ending with the day of `now`, oldest first, that hold data. */
  slicesUpTo(now: number): DaySlice[] {
    const lastDay = dayOf(now);
    const out: DaySlice[] = [];
    for (let day = lastDay - this.windowDays + 1; day <= lastDay; day++) {
      const slice = this.#slices[modulo(day, this.windowDays)]!;
      if (slice.day === day && (slice.cpu.total > 0 || slice.memory.total > 0)) out.push(slice);
    }
    return out;
  }

  /** True when the days up to `now` are exactly those the running window sums. */
  windowEndsAt(now: number): boolean {
    return dayOf(now) === this.#newestDay;
  }

  get pods(): IterableIterator<PodLives> {
    return this.#pods.values();
  }

  #sliceFor(day: number): DaySlice | undefined {
    if (day > this.#newestDay) {
      this.#newestDay = day;
      this.#forgetPodsBefore(day - this.windowDays + 1);
      for (const s of this.#slices) if (s.day <= day - this.windowDays) this.#drop(s, NaN);
    } else if (day <= this.#newestDay - this.windowDays) {
      return undefined;
    }
    const slice = this.#slices[modulo(day, this.windowDays)]!;
    if (slice.day !== day) this.#drop(slice, day);
    return slice;
  }

  /** Takes a day out of the running window and readies its slice for `day` (NaN: unused). */
  #drop(slice: DaySlice, day: number): void {
    this.windowCpu.addCounts(slice.cpu, -1);
    this.windowMemory.addCounts(slice.memory, -1);
    slice.reset(day);
  }

  /** Pods replaced by a rollout stop reporting: their lives leave with the window. */
  #forgetPodsBefore(day: number): void {
    for (const [pod, lives] of this.#pods) if (dayOf(lives.lastT) < day) this.#pods.delete(pod);
  }

  #podLives(pod: string | number): PodLives {
    let lives = this.#pods.get(pod);
    if (!lives) this.#pods.set(pod, (lives = new PodLives()));
    return lives;
  }
}

const NO_KILLS: readonly number[] = [];
let digestsMade = 0;
const modulo = (a: number, n: number) => ((a % n) + n) % n;
