// Run as a child process by crash-safety.test.ts: writes minute after minute until killed, and
// reports on stdout each minute only once its write has returned (that is, committed).
import fs from 'node:fs';
import { openMetricsStore } from '../metrics-store.ts';
import { SyntheticFleet } from './synthetic-fleet.ts';

const [dataDir, containers, start, resumeAt] = process.argv.slice(2);
if (!dataDir || !containers || !start || !resumeAt) throw new Error('usage: crash-writer DATA_DIR CONTAINERS START_MS RESUME_AT_MINUTE');

const store = openMetricsStore({ dataDir });
const fleet = new SyntheticFleet({ containers: Number(containers), seed: 5, rolloutsPerDay: 0 });
for (let m = 0; ; m++) {
  // Every minute is generated, written or not, so a resumed run writes what the first run would have.
  const batch = fleet.batchAt(Number(start) + m * 60_000);
  if (m < Number(resumeAt)) continue;
  store.write({ containers: batch });
  // Synchronous: a pipe write may otherwise wait for an event loop turn this loop never gives.
  fs.writeSync(1, `${m} ${batch.length}\n`);
}
