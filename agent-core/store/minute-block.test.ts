import { describe, expect, test } from 'vitest';
import { emptyHourSamples, setMinute } from './hour-samples.ts';
import { decodeMinuteBlock, encodeMinuteBlock } from './minute-block.ts';
import { ByteReader, ByteWriter } from './varint.ts';

describe('varints', () => {
  test('round-trip signed values across the range memory in KiB can reach', () => {
    const values = [0, 1, -1, 63, -64, 64, 127, 128, -129, 2 ** 31, -(2 ** 31) - 5, 2 ** 40 + 3, -(2 ** 45), Number.MAX_SAFE_INTEGER >> 1];
    const out = new ByteWriter();
    for (const v of values) out.signed(v);
    const input = new ByteReader(out.finish());
    expect(values.map(() => input.signed())).toEqual(values);
  });

  test('small deltas take one byte', () => {
    const out = new ByteWriter();
    out.signed(-64);
    out.signed(63);
    expect(out.finish()).toHaveLength(2);
  });

  test('a truncated block is reported, not misread', () => {
    const out = new ByteWriter();
    out.unsigned(300);
    expect(() => new ByteReader(out.finish().subarray(0, 1)).unsigned()).toThrow(/damaged/);
  });
});

describe('minute blocks', () => {
  test('round-trip a full hour exactly', () => {
    const hour = emptyHourSamples();
    for (let i = 0; i < 60; i++) setMinute(hour, i, [250 + ((i * 37) % 90), 512_000 + i * 13, 400_000 - i * 7, i % 5 === 0 ? 125 : 0]);
    expect(decodeMinuteBlock(encodeMinuteBlock(hour))).toEqual(hour);
  });

  test('keep which minutes were sampled, and which metrics each minute lacked', () => {
    const hour = emptyHourSamples();
    setMinute(hour, 0, [5, 100, null, null]);
    setMinute(hour, 31, [null, 101, 90, null]);
    setMinute(hour, 32, [7, 2 ** 34, 91, null]);
    setMinute(hour, 59, [null, null, null, null]);
    const decoded = decodeMinuteBlock(encodeMinuteBlock(hour));
    expect(decoded).toEqual(hour);
    expect([...decoded.present].flatMap((p, i) => (p ? [i] : []))).toEqual([0, 31, 32, 59]);
    expect(Number.isNaN(decoded.values[3]![0]!)).toBe(true);
  });

  test('an empty hour and a one-minute hour are a few bytes', () => {
    expect(encodeMinuteBlock(emptyHourSamples()).length).toBeLessThanOrEqual(13);
    const hour = emptyHourSamples();
    setMinute(hour, 17, [3, 4, 5, 0]);
    expect(encodeMinuteBlock(hour).length).toBeLessThanOrEqual(17);
  });

  test('refuse a block format this version does not know', () => {
    const bytes = encodeMinuteBlock(emptyHourSamples());
    bytes[0] = 9;
    expect(() => decodeMinuteBlock(bytes)).toThrow(/format 9/);
  });
});
