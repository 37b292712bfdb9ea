import { formatDay, formatDayAndTime, formatTimeOfDay } from '../format/time.ts';
import { tickStep, timeTicks } from './time-ticks.ts';

const DAY = 86_400_000;
// Room each label needs on the axis: "Nov 19" and "04:00 PM" are short, "Wed 04:00 PM" is not.
const SHORT_LABEL_PX = 64;
const LONG_LABEL_PX = 100;

export interface TimeAxis {
  ticks: number[];
  format: (t: number) => string;
}

/**
 * Ticks at round local times, as many as fit `plotWidthPx`, labelled with the time of day within a day, the
 * weekday and time across a few days, and the date across weeks.
 */
export function timeAxis(from: number, to: number, plotWidthPx: number): TimeAxis {
  let maxTicks = Math.max(2, Math.floor(plotWidthPx / SHORT_LABEL_PX));
  let step = tickStep(from, to, maxTicks);
  const spansDays = to - from > DAY;
  if (spansDays && step < DAY) {
    maxTicks = Math.max(2, Math.floor(plotWidthPx / LONG_LABEL_PX));
    step = tickStep(from, to, maxTicks);
  }
  const format = step >= DAY ? formatDay : spansDays ? formatDayAndTime : formatTimeOfDay;
  return { ticks: timeTicks(from, to, maxTicks), format };
}
