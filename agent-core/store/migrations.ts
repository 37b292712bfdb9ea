// The store's schema, as an ordered list of steps. PRAGMA user_version records the last step applied,
// so a file written by any earlier version moves forward by running the steps it has not seen, each
// in its own transaction. Steps are append-only: a released step is never edited, a change is a new step.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  purpose: string;
  sql: string;
}

/** 'CIns': marks the file as ours, so we never migrate someone else's SQLite database. */
export const APPLICATION_ID = 0x43496e73;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    purpose: 'per-minute container and node usage, packed by the hour, with hourly rollups and resource settings',
    sql: `
      CREATE TABLE workloads (
        workload_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        uid TEXT NOT NULL,
        UNIQUE (uid, kind, namespace, name)
      );

      CREATE TABLE series (
        series_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('container', 'node')),
        key TEXT NOT NULL,
        workload_id INTEGER,
        last_hour INTEGER NOT NULL,
        UNIQUE (kind, key)
      );
      CREATE INDEX series_by_workload ON series (workload_id);

      -- A row per change, valid until the series' next row: requests and limits rarely change.
      CREATE TABLE resource_settings (
        series_id INTEGER NOT NULL,
        valid_from INTEGER NOT NULL,
        cpu_request_m INTEGER,
        cpu_limit_m INTEGER,
        mem_request_b INTEGER,
        mem_limit_b INTEGER,
        PRIMARY KEY (series_id, valid_from)
      ) WITHOUT ROWID;

      -- Minutes of hours not yet packed; id = minute * 2^24 + series_id, so each minute's batch appends.
      CREATE TABLE staged_minutes (
        id INTEGER PRIMARY KEY,
        cpu_m INTEGER,
        ws_kib INTEGER,
        rss_kib INTEGER,
        throttle_pm INTEGER
      );

      -- Keyed hour first, so an hour's blocks append together and retention drops whole pages.
      CREATE TABLE minute_blocks (
        hour INTEGER NOT NULL,
        series_id INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (hour, series_id)
      ) WITHOUT ROWID;

      CREATE TABLE hourly_rollups (
        hour INTEGER NOT NULL,
        series_id INTEGER NOT NULL,
        cpu_n INTEGER, cpu_min INTEGER, cpu_sum INTEGER, cpu_max INTEGER, cpu_p95 INTEGER,
        ws_n INTEGER, ws_min INTEGER, ws_sum INTEGER, ws_max INTEGER, ws_p95 INTEGER,
        rss_n INTEGER, rss_min INTEGER, rss_sum INTEGER, rss_max INTEGER, rss_p95 INTEGER,
        thr_n INTEGER, thr_min INTEGER, thr_sum INTEGER, thr_max INTEGER, thr_p95 INTEGER,
        PRIMARY KEY (hour, series_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    purpose: 'container events (OOM kills, restarts, evictions)',
    sql: `
      CREATE TABLE events (
        event_id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        kind TEXT NOT NULL,
        namespace TEXT NOT NULL,
        pod TEXT NOT NULL,
        container TEXT NOT NULL,
        detail TEXT NOT NULL,
        UNIQUE (time, kind, namespace, pod, container)
      );
      CREATE INDEX events_by_pod ON events (namespace, pod, time);
    `,
  },
  {
    version: 3,
    purpose: 'the latest right-sizing recommendations, one row per container of a workload, replaced as a set',
    sql: `
      CREATE TABLE recommendations (
        id TEXT PRIMARY KEY,
        workload_uid TEXT NOT NULL,
        container TEXT NOT NULL,
        computed_at INTEGER NOT NULL,
        body TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    purpose: 'the relay outbox: packets written before sending, removed when the gateway acks them (agent-core/relay)',
    sql: `
      -- seq is per stream (relay_state 'stream_id') and only grows; a packet stays until acked or older than the bound.
      CREATE TABLE relay_outbox (
        seq INTEGER PRIMARY KEY,
        packet_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX relay_outbox_by_age ON relay_outbox (sent_at);
      -- The stream id, the next seq, the gap not yet reported, high-water marks of what was packed.
      CREATE TABLE relay_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies, in order, each step newer than the file's version; a step and its version bump commit together. */
export function migrateForward(db: Database.Database, upTo = SCHEMA_VERSION): void {
  for (const migration of migrations) {
    if (migration.version <= schemaVersionOf(db) || migration.version > upTo) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      if (migration.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
