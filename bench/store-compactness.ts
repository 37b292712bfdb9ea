// Bytes on disk per stored container-minute, measured as agent-core/store/compactness.test.ts does (a synthetic
// fleet written minute by minute, then page_count × page_size after VACUUM), beside the same samples in a naive table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteDatabase } from '../agent-core/store/sqlite-driver.ts';
import { openMetricsStore, STORE_FILE_NAME } from '../agent-core/store/index.ts';
import { SyntheticFleet } from '../agent-core/store/testing/synthetic-fleet.ts';
import { NaiveTable } from './naive-table.ts';

export interface CompactnessResult {
  containers: number;
  days: number;
  containerMinutes: number;
  storeBytes: number;
  naiveBytes: number;
  storeBytesPerContainerMinute: number;
  naiveBytesPerContainerMinute: number;
}

export function measureCompactness(containers: number, days: number, log: (line: string) => void): CompactnessResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-compactness-'));
  try {
    const store = openMetricsStore({ dataDir: path.join(dir, 'store') });
    const naive = new NaiveTable(path.join(dir, 'naive'));
    const fleet = new SyntheticFleet({ containers, seed: 7 });
    const start = Date.UTC(2025, 0, 6);
    let containerMinutes = 0;
    for (let m = 0; m < days * 1440; m++) {
      const batch = fleet.batchAt(start + m * 60_000);
      containerMinutes += batch.length;
      store.write({ containers: batch });
      naive.write(batch);
      if (m % 1440 === 1439) log(`compactness: day ${(m + 1) / 1440} of ${days} written`);
    }
    store.close();
    const db = new SqliteDatabase(path.join(dir, 'store', STORE_FILE_NAME));
    db.exec('VACUUM');
    const storeBytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    db.close();
    const naiveBytes = naive.vacuumedBytes();
    naive.close();
    return {
      containers,
      days,
      containerMinutes,
      storeBytes,
      naiveBytes,
      storeBytesPerContainerMinute: storeBytes / containerMinutes,
      naiveBytesPerContainerMinute: naiveBytes / containerMinutes,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
