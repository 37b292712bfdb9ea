import type Database from 'better-sqlite3';
import type { HourRollup, MetricRollup } from './hour-rollup.ts';
import { METRICS } from './hour-samples.ts';

/** Column prefixes of hourly_rollups, in METRICS order. */
const PREFIXES = ['cpu', 'ws', 'rss', 'thr'] as const;
const FIELDS = ['n', 'min', 'sum', 'max', 'p95'] as const;
const COLUMNS = PREFIXES.flatMap((p) => FIELDS.map((f) => `${p}_${f}`));

type RollupRow = Array<number | null>;

function rowOf(rollup: HourRollup): RollupRow {
  return METRICS.flatMap((_, m) => {
    const r = rollup[m];
    return r ? [r.n, r.min, r.sum, r.max, r.p95] : [null, null, null, null, null];
  });
}

function rollupOfRow(row: RollupRow, offset: number): HourRollup {
  return METRICS.map((_, m): MetricRollup | null => {
    const at = offset + m * FIELDS.length;
    const n = row[at];
    if (n === null || n === undefined) return null;
    return { n, min: row[at + 1]!, sum: row[at + 2]!, max: row[at + 3]!, p95: row[at + 4]! };
  });
}

export class RollupTable {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly readRange: Database.Statement;
  private readonly hourSpan: Database.Statement;

  constructor(db: Database.Database) {
    this.db = db;
    this.insert = db.prepare(`INSERT OR REPLACE INTO hourly_rollups (hour, series_id, ${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?)`);
    // One primary-key lookup per hour: the table is keyed hour first, so a plain range would scan every series.
    this.readRange = db
      .prepare(
        `WITH RECURSIVE hours(h) AS (SELECT @first UNION ALL SELECT h + 1 FROM hours WHERE h < @last)
         SELECT r.hour, ${COLUMNS.map((c) => `r.${c}`).join(', ')}
         FROM hours CROSS JOIN hourly_rollups r ON r.hour = hours.h AND r.series_id = @seriesId`,
      )
      .raw();
    this.hourSpan = db.prepare('SELECT (SELECT min(hour) FROM hourly_rollups), (SELECT max(hour) FROM hourly_rollups)').raw();
  }

  put(hour: number, seriesId: number, rollup: HourRollup): void {
    this.insert.run(hour, seriesId, ...rowOf(rollup));
  }

  /** Hours fromHour..toHour (inclusive) of one series that have a rollup. */
  read(seriesId: number, fromHour: number, toHour: number): Map<number, HourRollup> {
    const result = new Map<number, HourRollup>();
    // The hour walk is clamped to the hours that hold rollups, so an open-ended range stays cheap.
    const [oldest, newest] = this.hourSpan.get() as [number | null, number | null];
    if (oldest === null || newest === null) return result;
    const first = Math.max(fromHour, oldest);
    const last = Math.min(toHour, newest);
    if (last < first) return result;
    for (const row of this.readRange.all({ first, last, seriesId }) as RollupRow[]) result.set(row[0]!, rollupOfRow(row, 1));
    return result;
  }

  oldestHour(): number | null {
    return this.db.prepare('SELECT min(hour) FROM hourly_rollups').pluck().get() as number | null;
  }
}
