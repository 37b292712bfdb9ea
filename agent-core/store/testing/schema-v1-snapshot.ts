// A frozen copy of the schema as migration 1 created it, so the migration test opens a genuine
// version-1 file even if someone edits migration 1 in place (which they must not).
export const SCHEMA_V1_SQL = `
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
`;

export const SCHEMA_V1_APPLICATION_ID = 0x43496e73;
