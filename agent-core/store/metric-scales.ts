import { METRICS, type Metric } from './hour-samples.ts';
import { kibToBytes, millicoresToCores, permilleToRatio } from './units.ts';

/** Stored unit → the unit callers see (cores, bytes, ratio), per metric. */
const TO_DISPLAY: Record<Metric, (stored: number) => number> = {
  cpuMillicores: millicoresToCores,
  workingSetKib: kibToBytes,
  rssKib: kibToBytes,
  throttlePermille: permilleToRatio,
};

export const DISPLAY_CONVERSIONS: ReadonlyArray<(stored: number) => number> = METRICS.map((m) => TO_DISPLAY[m]);

/** A stored value (NaN when missing) in display units, or null. */
export const displayValue = (stored: number, metricIndex: number): number | null => (Number.isNaN(stored) ? null : DISPLAY_CONVERSIONS[metricIndex]!(stored));
