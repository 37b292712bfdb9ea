import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SqliteDatabase, sqliteDriverFor } from './sqlite-driver.ts';

const runtime = (node: string, electron?: string) => ({ ...process.versions, node, electron }) as NodeJS.ProcessVersions;

describe('the SQLite driver', () => {
  it('is the Node-API build on Node 22 and later, the classic one on Node 20 and inside Electron', () => {
    expect(sqliteDriverFor(runtime('20.20.2'))).toBe('classic');
    expect(sqliteDriverFor(runtime('22.0.0'))).toBe('node-api');
    expect(sqliteDriverFor(runtime('24.21.0'))).toBe('node-api');
    expect(sqliteDriverFor(runtime('26.10.0'))).toBe('node-api');
    expect(sqliteDriverFor(runtime('24.14.0', '41.7.1'))).toBe('classic');
  });

  it('opens, writes and reads a file with the build this runtime gets', () => {
    const require = createRequire(import.meta.url);
    const expected = sqliteDriverFor(process.versions) === 'node-api' ? require('better-sqlite3-napi') : require('better-sqlite3');
    expect(SqliteDatabase).toBe(expected);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-sqlite-driver-'));
    try {
      const db = new SqliteDatabase(path.join(dir, 'x.sqlite'));
      db.exec('CREATE TABLE t (x INTEGER)');
      const insert = db.prepare('INSERT INTO t VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 100; i++) insert.run(i);
      })();
      const rows = db.prepare('SELECT x FROM t ORDER BY x').iterate() as IterableIterator<{ x: number }>;
      expect(rows.next().value).toEqual({ x: 0 });
      expect(db.prepare('SELECT count(*) AS n, sum(x) AS s FROM t').get()).toEqual({ n: 100, s: 4950 });
      rows.return?.();
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
