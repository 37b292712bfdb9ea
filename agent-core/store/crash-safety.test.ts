import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteDatabase } from './sqlite-driver.ts';
import { expect, test } from 'vitest';
import { openMetricsStore } from './metrics-store.ts';
import { STORE_FILE_NAME } from './open-database.ts';
import { SyntheticFleet } from './testing/synthetic-fleet.ts';
import { useTempDirs } from './testing/temp-dir.ts';

const tempDir = useTempDirs();
const here = path.dirname(fileURLToPath(import.meta.url));
const CONTAINERS = 2000;
const START = Date.UTC(2025, 3, 7, 9);

/** Runs the crash writer from `resumeAt` until it has reported minute `killAfter`, then SIGKILLs it. Returns the minutes it reported. */
function writeUntilKilled(dataDir: string, resumeAt: number, killAfter: number): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'testing', 'crash-writer.ts'), dataDir, String(CONTAINERS), String(START), String(resumeAt)], {
      cwd: path.resolve(here, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported = new Map<number, number>();
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [minute, count] = line.split(' ').map(Number) as [number, number];
        reported.set(minute, count);
        // The next write has already begun: the kill lands in the middle of it (or of packing).
        if (minute >= killAfter) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(reported) : reject(new Error(`the crash writer exited on its own: ${stderr}`))));
  });
}

test('a writer killed mid-write loses at most the minute it was writing', { timeout: 120_000 }, async () => {
  const dataDir = tempDir();
  // First killed just as the first hour is being packed, then again later in the second hour.
  const first = await writeUntilKilled(dataDir, 0, 62);
  const resumeAt = Math.max(...first.keys()) + 1;
  const second = await writeUntilKilled(dataDir, resumeAt, resumeAt + 55);
  const lastReported = Math.max(...second.keys());

  const db = new SqliteDatabase(path.join(dataDir, STORE_FILE_NAME));
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();

  const store = openMetricsStore({ dataDir });
  const stored = new Map<string, number>();
  for (const series of store.allSeriesMinutes({ from: START, to: START + (lastReported + 5) * 60_000 })) {
    if (series.series.kind !== 'container') continue;
    const key = series.series.containerKey;
    series.t.forEach((t, i) => stored.set(`${key}@${(t - START) / 60_000}`, series.cpuCores[i]!));
  }
  store.close();

  // Every reported minute is there with exactly the values written; the minute being written when
  // the second kill came (its commit may have landed first) is there completely or not at all.
  const fleet = new SyntheticFleet({ containers: CONTAINERS, seed: 5, rolloutsPerDay: 0 });
  for (let m = 0; m <= lastReported; m++) {
    const batch = fleet.batchAt(START + m * 60_000);
    expect(first.get(m) ?? second.get(m)).toBe(batch.length);
    for (const s of batch) expect(stored.get(`${s.containerKey}@${m}`)).toBeCloseTo(s.cpuCores!, 3);
  }
  const inFlight = fleet.batchAt(START + (lastReported + 1) * 60_000);
  const landed = inFlight.filter((s) => stored.has(`${s.containerKey}@${lastReported + 1}`)).length;
  expect([0, inFlight.length]).toContain(landed);
  console.log(`crash test: killed at minutes ${resumeAt} and ${lastReported + 1} of writing; ${lastReported + 1} minutes intact; the one in flight ${landed ? 'had committed' : 'was rolled back'}`);
});
