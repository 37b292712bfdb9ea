/**
 * A kubelet sample time: the text the kubelet wrote and the same instant in nanoseconds since the epoch.
 * A JS Date keeps milliseconds only, so nanoseconds travel as a bigint.
 */
export interface KubeletTime {
  readonly text: string;
  readonly ns: bigint;
}

const NS_PER_MS = 1_000_000n;

// RFC 3339 as Go writes it (time.RFC3339 or RFC3339Nano): up to nine fraction digits, Z or a numeric offset.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Nanoseconds since the epoch of an RFC 3339 time, fraction digits kept; null when the text is not one. */
export function parseKubeletTimeNs(text: string): bigint | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, offsetSign, offsetHoursText, offsetMinutesText] = match;
  const [year, month, day] = [Number(yearText), Number(monthText), Number(dayText)];
  const [hour, minute, second] = [Number(hourText), Number(minuteText), Number(secondText)];
  const [offsetHours, offsetMinutes] = [Number(offsetHoursText ?? 0), Number(offsetMinutesText ?? 0)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const dayMs = utcDayMs(year, month, day);
  if (dayMs === null) return null;

  const offsetMinutesTotal = (offsetSign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const wholeSecondsMs = dayMs + ((hour * 60 + minute - offsetMinutesTotal) * 60 + second) * 1000;
  return BigInt(wholeSecondsMs) * NS_PER_MS + (fraction === undefined ? 0n : BigInt(fraction.padEnd(9, '0')));
}

/** Midnight UTC of a calendar date, in ms since the epoch; null for a date that does not exist (30 February). */
function utcDayMs(year: number, month: number, day: number): number | null {
  // Date.UTC reads years 0–99 as 1900–1999; Go's zero time is year 1.
  const date = new Date(Date.UTC(2000, month - 1, day));
  if (year !== 2000) date.setUTCFullYear(year, month - 1, day);
  // An impossible day rolls over into the next month.
  return date.getUTCDate() === day ? date.getTime() : null;
}

/** The kubelet time of an RFC 3339 text, or null when the text is not one. */
export function parseKubeletTime(text: string): KubeletTime | null {
  const ns = parseKubeletTimeNs(text);
  return ns === null ? null : { text, ns };
}

/** A Prometheus sample timestamp (integer milliseconds) on the same nanosecond scale as the Summary API's times. */
export function nsFromTimestampMs(timestampMs: number): bigint {
  return BigInt(timestampMs) * NS_PER_MS;
}
