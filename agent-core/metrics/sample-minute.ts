// A sample belongs to the minute of the kubelet's own sample time, never to the scraper's wall clock: a scrape
// that runs late (or a kubelet that re-serves an older sample) must not shift data into the wrong minute.

export const MINUTE_MS = 60_000;
const NS_PER_MINUTE = 60_000_000_000n;

/** Start (ms since the epoch) of the minute holding a kubelet sample time given in nanoseconds. */
export function minuteOfSampleNs(sampleTimeNs: bigint): number {
  let minutes = sampleTimeNs / NS_PER_MINUTE;
  // bigint division truncates toward zero; a minute starts at or before its samples, also before 1970.
  if (sampleTimeNs % NS_PER_MINUTE < 0n) minutes -= 1n;
  return Number(minutes) * MINUTE_MS;
}

/** Start (ms since the epoch) of the minute holding a Prometheus sample timestamp in milliseconds. */
export function minuteOfSampleMs(sampleTimeMs: number): number {
  return Math.floor(sampleTimeMs / MINUTE_MS) * MINUTE_MS;
}
