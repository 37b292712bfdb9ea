// An hour of one series' minutes packed into one blob: a presence mask of the minutes sampled, then
// each metric as zig-zag varint deltas from the previous minute. Usage moves little from one minute
// to the next, so most deltas take one or two bytes; a row per minute would spend more than that on
// SQLite's record header and key alone.
import { type HourSamples, METRICS, emptyHourSamples } from './hour-samples.ts';
import { ByteReader, ByteWriter } from './varint.ts';
import { MINUTES_PER_HOUR } from './units.ts';

const FORMAT_V1 = 1;

/** How a metric's values line up with the sampled minutes. */
const Coverage = { EverySampledMinute: 0, None: 1, OwnMask: 2 } as const;

interface Mask {
  low: number;
  high: number;
}

function maskOf(has: (minute: number) => boolean): Mask {
  let low = 0;
  let high = 0;
  for (let i = 0; i < MINUTES_PER_HOUR; i++) {
    if (!has(i)) continue;
    if (i < 32) low |= 1 << i;
    else high |= 1 << (i - 32);
  }
  return { low: low >>> 0, high: high >>> 0 };
}

const inMask = (mask: Mask, i: number): boolean => (i < 32 ? (mask.low >>> i) & 1 : (mask.high >>> (i - 32)) & 1) === 1;

export function encodeMinuteBlock(hour: HourSamples): Uint8Array {
  const out = new ByteWriter();
  const sampled = maskOf((i) => hour.present[i] === 1);
  out.byte(FORMAT_V1);
  out.uint32(sampled.low);
  out.uint32(sampled.high);
  for (let m = 0; m < METRICS.length; m++) {
    const values = hour.values[m]!;
    const own = maskOf((i) => hour.present[i] === 1 && !Number.isNaN(values[i]!));
    if (own.low === 0 && own.high === 0) {
      out.byte(Coverage.None);
      continue;
    }
    if (own.low === sampled.low && own.high === sampled.high) {
      out.byte(Coverage.EverySampledMinute);
    } else {
      out.byte(Coverage.OwnMask);
      out.uint32(own.low);
      out.uint32(own.high);
    }
    let previous = 0;
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      if (!inMask(own, i)) continue;
      out.signed(values[i]! - previous);
      previous = values[i]!;
    }
  }
  return out.finish();
}

export function decodeMinuteBlock(bytes: Uint8Array): HourSamples {
  const input = new ByteReader(bytes);
  const format = input.byte();
  if (format !== FORMAT_V1) throw new RangeError(`A packed minute block has format ${format}, which this version does not read.`);
  const hour = emptyHourSamples();
  const sampled = { low: input.uint32(), high: input.uint32() };
  for (let i = 0; i < MINUTES_PER_HOUR; i++) hour.present[i] = inMask(sampled, i) ? 1 : 0;
  for (let m = 0; m < METRICS.length; m++) {
    const coverage = input.byte();
    if (coverage === Coverage.None) continue;
    const own = coverage === Coverage.OwnMask ? { low: input.uint32(), high: input.uint32() } : sampled;
    const values = hour.values[m]!;
    let previous = 0;
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      if (!inMask(own, i)) continue;
      previous += input.signed();
      values[i] = previous;
    }
  }
  return hour;
}
