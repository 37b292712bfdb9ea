export interface BackoffOptions {
  /** The first delay (default 800 ms, as client-go's reflector). */
  initialMs?: number;
  /** No delay exceeds this (default 30 s). */
  capMs?: number;
  /** Each failure multiplies the delay by this (default 2). */
  factor?: number;
  /**
   * The share of each delay that is random (default 0.25): a delay lies in [(1 - jitter) × d, d], so many agents that
   * failed together do not retry together, and the cap is never exceeded.
   */
  jitter?: number;
  /** After this long without a failure the next delay starts from initialMs again (default 2 min, as client-go). */
  resetAfterMs?: number;
  /** The longest Retry-After honoured (default 5 min): a broken proxy must not park the agent for a day. */
  maxRetryAfterMs?: number;
  random?: () => number;
  now?: () => number;
}

/** Exponential backoff with jitter that forgets old failures after a healthy period. */
export class Backoff {
  private readonly initialMs: number;
  private readonly capMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly resetAfterMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private failures = 0;
  private lastFailureAt = -Infinity;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 800;
    this.capMs = options.capMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.25));
    this.resetAfterMs = options.resetAfterMs ?? 120_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Records a failure and answers how long to wait before the next attempt; a server's Retry-After is a floor. */
  nextDelayMs(retryAfterMs?: number): number {
    const now = this.now();
    if (now - this.lastFailureAt > this.resetAfterMs) this.failures = 0;
    this.lastFailureAt = now;
    const nominal = Math.min(this.capMs, this.initialMs * this.factor ** this.failures);
    this.failures++;
    const delay = nominal * (1 - this.jitter * this.random());
    return retryAfterMs === undefined ? delay : Math.max(delay, Math.min(retryAfterMs, this.maxRetryAfterMs));
  }
}
