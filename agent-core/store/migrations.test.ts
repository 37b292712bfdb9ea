import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from './sqlite-driver.ts';
import { describe, expect, test } from 'vitest';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { emptyHourSamples, setMinute } from './hour-samples.ts';
import { openMetricsStore } from './metrics-store.ts';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations.ts';
import { encodeMinuteBlock } from './minute-block.ts';
import { STORE_FILE_NAME } from './open-database.ts';
import { SCHEMA_V1_APPLICATION_ID, SCHEMA_V1_SQL } from './testing/schema-v1-snapshot.ts';
import { MIB, T0, minuteAt, sampleAt } from './testing/samples.ts';
import { useTempDirs } from './testing/temp-dir.ts';

const tempDir = useTempDirs();
const fileIn = (dataDir: string) => path.join(dataDir, STORE_FILE_NAME);

function userFacingErrorOf(work: () => unknown): UserFacingError {
  try {
    work();
  } catch (err) {
    if (err instanceof UserFacingError) return err;
    throw err;
  }
  throw new Error('expected a UserFacingError');
}

describe('schema version', () => {
  test('a new store is created at the current version and marked as ours', () => {
    const dataDir = tempDir();
    openMetricsStore({ dataDir }).close();
    const db = new SqliteDatabase(fileIn(dataDir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  test('a version-1 file opens with the current code, migrates, and keeps its data', () => {
    const dataDir = tempDir();
    const db = new SqliteDatabase(fileIn(dataDir));
    db.exec(SCHEMA_V1_SQL);
    db.pragma(`application_id = ${SCHEMA_V1_APPLICATION_ID}`);
    db.pragma('user_version = 1');
    const minute0 = T0 / 60_000;
    db.prepare("INSERT INTO workloads VALUES (1, 'Deployment', 'shop', 'web', 'uid-web')").run();
    db.prepare("INSERT INTO series VALUES (1, 'container', 'shop/web-1/app', 1, ?)").run(minute0 / 60);
    db.prepare('INSERT INTO resource_settings VALUES (1, ?, 500, 1000, ?, ?)').run(minute0, 128 * MIB, 256 * MIB);
    const hour = emptyHourSamples();
    for (let i = 0; i < 60; i++) setMinute(hour, i, [100 + i, 102_400, 81_920, 0]);
    db.prepare('INSERT INTO minute_blocks VALUES (?, 1, ?)').run(minute0 / 60, encodeMinuteBlock(hour));
    db.prepare('INSERT INTO staged_minutes VALUES (?, 777, 102400, 81920, 10)').run((minute0 + 60) * 2 ** 24 + 1);
    db.close();

    const store = openMetricsStore({ dataDir });
    const samples = store.minuteSamples({ series: { containerKey: 'shop/web-1/app' }, from: T0, to: minuteAt(61) });
    expect(samples).toHaveLength(61);
    expect(samples[5]).toEqual({ t: minuteAt(5), cpuCores: 0.105, memoryWorkingSetBytes: 100 * MIB, memoryRssBytes: 80 * MIB, throttledRatio: 0, cpuRequest: 0.5, cpuLimit: 1, memRequest: 128 * MIB, memLimit: 256 * MIB });
    expect(samples[60]!.cpuCores).toBe(0.777);
    // What version 2 added works on the migrated file.
    store.recordEvents([{ time: minuteAt(61), kind: 'OOMKilled', namespace: 'shop', pod: 'web-1', container: 'app', detail: '' }]);
    expect(store.events({ from: T0, to: minuteAt(62) })).toHaveLength(1);
    store.write({ containers: [sampleAt('shop/web-1/app', 61)] });
    store.close();
    const migrated = new SqliteDatabase(fileIn(dataDir), { readonly: true });
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrated.pragma('integrity_check', { simple: true })).toBe('ok');
    migrated.close();
  });

  test('a file from a newer version is refused, untouched, naming the file and the fix', () => {
    const dataDir = tempDir();
    openMetricsStore({ dataDir }).close();
    const db = new SqliteDatabase(fileIn(dataDir));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const err = userFacingErrorOf(() => openMetricsStore({ dataDir }));
    expect(err.code).toBe('store-newer-version');
    expect(err.message).toContain(fileIn(dataDir));
    expect(err.message).toMatch(/Update Cluster Insight/);
    expect(err.message).toMatch(/move .* out of its folder/);
    const after = new SqliteDatabase(fileIn(dataDir), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    after.close();
  });

  test("someone else's SQLite database is refused and left alone", () => {
    const dataDir = tempDir();
    const db = new SqliteDatabase(fileIn(dataDir));
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const err = userFacingErrorOf(() => openMetricsStore({ dataDir }));
    expect(err.code).toBe('store-foreign-file');
    expect(err.message).toContain(fileIn(dataDir));
    const after = new SqliteDatabase(fileIn(dataDir), { readonly: true });
    expect(after.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['notes']);
    after.close();
  });
});

describe('damage', () => {
  test('a file that is not a database at all: a clear error naming the file and the fix', () => {
    const dataDir = tempDir();
    fs.writeFileSync(fileIn(dataDir), 'not a database, just some text that happens to be here\n'.repeat(200));
    const err = userFacingErrorOf(() => openMetricsStore({ dataDir }));
    expect(err.code).toBe('store-damaged');
    expect(err.message).toContain(fileIn(dataDir));
    expect(err.message).toMatch(/Quit Cluster Insight, then move .*metrics\.sqlite.* out of its folder/);
  });

  test('a damaged page that opening does not read is caught by checkIntegrity(), with the same clear error', () => {
    const dataDir = tempDir();
    const store = openMetricsStore({ dataDir });
    for (let h = 0; h < 6; h++) store.write({ containers: Array.from({ length: 60 }, (_, m) => Array.from({ length: 40 }, (_, c) => sampleAt(`shop/web-${c}/app`, h * 60 + m))).flat() });
    store.close();
    const file = fileIn(dataDir);
    const db = new SqliteDatabase(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'minute_blocks' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    db.close();
    expect(leaves.length).toBeGreaterThan(2);
    const victim = leaves[1]!;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize);
    fs.closeSync(fd);

    const reopened = openMetricsStore({ dataDir });
    const err = userFacingErrorOf(() => reopened.checkIntegrity());
    reopened.close();
    expect(err.code).toBe('store-damaged');
    expect(err.message).toContain(file);
  });

  test('damaged pages read while opening: the same clear error', () => {
    const dataDir = tempDir();
    const store = openMetricsStore({ dataDir });
    for (let h = 0; h < 6; h++) store.write({ containers: Array.from({ length: 60 }, (_, m) => sampleAt(`shop/web-${h}/app`, h * 60 + m)) });
    store.close();
    const file = fileIn(dataDir);
    const bytes = fs.readFileSync(file);
    for (let i = 2 * 4096; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    fs.writeFileSync(file, bytes);

    const err = userFacingErrorOf(() => {
      const damaged = openMetricsStore({ dataDir });
      try {
        damaged.checkIntegrity();
      } finally {
        damaged.close();
      }
    });
    expect(err.code).toBe('store-damaged');
    expect(err.message).toContain(file);
  });
});
