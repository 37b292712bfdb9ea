import { describe, expect, it } from 'vitest';
import { parseKubeletTimeNs } from './kubelet-time.ts';
import { minuteOfSampleMs, minuteOfSampleNs } from './sample-minute.ts';

const MINUTE_12_00 = Date.parse('2026-01-15T12:00:00Z');

describe('minute alignment', () => {
  it('places a sample in the minute of its own kubelet time', () => {
    expect(minuteOfSampleNs(parseKubeletTimeNs('2026-01-15T12:00:04Z')!)).toBe(MINUTE_12_00);
    expect(minuteOfSampleNs(parseKubeletTimeNs('2026-01-15T12:00:59.999999999Z')!)).toBe(MINUTE_12_00);
    expect(minuteOfSampleNs(parseKubeletTimeNs('2026-01-15T12:01:00Z')!)).toBe(MINUTE_12_00 + 60_000);
    expect(minuteOfSampleMs(MINUTE_12_00 + 59_999)).toBe(MINUTE_12_00);
  });

  it('floors before 1970 too', () => {
    expect(minuteOfSampleNs(-1n)).toBe(-60_000);
    expect(minuteOfSampleMs(-1)).toBe(-60_000);
  });
});
