// A chart never needs more points than it has pixels to show them: two pixels per point keeps lines smooth
// without asking the core for (or drawing) a 30-day minute series in full.
export const MIN_POINTS = 60;
export const MAX_POINTS = 1000;
const PIXELS_PER_POINT = 2;
// Resizing the window by a few pixels should not refetch every chart.
const STEP = 20;

export function maxPointsForWidth(widthPx: number): number {
  if (!Number.isFinite(widthPx) || widthPx <= 0) return MIN_POINTS;
  const wanted = Math.floor(widthPx / PIXELS_PER_POINT / STEP) * STEP;
  return Math.min(MAX_POINTS, Math.max(MIN_POINTS, wanted));
}
