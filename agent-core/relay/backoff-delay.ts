export interface BackoffPolicy {
  /** The first retry's upper bound (default 1 s). */
  baseMs: number;
  /** No delay exceeds this (default 60 s). */
  capMs: number;
  /** A connection that stayed up this long resets the attempts (default 30 s). */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000, stableMs: 30_000 };

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base·2^attempt)). Attempt 0 is the first
 * retry. `random` is Math.random unless a test pins it.
 */
export function backoffDelay(attempt: number, policy: Pick<BackoffPolicy, 'baseMs' | 'capMs'> = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 52));
  return Math.floor(random() * exp);
}
