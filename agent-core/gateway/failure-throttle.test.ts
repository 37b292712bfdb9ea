import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './failure-throttle.ts';

describe('failure throttle', () => {
  it('turns an address away after too many failures in the window, until the oldest of them leaves it', () => {
    let now = 1_000_000;
    const throttle = new FailureThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    throttle.fail('10.0.0.1');
    now += 10_000;
    throttle.fail('10.0.0.1');
    expect(throttle.retryAfterMs('10.0.0.1')).toBe(0);
    now += 10_000;
    throttle.fail('10.0.0.1');
    expect(throttle.retryAfterMs('10.0.0.1')).toBe(40_000);
    // Another address is not affected.
    expect(throttle.retryAfterMs('10.0.0.2')).toBe(0);
    now += 40_000;
    expect(throttle.retryAfterMs('10.0.0.1')).toBe(0);
  });

  it('remembers a bounded number of addresses, forgetting the least recently failed', () => {
    const throttle = new FailureThrottle({ maxFailures: 1, windowMs: 60_000, now: () => 0, maxAddresses: 2 });
    throttle.fail('a');
    throttle.fail('b');
    throttle.fail('a');
    throttle.fail('c');
    expect(['a', 'b', 'c'].map((x) => throttle.retryAfterMs(x) > 0)).toEqual([true, false, true]);
  });
});
