// The store of an agent that has run for days: `containers` containers with `days` days of minutes (and their
// hourly rollups), ending at the current hour. Writing a week of 30,000 containers minute by minute would take
// about half an hour, so the bench writes `writtenHours` real hours through the store (synthetic fleet, one write
// per minute, hours packed as the agent packs them) and fills the earlier hours with copies of those packed hours:
// real blocks and rollups, in key order into a fresh file, so the file has the size and layout a week would give.
import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from '../agent-core/store/sqlite-driver.ts';
import { openMetricsStore, STORE_FILE_NAME } from '../agent-core/store/index.ts';
import { SyntheticFleet } from '../agent-core/store/testing/synthetic-fleet.ts';

const HOUR_MS = 3_600_000;

export interface LongRunningStore {
  dataDir: string;
  file: string;
  fileBytes: number;
  containers: number;
  days: number;
  writtenHours: number;
  copiedHours: number;
  containerMinutesWritten: number;
  /** Written plus copied. */
  containerMinutesHeld: number;
  /** The last minute held (ms epoch); the fleet and seed to continue from. */
  endMs: number;
  seed: number;
  writeSeconds: number;
  copySeconds: number;
}

export function buildLongRunningStore(opts: { dir: string; containers: number; days: number; writtenHours: number; log: (line: string) => void }): LongRunningStore {
  const seed = 3;
  const writtenDir = path.join(opts.dir, 'written');
  const dataDir = path.join(opts.dir, 'store');
  const endHour = Math.floor(Date.now() / HOUR_MS);
  const firstHour = endHour - opts.writtenHours;
  const copiedHours = opts.days * 24 - opts.writtenHours;

  const writeBegan = Date.now();
  const written = openMetricsStore({ dataDir: writtenDir });
  const fleet = new SyntheticFleet({ containers: opts.containers, seed });
  let containerMinutesWritten = 0;
  for (let m = 0; m < opts.writtenHours * 60; m++) {
    const batch = fleet.batchAt(firstHour * HOUR_MS + m * 60_000);
    containerMinutesWritten += batch.length;
    written.write({ containers: batch });
    if (m % 60 === 59) opts.log(`  long-running store: hour ${(m + 1) / 60} of ${opts.writtenHours} written (${opts.containers} containers a minute)`);
  }
  written.packCompletedHours(endHour * HOUR_MS + 5 * 60_000);
  written.close();
  const writeSeconds = (Date.now() - writeBegan) / 1000;

  const copyBegan = Date.now();
  openMetricsStore({ dataDir }).close(); // the schema, as the store makes it
  const file = path.join(dataDir, STORE_FILE_NAME);
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.prepare('ATTACH DATABASE ? AS src').run(path.join(writtenDir, STORE_FILE_NAME));
  const columns = (table: string) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((c) => c !== 'hour');
  const blockColumns = columns('minute_blocks').join(', ');
  const rollupColumns = columns('hourly_rollups').join(', ');
  const copyBlocks = db.prepare(`INSERT INTO main.minute_blocks (hour, ${blockColumns}) SELECT ?, ${blockColumns} FROM src.minute_blocks WHERE hour = ? ORDER BY series_id`);
  const copyRollups = db.prepare(`INSERT INTO main.hourly_rollups (hour, ${rollupColumns}) SELECT ?, ${rollupColumns} FROM src.hourly_rollups WHERE hour = ? ORDER BY series_id`);
  const shiftMinutes = copiedHours * 60;

  db.transaction(() => {
    db.exec('INSERT INTO main.workloads SELECT * FROM src.workloads ORDER BY workload_id');
    db.exec('INSERT INTO main.series SELECT * FROM src.series ORDER BY series_id');
    // Each series' first settings row moves back to the start of the copied hours, so settings cover them.
    db.prepare(
      `INSERT INTO main.resource_settings SELECT series_id,
         CASE WHEN valid_from = (SELECT min(valid_from) FROM src.resource_settings f WHERE f.series_id = r.series_id) THEN valid_from - ? ELSE valid_from END,
         cpu_request_m, cpu_limit_m, mem_request_b, mem_limit_b
       FROM src.resource_settings r ORDER BY series_id, valid_from`,
    ).run(shiftMinutes);
  })();
  // Copies first (they are the older hours), then the written hours: every insert appends in key order.
  const copyHour = db.transaction((hour: number, source: number) => {
    copyBlocks.run(hour, source);
    copyRollups.run(hour, source);
  });
  for (let k = 0; k < copiedHours; k++) {
    copyHour(firstHour - copiedHours + k, firstHour + (k % opts.writtenHours));
    if (k % 24 === 23) opts.log(`  long-running store: ${(k + 1) / 24} of ${(copiedHours / 24).toFixed(1)} days copied`);
  }
  db.transaction(() => {
    db.exec(`INSERT INTO main.minute_blocks SELECT * FROM src.minute_blocks ORDER BY hour, series_id`);
    db.exec(`INSERT INTO main.hourly_rollups SELECT * FROM src.hourly_rollups ORDER BY hour, series_id`);
    db.exec('INSERT INTO main.staged_minutes SELECT * FROM src.staged_minutes ORDER BY id');
    db.exec('INSERT INTO main.events SELECT * FROM src.events ORDER BY event_id');
  })();
  db.exec('DETACH DATABASE src');
  db.pragma('journal_mode = WAL');
  db.close();
  fs.rmSync(writtenDir, { recursive: true, force: true });
  const copySeconds = (Date.now() - copyBegan) / 1000;

  const perHour = containerMinutesWritten / opts.writtenHours;
  return {
    dataDir,
    file,
    fileBytes: fs.statSync(file).size,
    containers: opts.containers,
    days: opts.days,
    writtenHours: opts.writtenHours,
    copiedHours,
    containerMinutesWritten,
    containerMinutesHeld: Math.round(containerMinutesWritten + perHour * copiedHours),
    endMs: endHour * HOUR_MS,
    seed,
    writeSeconds,
    copySeconds,
  };
}
