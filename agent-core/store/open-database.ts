import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteDatabase } from './sqlite-driver.ts';
import { APPLICATION_ID, SCHEMA_VERSION, migrateForward, schemaVersionOf } from './migrations.ts';
import { isDamagedFileError, notAMetricsStoreError, storeDamagedError, storeFromNewerVersionError } from './store-errors.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';

export const STORE_FILE_NAME = 'metrics.sqlite';

function refuseForeignOrNewer(db: Database.Database, file: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = schemaVersionOf(db);
  const hasTables = (db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number) > 0;
  if ((applicationId !== 0 && applicationId !== APPLICATION_ID) || (version === 0 && hasTables)) throw notAMetricsStoreError(file);
  if (version > SCHEMA_VERSION) throw storeFromNewerVersionError(file, version, SCHEMA_VERSION);
}

/**
 * Opens (creating if need be) the store file and brings its schema up to date. WAL with
 * synchronous=NORMAL: a commit survives the process being killed, and only a power loss can take
 * back the last commits, never corrupt the file.
 */
export function openStoreDatabase(file: string): Database.Database {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (cause) {
    throw new UserFacingError('store-unopenable', `Cannot create the data folder ${path.dirname(file)} (${(cause as Error).message}). Choose a data folder you can write to.`, 2, { cause });
  }
  let db: Database.Database | undefined;
  try {
    db = new SqliteDatabase(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -16384');
    refuseForeignOrNewer(db, file);
    migrateForward(db);
    return db;
  } catch (err) {
    db?.close();
    if (isDamagedFileError(err)) throw storeDamagedError(file, err);
    if (err instanceof UserFacingError) throw err;
    throw new UserFacingError(
      'store-unopenable',
      `Cannot open the metrics store ${file} (${(err as Error).message}). Check that the file and its folder are yours and writable.`,
      2,
      { cause: err },
    );
  }
}
