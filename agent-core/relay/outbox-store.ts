import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { STORE_FILE_NAME } from '../store/index.ts';
import { openStoreDatabase } from '../store/open-database.ts';
import { clearRelayTables, Outbox, type OutboxOptions } from './outbox.ts';

export interface OpenedOutbox {
  outbox: Outbox;
  db: Database.Database;
  close(): void;
}

/**
 * The outbox lives in the agent's metrics.sqlite (its tables come with the store's migration 4); the relay keeps its
 * own connection to the file, which WAL allows beside the metrics store's.
 */
export function openOutbox(dataDir: string, options: OutboxOptions = {}): OpenedOutbox {
  const db = openStoreDatabase(path.join(dataDir, STORE_FILE_NAME));
  return { outbox: new Outbox(db, options), db, close: () => db.close() };
}

/**
 * Empties the outbox of a cluster's data folder (the relay's configuration was forgotten: nothing queued for that
 * gateway may go anywhere else). Returns how many packets were discarded; 0 when the folder has no store.
 */
export function discardOutbox(dataDir: string): number {
  const file = path.join(dataDir, STORE_FILE_NAME);
  if (!fs.existsSync(file)) return 0;
  const db = openStoreDatabase(file);
  try {
    return db.transaction(() => clearRelayTables(db)).immediate();
  } finally {
    db.close();
  }
}
