import type { DaySlice } from './day-slice.ts';

/** A drop of the working set to below this share of the minute before, by more than DROP_MIN_BYTES, is a restart. */
const DROP_SHARE = 0.7;
const DROP_MIN_BYTES = 8 * 2 ** 20;
/** Growth is measured from a checkpoint at least this old in the life: warm-up is over by then. */
const FIRST_CHECKPOINT_MS = 15 * 60_000;
/** Growth later in a life at under this share of its earlier pace is levelling off, not leaking... */
const SLOWING = 0.5;
/** ...and at over this multiple of it, a jump (a batch run), not a leak. */
const SPEEDING = 3;
/** Lives younger than this say nothing about growth. */
const MIN_LIFE_MS = 2 * FIRST_CHECKPOINT_MS;

/**
 * Follows one pod's container from minute to minute to see its lives: an OOM kill or a sudden drop of
 * the working set (a restart) ends one. How fast each life kept growing, where lives start, and how often
 * plain restarts come, are what let the engine tell a leak from a steady working set and project its peak.
 *
 * Growth is that of the life's running peak over its later half (from a checkpoint between a quarter and
 * half of its age): a JVM filling its heap, or a cache warming, levels off and shows none; a leak keeps it.
 */
export class PodLives {
  lastT = Number.NaN;
  lastMemory = Number.NaN;
  lifeStartT = Number.NaN;
  lifeStartMemory = Number.NaN;
  lastPlainRestartT = Number.NaN;
  #lifePeak = 0;
  #olderCheckT = Number.NaN;
  #olderCheckPeak = 0;
  #newerCheckT = Number.NaN;
  #newerCheckPeak = 0;
  #restartPending = true;
  /** The first minute seen may be mid-life: only lives begun by a restart we saw start where they start. */
  #seen = false;

  /** Feeds one minute's working set (not NaN); `oomKilled` when the container was OOM-killed in that minute. */
  observe(slice: DaySlice, t: number, memory: number, oomKilled: boolean): void {
    if (this.#restartPending) {
      this.#startLife(slice, t, memory, this.#seen);
      this.#seen = true;
    } else if (memory < DROP_SHARE * this.lastMemory && this.lastMemory - memory > DROP_MIN_BYTES) {
      this.#endLife(slice);
      slice.plainRestarts++;
      const interval = t - this.lastPlainRestartT;
      if (interval > 0 && !(interval >= slice.restartIntervalMin && slice.restartIntervalMin > 0)) slice.restartIntervalMin = interval;
      this.lastPlainRestartT = t;
      this.#startLife(slice, t, memory, true);
    }
    this.lastT = t;
    this.lastMemory = memory;
    if (memory > this.#lifePeak) this.#lifePeak = memory;
    this.#checkpoint(t);
    if (oomKilled) {
      slice.oomKills++;
      slice.oomLevel = Math.max(slice.oomLevel, this.#lifePeak);
      slice.lastOomAt = t;
      this.#endLife(slice);
      this.#restartPending = true;
    } else {
      this.#restartPending = false;
    }
  }

  /**
   * How fast the running life keeps growing, bytes per ms. A leak grows at much the same pace early and
   * late in a life; a heap or cache filling up slows down, and a batch run's working set jumps late after
   * a flat start: neither is a leak, so both give 0 (as does a life too young to tell).
   */
  currentGrowth(): number {
    if (this.lastT - this.lifeStartT < MIN_LIFE_MS || !(this.#olderCheckT < this.lastT) || !(this.#olderCheckT > this.lifeStartT)) return 0;
    const late = (this.#lifePeak - this.#olderCheckPeak) / (this.lastT - this.#olderCheckT);
    const early = (this.#olderCheckPeak - this.lifeStartMemory) / (this.#olderCheckT - this.lifeStartT);
    return late > 0 && late >= SLOWING * early && late <= SPEEDING * early ? late : 0;
  }

  #startLife(slice: DaySlice, t: number, memory: number, restarted: boolean): void {
    this.lifeStartT = t;
    this.lifeStartMemory = memory;
    this.#lifePeak = memory;
    this.#olderCheckT = this.#newerCheckT = t;
    this.#olderCheckPeak = this.#newerCheckPeak = memory;
    if (restarted) slice.lifeStartMax = Math.max(slice.lifeStartMax, memory);
  }

  /** Checkpoints at ages doubling from 15 min; the older one stays between a quarter and half the age. */
  #checkpoint(t: number): void {
    const age = t - this.lifeStartT;
    const newerAge = this.#newerCheckT - this.lifeStartT;
    if (age >= Math.max(FIRST_CHECKPOINT_MS, 2 * newerAge)) {
      this.#olderCheckT = this.#newerCheckT;
      this.#olderCheckPeak = this.#newerCheckPeak;
      this.#newerCheckT = t;
      this.#newerCheckPeak = this.#lifePeak;
    }
  }

  #endLife(slice: DaySlice): void {
    slice.lifeGrowthMax = Math.max(slice.lifeGrowthMax, this.currentGrowth());
  }
}
