// The names `npm run bench` reads back with performance.getEntriesByName: keep them stable.
export const FILTER_START = 'ci:filter:start';
export const FILTER_MEASURE = 'ci:filter';
export const CHART_DATA = 'ci:chart:data';
export const CHART_MEASURE = 'ci:chart';

/** Calls `done` once what React just committed has been painted: a frame, then the task after it. */
export function afterPaint(done: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(done, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

export function markFilterStart(): void {
  performance.mark(FILTER_START);
}

export function markChartData(): void {
  performance.mark(CHART_DATA);
}

/** Measures from `startMark` to now, if that mark was set (a measure from a missing mark throws). */
export function measureSince(name: string, startMark: string): void {
  if (performance.getEntriesByName(startMark, 'mark').length === 0) return;
  performance.measure(name, startMark);
}
