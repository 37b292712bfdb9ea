import type Database from 'better-sqlite3';
import { type HourSamples, emptyHourSamples, overlayHourSamples, setMinute } from './hour-samples.ts';
import { decodeMinuteBlock } from './minute-block.ts';
import { SERIES_ID_LIMIT } from './series-registry.ts';
import { minuteOfStagedId } from './staged-key.ts';
import { MINUTES_PER_HOUR, hourOfMinute } from './units.ts';

/** series id → hour → that hour's minutes */
export type MinutesBySeries = Map<number, Map<number, HourSamples>>;

function hoursOf(bySeries: MinutesBySeries, seriesId: number): Map<number, HourSamples> {
  let hours = bySeries.get(seriesId);
  if (!hours) bySeries.set(seriesId, (hours = new Map()));
  return hours;
}

/** Reads minutes from both homes: packed hour blocks, overlaid with staged minutes not yet packed. */
export class MinuteReader {
  private readonly blocks: Database.Statement;
  private readonly staged: Database.Statement;
  private readonly stagedSpan: Database.Statement;
  private readonly oldestBlockHour: Database.Statement;
  private readonly blockHourSpan: Database.Statement;

  constructor(db: Database.Database) {
    // Hour by hour, each a primary-key range over the wanted series, never a scan of other series.
    this.blocks = db
      .prepare(
        `WITH RECURSIVE hours(h) AS (SELECT @first UNION ALL SELECT h + 1 FROM hours WHERE h < @last)
         SELECT b.series_id, b.hour, b.data FROM hours CROSS JOIN minute_blocks b
         ON b.hour = hours.h AND b.series_id >= @seriesFrom AND b.series_id < @seriesTo`,
      )
      .raw();
    this.staged = db
      .prepare(
        `WITH RECURSIVE minutes(m) AS (SELECT @first UNION ALL SELECT m + 1 FROM minutes WHERE m < @last)
         SELECT s.id, s.cpu_m, s.ws_kib, s.rss_kib, s.throttle_pm FROM minutes CROSS JOIN staged_minutes s
         ON s.id >= minutes.m * ${SERIES_ID_LIMIT} + @seriesFrom AND s.id < minutes.m * ${SERIES_ID_LIMIT} + @seriesTo`,
      )
      .raw();
    // Two subqueries, as min() and max() together in one select would scan the table.
    this.stagedSpan = db.prepare('SELECT (SELECT min(id) FROM staged_minutes), (SELECT max(id) FROM staged_minutes)').raw();
    this.oldestBlockHour = db.prepare('SELECT min(hour) FROM minute_blocks').pluck();
    this.blockHourSpan = db.prepare('SELECT (SELECT min(hour) FROM minute_blocks), (SELECT max(hour) FROM minute_blocks)').raw();
  }

  /** The first and last minute with staged samples, or null when everything is packed. */
  stagedMinutes(): { first: number; last: number } | null {
    const [first, last] = this.stagedSpan.get() as [number | null, number | null];
    return first === null || last === null ? null : { first: minuteOfStagedId(first), last: minuteOfStagedId(last) };
  }

  /** The oldest minute still kept at minute resolution, or null when no minutes are kept. */
  oldestMinute(): number | null {
    const hour = this.oldestBlockHour.get() as number | null;
    const staged = this.stagedMinutes();
    const candidates = [hour === null ? null : hour * MINUTES_PER_HOUR, staged?.first ?? null].filter((m): m is number => m !== null);
    return candidates.length ? Math.min(...candidates) : null;
  }

  /**
   * Series ids [seriesFrom, seriesTo), the hours touching minutes [fromMinute, toMinute). Packed hours
   * come whole, staged minutes only within the range: callers keep the minutes they asked for.
   */
  read(seriesFrom: number, seriesTo: number, fromMinute: number, toMinute: number): MinutesBySeries {
    const bySeries: MinutesBySeries = new Map();
    if (toMinute <= fromMinute) return bySeries;
    // The hour walk is clamped to the hours that hold blocks: an open-ended range ("everything since…") stays cheap.
    const [oldestHour, newestHour] = this.blockHourSpan.get() as [number | null, number | null];
    if (oldestHour !== null && newestHour !== null) {
      const first = Math.max(hourOfMinute(fromMinute), oldestHour);
      const last = Math.min(hourOfMinute(toMinute - 1), newestHour);
      for (const [seriesId, hour, data] of (last < first ? [] : this.blocks.iterate({ first, last, seriesFrom, seriesTo })) as Iterable<[number, number, Buffer]>) {
        hoursOf(bySeries, seriesId).set(hour, decodeMinuteBlock(data));
      }
    }
    const span = this.stagedMinutes();
    if (!span) return bySeries;
    const first = Math.max(span.first, fromMinute);
    const last = Math.min(span.last, toMinute - 1);
    if (last < first) return bySeries;
    const stagedHours = new Map<number, Map<number, HourSamples>>();
    for (const [id, ...metrics] of this.staged.iterate({ first, last, seriesFrom, seriesTo }) as Iterable<[number, ...Array<number | null>]>) {
      const minute = minuteOfStagedId(id);
      const hours = hoursOf(stagedHours, id - minute * SERIES_ID_LIMIT);
      const hour = hourOfMinute(minute);
      let samples = hours.get(hour);
      if (!samples) hours.set(hour, (samples = emptyHourSamples()));
      setMinute(samples, minute - hour * MINUTES_PER_HOUR, metrics);
    }
    for (const [seriesId, hours] of stagedHours) {
      const packed = hoursOf(bySeries, seriesId);
      for (const [hour, samples] of hours) packed.set(hour, overlayHourSamples(packed.get(hour) ?? emptyHourSamples(), samples));
    }
    return bySeries;
  }
}
