import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from './sqlite-driver.ts';
import { expect, test } from 'vitest';
import { openMetricsStore } from './metrics-store.ts';
import { STORE_FILE_NAME } from './open-database.ts';
import { SyntheticFleet } from './testing/synthetic-fleet.ts';
import { useTempDirs } from './testing/temp-dir.ts';

const tempDir = useTempDirs();

test('a realistic fleet, 1,000 containers for 3 days, takes at most 24 bytes per container-minute on disk', { timeout: 300_000 }, () => {
  const dataDir = tempDir();
  const store = openMetricsStore({ dataDir });
  const fleet = new SyntheticFleet({ containers: 1000, seed: 7 });
  const start = Date.UTC(2025, 0, 6);
  let containerMinutes = 0;
  for (let m = 0; m < 3 * 1440; m++) {
    const containers = fleet.batchAt(start + m * 60_000);
    containerMinutes += containers.length;
    store.write({ containers });
  }
  store.close();

  const file = path.join(dataDir, STORE_FILE_NAME);
  const beforeVacuum = fs.statSync(file).size;
  const db = new SqliteDatabase(file);
  db.exec('VACUUM');
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  const tables = db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC").all() as Array<{ name: string; bytes: number }>;
  db.close();

  const perContainerMinute = bytes / containerMinutes;
  console.log(
    `store size: ${containerMinutes} container-minutes → ${(bytes / 1e6).toFixed(1)} MB after VACUUM ` +
      `(${(beforeVacuum / 1e6).toFixed(1)} MB before) = ${perContainerMinute.toFixed(2)} bytes per container-minute ` +
      `(${(beforeVacuum / containerMinutes).toFixed(2)} before VACUUM)\n` +
      tables
        .filter((t) => t.bytes / containerMinutes >= 0.01)
        .map((t) => `  ${t.name}: ${(t.bytes / containerMinutes).toFixed(2)} B/container-minute`)
        .join('\n'),
  );
  expect(perContainerMinute).toBeLessThanOrEqual(24);
});
