import type Database from 'better-sqlite3';
import type { SettingsInterval } from './sample-types.ts';
import { MS_PER_MINUTE, millicoresToCores } from './units.ts';

interface SettingsRow {
  series_id: number;
  valid_from: number;
  cpu_request_m: number | null;
  cpu_limit_m: number | null;
  mem_request_b: number | null;
  mem_limit_b: number | null;
}

const cores = (millicores: number | null) => (millicores === null ? null : millicoresToCores(millicores));

/** Requests and limits over time, from the rows written whenever they changed. */
export class SettingsHistory {
  private readonly rows: Database.Statement;

  constructor(db: Database.Database) {
    this.rows = db.prepare(
      `SELECT series_id, valid_from, cpu_request_m, cpu_limit_m, mem_request_b, mem_limit_b FROM resource_settings
       WHERE series_id >= ? AND series_id < ? AND valid_from < ? ORDER BY series_id, valid_from`,
    );
  }

  /** For series ids [seriesFrom, seriesTo): the settings over minutes [fromMinute, toMinute), clipped to it. */
  read(seriesFrom: number, seriesTo: number, fromMinute: number, toMinute: number): Map<number, SettingsInterval[]> {
    const bySeries = new Map<number, SettingsInterval[]>();
    const rows = this.rows.all(seriesFrom, seriesTo, toMinute) as SettingsRow[];
    rows.forEach((row, i) => {
      const next = rows[i + 1];
      const end = Math.min(next && next.series_id === row.series_id ? next.valid_from : toMinute, toMinute);
      const start = Math.max(row.valid_from, fromMinute);
      if (end <= start) return;
      let intervals = bySeries.get(row.series_id);
      if (!intervals) bySeries.set(row.series_id, (intervals = []));
      intervals.push({
        from: start * MS_PER_MINUTE,
        to: end * MS_PER_MINUTE,
        cpuRequest: cores(row.cpu_request_m),
        cpuLimit: cores(row.cpu_limit_m),
        memRequest: row.mem_request_b,
        memLimit: row.mem_limit_b,
      });
    });
    return bySeries;
  }

  readOne(seriesId: number, fromMinute: number, toMinute: number): SettingsInterval[] {
    return this.read(seriesId, seriesId + 1, fromMinute, toMinute).get(seriesId) ?? [];
  }
}

/** Clips intervals to end no later than `endMs` (where a series' data stops). */
export function clipSettings(intervals: SettingsInterval[], endMs: number): SettingsInterval[] {
  return intervals.filter((s) => s.from < endMs).map((s) => ({ ...s, to: Math.min(s.to, endMs) }));
}

/** The settings in force at each of the ascending times, walking the intervals once. */
export function settingsAt(intervals: readonly SettingsInterval[], ascendingTimes: readonly number[]): Array<SettingsInterval | undefined> {
  let i = 0;
  return ascendingTimes.map((t) => {
    while (i < intervals.length && intervals[i]!.to <= t) i++;
    const s = intervals[i];
    return s && s.from <= t ? s : undefined;
  });
}
