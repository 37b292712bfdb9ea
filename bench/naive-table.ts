// The reference for the store: the same samples inserted raw into the table one would write first — a row per
// container-minute with the four metrics, and an index on (container, minute) so that a chart can find its rows.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteDatabase } from '../agent-core/store/sqlite-driver.ts';
import type { ContainerMinuteSample } from '../agent-core/store/index.ts';

export class NaiveTable {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly ids = new Map<string, number>();
  private readonly insertContainer: Database.Statement<[string]>;
  private readonly insertSample: Database.Statement<[number, number, number | null, number | null, number | null, number | null]>;
  private readonly writeBatch: (batch: readonly ContainerMinuteSample[]) => void;
  rows = 0;

  constructor(dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, 'naive.sqlite');
    this.db = new SqliteDatabase(this.file);
    // The same durability settings as the store, so that only the layout differs.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE containers (container_id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
      CREATE TABLE samples (
        container_id INTEGER NOT NULL,
        minute INTEGER NOT NULL,          -- ms since the epoch
        cpu_cores REAL,
        memory_working_set_bytes INTEGER,
        memory_rss_bytes INTEGER,
        throttled_ratio REAL
      );
    `);
    this.insertContainer = this.db.prepare('INSERT INTO containers (key) VALUES (?)');
    this.insertSample = this.db.prepare('INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?)');
    this.writeBatch = this.db.transaction((batch: readonly ContainerMinuteSample[]) => {
      for (const s of batch) {
        this.insertSample.run(this.idOf(s.containerKey), s.minute, s.cpuCores, s.memoryWorkingSetBytes, s.memoryRssBytes, s.throttledRatio);
      }
      this.rows += batch.length;
    });
  }

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = Number(this.insertContainer.run(key).lastInsertRowid);
      this.ids.set(key, id);
    }
    return id;
  }

  /** One transaction per batch, as the store writes one per minute. */
  write(batch: readonly ContainerMinuteSample[]): void {
    this.writeBatch(batch);
  }

  /**
   * The index a chart needs, built once the rows are in: maintained row by row it would make every minute's
   * transaction touch a page per container. VACUUM rebuilds it either way, so the bytes measured are the same.
   */
  createIndex(): void {
    this.db.exec('CREATE INDEX IF NOT EXISTS samples_by_container ON samples (container_id, minute)');
  }

  /** Every stored minute of one container in [from, to). */
  select(key: string, from: number, to: number): unknown[] {
    return this.db
      .prepare('SELECT minute, cpu_cores, memory_working_set_bytes, memory_rss_bytes, throttled_ratio FROM samples WHERE container_id = ? AND minute >= ? AND minute < ? ORDER BY minute')
      .all(this.idOf(key), from, to);
  }

  /** page_count × page_size after VACUUM, as agent-core/store/compactness.test.ts measures the store. */
  vacuumedBytes(): number {
    this.createIndex();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.exec('VACUUM');
    return (this.db.pragma('page_count', { simple: true }) as number) * (this.db.pragma('page_size', { simple: true }) as number);
  }

  close(): void {
    this.db.close();
  }
}
