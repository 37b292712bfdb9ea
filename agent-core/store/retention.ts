// Retention drops whole hours from the front of tables keyed hour first, so a prune deletes
// contiguous pages; it only does work when a cutoff has crossed an hour boundary since the last one.
import type Database from 'better-sqlite3';
import type { EventLog } from './event-log.ts';
import { SERIES_ID_LIMIT } from './series-registry.ts';
import { MINUTES_PER_HOUR, MS_PER_DAY, floorToMinute, hourOfMinute } from './units.ts';

export interface RetentionPolicy {
  /** Minute samples. Default 7. */
  minuteDays: number;
  /** Hourly rollups. Default 30. */
  rollupDays: number;
  /** Container events. Default 30. */
  eventDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { minuteDays: 7, rollupDays: 30, eventDays: 30 };

/** Rows deleted, per kind. */
export interface PruneResult {
  minuteBlocks: number;
  stagedMinutes: number;
  rollups: number;
  events: number;
  settings: number;
  series: number;
  workloads: number;
}

export class Retention {
  private readonly db: Database.Database;
  private readonly policy: RetentionPolicy;
  private readonly events: EventLog;
  private lastCutoffs = '';
  private readonly statements;

  constructor(db: Database.Database, policy: RetentionPolicy, events: EventLog) {
    this.db = db;
    this.policy = policy;
    this.events = events;
    this.statements = {
      blocks: db.prepare('DELETE FROM minute_blocks WHERE hour < ?'),
      staged: db.prepare('DELETE FROM staged_minutes WHERE id < ?'),
      rollups: db.prepare('DELETE FROM hourly_rollups WHERE hour < ?'),
      series: db.prepare('DELETE FROM series WHERE last_hour < ?'),
      // A settings row superseded before the cutoff describes no data that is still kept.
      supersededSettings: db.prepare(
        `DELETE FROM resource_settings AS r WHERE r.valid_from < @cutoff AND EXISTS (
           SELECT 1 FROM resource_settings n WHERE n.series_id = r.series_id AND n.valid_from > r.valid_from AND n.valid_from <= @cutoff)`,
      ),
      orphanSettings: db.prepare('DELETE FROM resource_settings WHERE series_id NOT IN (SELECT series_id FROM series)'),
      orphanWorkloads: db.prepare('DELETE FROM workloads WHERE workload_id NOT IN (SELECT workload_id FROM series WHERE workload_id IS NOT NULL)'),
    };
  }

  private cutoffHour(nowMs: number, days: number): number {
    return hourOfMinute(floorToMinute(nowMs - days * MS_PER_DAY));
  }

  prune(nowMs: number): PruneResult {
    const minuteHour = this.cutoffHour(nowMs, this.policy.minuteDays);
    const rollupHour = this.cutoffHour(nowMs, this.policy.rollupDays);
    const eventCutoff = nowMs - this.policy.eventDays * MS_PER_DAY;
    const cutoffs = `${minuteHour}/${rollupHour}`;
    const hourly = cutoffs !== this.lastCutoffs;
    const result = this.db
      .transaction((): PruneResult => {
        const events = this.events.deleteOlderThan(eventCutoff);
        if (!hourly) return { minuteBlocks: 0, stagedMinutes: 0, rollups: 0, events, settings: 0, series: 0, workloads: 0 };
        const keptHour = Math.min(minuteHour, rollupHour);
        const minuteBlocks = this.statements.blocks.run(minuteHour).changes;
        const stagedMinutes = this.statements.staged.run(minuteHour * MINUTES_PER_HOUR * SERIES_ID_LIMIT).changes;
        const rollups = this.statements.rollups.run(rollupHour).changes;
        const series = this.statements.series.run(keptHour).changes;
        const settings = this.statements.supersededSettings.run({ cutoff: keptHour * MINUTES_PER_HOUR }).changes + (series > 0 ? this.statements.orphanSettings.run().changes : 0);
        const workloads = series > 0 ? this.statements.orphanWorkloads.run().changes : 0;
        return { minuteBlocks, stagedMinutes, rollups, events, settings, series, workloads };
      })
      .immediate();
    this.lastCutoffs = cutoffs;
    return result;
  }
}
