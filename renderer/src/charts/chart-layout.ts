import { maxPointsForWidth } from './max-points.ts';

const GAP_PX = 16;

/** How many charts sit side by side in `widthPx`, how wide each is, and so how many points each asks for. */
export function chartLayout(widthPx: number): { columns: number; chartWidth: number; maxPoints: number } {
  const columns = widthPx >= 1050 ? 3 : widthPx >= 680 ? 2 : 1;
  const chartWidth = Math.max(0, Math.floor((widthPx - GAP_PX * (columns - 1)) / columns));
  return { columns, chartWidth, maxPoints: maxPointsForWidth(chartWidth) };
}
