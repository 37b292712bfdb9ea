// Once an hour is over, its staged minutes are packed: one block and one rollup per series-hour
// replace sixty staged rows. Work goes a slice of series at a time, each slice its own transaction,
// so that a large cluster never holds the write lock (or the event loop) for long; a series-hour is
// either still staged or packed, and readers overlay the two, so a crash between slices loses nothing.
import type Database from 'better-sqlite3';
import { type HourSamples, emptyHourSamples, overlayHourSamples, setMinute } from './hour-samples.ts';
import { rollupHour } from './hour-rollup.ts';
import { decodeMinuteBlock, encodeMinuteBlock } from './minute-block.ts';
import { RollupTable } from './rollup-table.ts';
import { SERIES_ID_LIMIT } from './series-registry.ts';
import { minuteOfStagedId, seriesOfStagedId } from './staged-key.ts';
import { MINUTES_PER_HOUR, hourOfMinute } from './units.ts';

export const SERIES_PER_SLICE = 1024;

export class HourPacker {
  private readonly db: Database.Database;
  private readonly rollups: RollupTable;
  private readonly statements;

  constructor(db: Database.Database) {
    this.db = db;
    this.rollups = new RollupTable(db);
    this.statements = {
      oldestStaged: db.prepare('SELECT min(id) FROM staged_minutes').pluck(),
      stagedRange: db.prepare('SELECT id, cpu_m, ws_kib, rss_kib, throttle_pm FROM staged_minutes WHERE id >= ? AND id < ?').raw(),
      deleteStagedRange: db.prepare('DELETE FROM staged_minutes WHERE id >= ? AND id < ?'),
      packedBlocks: db.prepare('SELECT series_id, data FROM minute_blocks WHERE hour = ? AND series_id >= ? AND series_id < ?').raw(),
      putBlock: db.prepare('INSERT OR REPLACE INTO minute_blocks (hour, series_id, data) VALUES (?, ?, ?)'),
      touchSeries: db.prepare('UPDATE series SET last_hour = @hour WHERE series_id = @seriesId AND last_hour < @hour'),
    };
  }

  /**
   * Packs staged hours before `beforeHour`, oldest first, a slice of series per transaction, until
   * done or until about `seriesBudget` series-hours are packed. Returns the series-hours packed.
   */
  packHoursBefore(beforeHour: number, seriesBudget = Infinity): number {
    let packed = 0;
    while (packed < seriesBudget) {
      const oldest = this.statements.oldestStaged.get() as number | null;
      if (oldest === null) break;
      const hour = hourOfMinute(minuteOfStagedId(oldest));
      if (hour >= beforeHour) break;
      const seriesFrom = seriesOfStagedId(oldest);
      const seriesTo = Math.min(seriesFrom + SERIES_PER_SLICE, SERIES_ID_LIMIT);
      const slice = this.db.transaction(() => this.packSlice(hour, seriesFrom, seriesTo)).immediate();
      if (slice === 0) break;
      packed += slice;
    }
    return packed;
  }

  private deleteStaged(hour: number, seriesFrom: number, seriesTo: number): void {
    for (let minute = hour * MINUTES_PER_HOUR; minute < (hour + 1) * MINUTES_PER_HOUR; minute++) {
      this.statements.deleteStagedRange.run(minute * SERIES_ID_LIMIT + seriesFrom, minute * SERIES_ID_LIMIT + seriesTo);
    }
  }

  private packSlice(hour: number, seriesFrom: number, seriesTo: number): number {
    const staged = new Map<number, HourSamples>();
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      const base = (hour * MINUTES_PER_HOUR + i) * SERIES_ID_LIMIT;
      // all() rather than iterate(): for many small rows it is markedly faster.
      for (const [id, ...metrics] of this.statements.stagedRange.all(base + seriesFrom, base + seriesTo) as Array<[number, ...Array<number | null>]>) {
        const seriesId = id - base;
        let samples = staged.get(seriesId);
        if (!samples) staged.set(seriesId, (samples = emptyHourSamples()));
        setMinute(samples, i, metrics);
      }
    }
    if (staged.size === 0) return 0;
    // Usually none: a block already exists only when minutes arrive after their hour was packed.
    const earlier = new Map<number, HourSamples>();
    for (const [seriesId, data] of this.statements.packedBlocks.iterate(hour, seriesFrom, seriesTo) as Iterable<[number, Buffer]>) {
      earlier.set(seriesId, decodeMinuteBlock(data));
    }
    for (const seriesId of [...staged.keys()].sort((a, b) => a - b)) {
      const previous = earlier.get(seriesId);
      const samples = previous ? overlayHourSamples(previous, staged.get(seriesId)!) : staged.get(seriesId)!;
      this.statements.putBlock.run(hour, seriesId, encodeMinuteBlock(samples));
      this.rollups.put(hour, seriesId, rollupHour(samples));
      this.statements.touchSeries.run({ hour, seriesId });
    }
    this.deleteStaged(hour, seriesFrom, seriesTo);
    return staged.size;
  }
}
