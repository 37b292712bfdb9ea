import path from 'node:path';
import { SqliteDatabase } from './sqlite-driver.ts';
import { expect, test } from 'vitest';
import { openMetricsStore } from './metrics-store.ts';
import { STORE_FILE_NAME } from './open-database.ts';
import { DB, T0, minuteAt, sampleAt } from './testing/samples.ts';
import { useTempDirs } from './testing/temp-dir.ts';

const tempDir = useTempDirs();
const DAY = 86_400_000;
const HOUR = 3_600_000;

function rowCounts(dataDir: string) {
  const db = new SqliteDatabase(path.join(dataDir, STORE_FILE_NAME), { readonly: true });
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const counts = Object.fromEntries(['minute_blocks', 'staged_minutes', 'hourly_rollups', 'events', 'resource_settings', 'series', 'workloads'].map((t) => [t, count(t)]));
  db.close();
  return counts;
}

test('minutes go after 7 days, rollups and events after 30, and series with nothing left go with their settings', () => {
  const dataDir = tempDir();
  const store = openMetricsStore({ dataDir });
  // An old container, gone after its first day; a current one whose limit changed on day 1 and day 15.
  const old = 'shop/db-0/postgres';
  const current = 'shop/web-1/app';
  for (let day = 0; day < 40; day++) {
    for (const hour of [0, 12]) {
      const n = day * 1440 + hour * 60;
      const limit = day < 1 ? 1 : day < 15 ? 2 : 3;
      store.write({
        containers: [
          ...Array.from({ length: 60 }, (_, m) => sampleAt(current, n + m, { cpuLimit: limit })),
          ...(day === 0 ? [sampleAt(old, n, { workload: DB })] : []),
        ],
        events: [{ time: minuteAt(n), kind: 'Restart', namespace: 'shop', pod: 'web-1', container: 'app', detail: `day ${day}` }],
      });
    }
  }
  const now = minuteAt(40 * 1440);
  store.prune(now);

  const samples = store.minuteSamples({ series: { containerKey: current }, from: T0, to: now });
  expect(samples[0]!.t).toBeGreaterThanOrEqual(now - 7 * DAY - HOUR);
  const hourly = store.query({ series: { containerKey: current }, from: T0, to: now, maxPoints: 5000 });
  expect(hourly.points[0]!.t).toBeGreaterThanOrEqual(now - 30 * DAY - HOUR);
  expect(hourly.points[0]!.t).toBeLessThan(now - 29 * DAY);
  expect(store.events({ from: 0, to: now }).map((e) => e.detail)[0]).toBe('day 10');
  expect(store.listSeries().map((s) => s.kind === 'container' && s.containerKey)).toEqual([current]);
  // The limit of days 1–14 still describes kept rollups (from day 10); the day-0 one describes nothing kept.
  expect(hourly.settings.map((s) => s.cpuLimit)).toEqual([2, 3]);

  const counts = rowCounts(dataDir);
  expect(counts).toMatchObject({ series: 1, workloads: 1, resource_settings: 2 });
  // Again within the same hour: only events are looked at (the day-10 midnight one has now aged out).
  expect(store.prune(now + 30 * 60_000)).toEqual({ minuteBlocks: 0, stagedMinutes: 0, rollups: 0, events: 1, settings: 0, series: 0, workloads: 0 });
  // The series registry forgot the pruned series: writing it again makes it anew.
  store.write({ containers: [sampleAt(old, 40 * 1440, { workload: DB })] });
  expect(store.listSeries()).toHaveLength(2);
  store.close();
});

test('retention periods are configurable', () => {
  const dataDir = tempDir();
  const store = openMetricsStore({ dataDir, retention: { minuteDays: 1, rollupDays: 2, eventDays: 1 } });
  for (let h = 0; h < 96; h++) store.write({ containers: Array.from({ length: 60 }, (_, m) => sampleAt('a/b/c', h * 60 + m)) });
  const result = store.prune(minuteAt(96 * 60));
  expect(result.minuteBlocks).toBe(72);
  expect(result.rollups).toBe(48);
  expect(rowCounts(dataDir)).toMatchObject({ minute_blocks: 23, hourly_rollups: 47 });
  store.close();
});
