import { performance } from 'node:perf_hooks';

export interface VirtualClockOptions {
  /** Simulated milliseconds per real millisecond: 60 runs one simulated minute per real second; 0 freezes the clock. */
  speed: number;
  /** Simulated time (ms since the epoch) at construction; defaults to the real time. */
  start?: number;
}

/**
 * Simulated time for the stand-in cluster: sample timestamps and container lifetimes follow it.
 * Built on the monotonic clock so that wall-clock steps (NTP) never make simulated time go backwards.
 */
export class VirtualClock {
  #anchorSimulated: number;
  #anchorReal: number;
  #speed: number;

  constructor(opts: VirtualClockOptions) {
    assertSpeed(opts.speed);
    this.#speed = opts.speed;
    this.#anchorSimulated = opts.start ?? Date.now();
    this.#anchorReal = performance.now();
  }

  /** Simulated milliseconds since the epoch. */
  now(): number {
    return this.#anchorSimulated + (performance.now() - this.#anchorReal) * this.#speed;
  }

  get speed(): number {
    return this.#speed;
  }

  /** Changing the speed keeps the simulated time continuous. */
  set speed(speed: number) {
    assertSpeed(speed);
    this.#reanchor();
    this.#speed = speed;
  }

  /** Jumps simulated time forward, for tests that freeze the clock (speed 0) and step it. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`a virtual clock only moves forward (asked ${ms} ms)`);
    this.#reanchor();
    this.#anchorSimulated += ms;
  }

  #reanchor(): void {
    const real = performance.now();
    this.#anchorSimulated += (real - this.#anchorReal) * this.#speed;
    this.#anchorReal = real;
  }
}

function assertSpeed(speed: number): void {
  if (!Number.isFinite(speed) || speed < 0) throw new RangeError(`clock speed must be a finite number >= 0, got ${speed}`);
}
