import { describe, expect, it } from 'vitest';
import { nsFromTimestampMs, parseKubeletTime, parseKubeletTimeNs } from './kubelet-time.ts';

const WHOLE_SECOND_NS = 1_768_478_404_000_000_000n; // 2026-01-15T12:00:04Z

describe('parseKubeletTimeNs', () => {
  it('reads the whole-second RFC 3339 the kubelet writes (metav1.Time)', () => {
    expect(parseKubeletTimeNs('2026-01-15T12:00:04Z')).toBe(WHOLE_SECOND_NS);
  });

  it('keeps every fraction digit, down to the nanosecond, which a Date would drop', () => {
    expect(parseKubeletTimeNs('2026-01-15T12:00:04.123456789Z')).toBe(WHOLE_SECOND_NS + 123_456_789n);
    expect(parseKubeletTimeNs('2026-01-15T12:00:04.000000001Z')).toBe(WHOLE_SECOND_NS + 1n);
    expect(parseKubeletTimeNs('2026-01-15T12:00:04.5Z')).toBe(WHOLE_SECOND_NS + 500_000_000n);
  });

  it('reads years before 100 as such (Go writes its zero time as 0001-01-01)', () => {
    expect(parseKubeletTimeNs('0001-01-01T00:00:00Z')).toBe(-62_135_596_800_000_000_000n);
  });

  it('applies numeric offsets', () => {
    expect(parseKubeletTimeNs('2026-01-15T13:30:04.000000007+01:30')).toBe(WHOLE_SECOND_NS + 7n);
    expect(parseKubeletTimeNs('2026-01-15T07:00:04-05:00')).toBe(WHOLE_SECOND_NS);
  });

  it.each(['', 'yesterday', '2026-01-15 12:00:04Z', '2026-01-15T12:00:04', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-15T24:00:00Z', '2026-01-15T12:00:04.1234567891Z'])(
    'rejects %j',
    (text) => {
      expect(parseKubeletTimeNs(text)).toBeNull();
    },
  );
});

describe('parseKubeletTime', () => {
  it('keeps the text next to the nanoseconds', () => {
    expect(parseKubeletTime('2026-01-15T12:00:04.000000042Z')).toEqual({ text: '2026-01-15T12:00:04.000000042Z', ns: WHOLE_SECOND_NS + 42n });
  });
});

describe('nsFromTimestampMs', () => {
  it('puts Prometheus timestamps on the same scale', () => {
    expect(nsFromTimestampMs(1_768_478_404_000)).toBe(WHOLE_SECOND_NS);
  });
});
