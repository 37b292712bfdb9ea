import { expect, test } from 'vitest';
import { openMetricsStore } from './metrics-store.ts';
import { SyntheticFleet } from './testing/synthetic-fleet.ts';
import { useTempDirs } from './testing/temp-dir.ts';

const tempDir = useTempDirs();
const CONTAINERS = 30_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test('30,000 containers a minute: each minute is one quick transaction, and the hour after packs in slices', { timeout: 300_000 }, () => {
  const store = openMetricsStore({ dataDir: tempDir() });
  const fleet = new SyntheticFleet({ containers: CONTAINERS, seed: 3, rolloutsPerDay: 0 });
  const start = Date.UTC(2025, 2, 3, 10);
  const timings: number[] = [];
  // Past the hour, its grace, and the writes that pack it.
  for (let m = 0; m < 100; m++) {
    const containers = fleet.batchAt(start + m * 60_000);
    const began = performance.now();
    store.write({ containers });
    timings.push(performance.now() - began);
  }
  const [first, ...rest] = timings;
  const packingWrites = Math.ceil(CONTAINERS / 1024);
  const packing = rest.slice(61, 61 + packingWrites);
  const plain = rest.filter((_, i) => i < 61 || i >= 61 + packingWrites);
  console.log(
    `write of ${CONTAINERS} containers: first minute (creating every series) ${first!.toFixed(0)} ms; ` +
      `then median ${median(plain).toFixed(0)} ms, slowest ${Math.max(...plain).toFixed(0)} ms; ` +
      `minutes that also pack a slice of the finished hour: median ${median(packing).toFixed(0)} ms, slowest ${Math.max(...packing).toFixed(0)} ms`,
  );

  expect(store.listSeries()).toHaveLength(CONTAINERS);
  const someone = store.listSeries()[12_345]!;
  if (someone.kind !== 'container') throw new Error('expected a container series');
  const minutes = store.minuteSamples({ series: someone, from: start, to: start + 100 * 60_000 });
  expect(minutes.length).toBeGreaterThan(95);
  expect(store.packCompletedHours()).toBe(0);
  store.close();
});
