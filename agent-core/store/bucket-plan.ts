// How a time range becomes at most maxPoints chart buckets. Buckets sit on multiples of their size
// since the epoch, so refreshing a chart as time moves on never reshuffles the older points.
import { MINUTES_PER_HOUR } from './units.ts';

export interface BucketPlan {
  resolution: 'minute' | 'hour';
  bucketMinutes: number;
}

const bucketsSpanned = (fromMinute: number, toMinute: number, size: number) => Math.floor((toMinute - 1) / size) - Math.floor(fromMinute / size) + 1;

/** The smallest multiple of `unit` minutes whose aligned buckets over [fromMinute, toMinute) number at most maxPoints. */
export function fittingBucketMinutes(fromMinute: number, toMinute: number, maxPoints: number, unit: number): number {
  let size = unit * Math.max(1, Math.ceil((toMinute - fromMinute) / maxPoints / unit));
  while (bucketsSpanned(fromMinute, toMinute, size) > maxPoints) size += unit;
  return size;
}

/**
 * Minutes when buckets would be shorter than an hour and minutes are still kept for the whole
 * range; hourly rollups otherwise, with the range widened to whole hours.
 */
export function planBuckets(fromMinute: number, toMinute: number, maxPoints: number, minutesKeptForRange: boolean): BucketPlan {
  const byMinute = fittingBucketMinutes(fromMinute, toMinute, maxPoints, 1);
  if (byMinute < MINUTES_PER_HOUR && minutesKeptForRange) return { resolution: 'minute', bucketMinutes: byMinute };
  const fromHourStart = Math.floor(fromMinute / MINUTES_PER_HOUR) * MINUTES_PER_HOUR;
  const toHourEnd = Math.ceil(toMinute / MINUTES_PER_HOUR) * MINUTES_PER_HOUR;
  return { resolution: 'hour', bucketMinutes: fittingBucketMinutes(fromHourStart, toHourEnd, maxPoints, MINUTES_PER_HOUR) };
}
