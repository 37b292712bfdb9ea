import type { MetricKind } from './chart-rows.ts';

// Round tick steps a reader expects on each axis: 1-2-5 decimal steps for cores (50m, 100m, 200m),
// powers of two for bytes (64Mi, 128Mi, 256Mi), and quarters for a percentage.
const MAX_TICKS = 4;

function decimalStep(max: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(max / MAX_TICKS));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((step) => max / step <= MAX_TICKS) ?? 10 * magnitude;
}

function binaryStep(max: number): number {
  let step = 2 ** Math.floor(Math.log2(max / MAX_TICKS));
  while (max / step > MAX_TICKS) step *= 2;
  return step;
}

/** Ticks from 0 up to the first round value at or above `max`; the axis domain ends at the last tick. */
export function valueTicks(max: number, metric: MetricKind): number[] {
  if (metric === 'throttling') return [0, 25, 50, 75, 100];
  if (!(max > 0)) return [0];
  const step = metric === 'memory' ? binaryStep(max) : decimalStep(max);
  const count = Math.ceil(max / step - 1e-9);
  // toPrecision: 3 × 0.2 is 0.6000000000000001 in floating point.
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}
