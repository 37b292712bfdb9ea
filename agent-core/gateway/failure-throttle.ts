// Failed authentications per remote address: past a few in a window, that address is turned away until the window
// has moved on. A secret cannot be guessed anyway; this keeps a misconfigured or hostile peer from keeping the
// gateway busy hashing answers and filling its log.

export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  now: () => number;
  /** Addresses remembered at most; the ones heard from least recently are forgotten first. */
  maxAddresses?: number;
}

export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: ThrottleOptions) {}

  fail(address: string): void {
    const recent = this.recent(address);
    recent.push(this.options.now());
    // Re-inserted: the Map's order is least recently failed first, for the bound below.
    this.failures.delete(address);
    this.failures.set(address, recent);
    const bound = this.options.maxAddresses ?? 10_000;
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= bound) break;
      this.failures.delete(oldest);
    }
  }

  /** 0 when the address may try; otherwise how long until its oldest counted failure leaves the window. */
  retryAfterMs(address: string): number {
    const recent = this.recent(address);
    if (recent.length === 0) this.failures.delete(address);
    if (recent.length < this.options.maxFailures) return 0;
    return Math.max(1, recent[recent.length - this.options.maxFailures]! + this.options.windowMs - this.options.now());
  }

  private recent(address: string): number[] {
    const since = this.options.now() - this.options.windowMs;
    return (this.failures.get(address) ?? []).filter((t) => t > since);
  }
}
