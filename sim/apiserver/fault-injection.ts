import { SeededRandom } from '../profiles/seeded-random.ts';

/**
 * Faults the simulated API server injects, per run and changeable at runtime: the server consults the
 * injector on every request and every watch event.
 */
export interface FaultConfig {
  /** Added before every answer. */
  latencyMs?: number;
  /** Share (0–1) of non-watch requests answered with `errorCode` (default 500). */
  errorRate?: number;
  errorCode?: number;
  /** Share (0–1) of requests answered 429 Too Many Requests with Retry-After. */
  throttleRate?: number;
  retryAfterSeconds?: number;
  /** Each watch ends abruptly after this many events. */
  watchDropAfterEvents?: number;
  /** Share (0–1) of watch events at which the watch is dropped instead. */
  watchDropRate?: number;
  /** The next N watches from a resourceVersion are answered 410 Gone. */
  forceGoneWatches?: number;
  /** Nodes whose proxy accepts and never answers. */
  hangingNodes?: string[];
  /** Only request paths matching this are subject to errors, throttling and latency (default: all but /healthz, /readyz, /livez). */
  pathPattern?: RegExp;
}

export interface FaultCounters {
  errors: number;
  throttled: number;
  watchDrops: number;
  gone: number;
}

export class FaultInjector {
  config: FaultConfig = {};
  readonly counters: FaultCounters = { errors: 0, throttled: 0, watchDrops: 0, gone: 0 };
  readonly #random: () => number;

  constructor(seed = 1) {
    // Seeded, so that a run's faults repeat with its seed.
    const stream = new SeededRandom(seed);
    this.#random = () => stream.next();
  }

  /** Replaces the configuration (an empty object turns every fault off). */
  set(config: FaultConfig): void {
    this.config = { ...config };
  }

  update(partial: Partial<FaultConfig>): void {
    this.config = { ...this.config, ...partial };
  }

  applies(path: string): boolean {
    if (this.config.pathPattern) return this.config.pathPattern.test(path);
    return !/^\/(healthz|readyz|livez)/.test(path);
  }

  latencyMs(path: string): number {
    return this.applies(path) ? (this.config.latencyMs ?? 0) : 0;
  }

  /** A failure to answer this request with, if one is due. */
  failure(path: string, isWatch: boolean): { code: number; retryAfter?: number } | undefined {
    if (!this.applies(path)) return undefined;
    const c = this.config;
    if (c.throttleRate && this.#random() < c.throttleRate) {
      this.counters.throttled++;
      return { code: 429, retryAfter: c.retryAfterSeconds ?? 1 };
    }
    if (!isWatch && c.errorRate && this.#random() < c.errorRate) {
      this.counters.errors++;
      return { code: c.errorCode ?? 500 };
    }
    return undefined;
  }

  /** Whether this watch (from a resourceVersion) must be answered 410 Gone. */
  forceGone(): boolean {
    if (!this.config.forceGoneWatches) return false;
    this.config.forceGoneWatches--;
    this.counters.gone++;
    return true;
  }

  /** A per-watch hook: true when the watch must be dropped before its next event. */
  watchDropper(): { dropNow(): boolean } {
    let events = 0;
    return {
      dropNow: () => {
        events++;
        const c = this.config;
        const drop = (c.watchDropAfterEvents !== undefined && events > c.watchDropAfterEvents) || (!!c.watchDropRate && this.#random() < c.watchDropRate);
        if (drop) this.counters.watchDrops++;
        return drop;
      },
    };
  }

  hangs(node: string): boolean {
    return this.config.hangingNodes?.includes(node) ?? false;
  }
}
