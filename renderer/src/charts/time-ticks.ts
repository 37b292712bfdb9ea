// Tick positions on a time axis, aligned to round local times (every 15 minutes, every 6 hours, midnight…)
// rather than wherever the range happens to start.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];

export function tickStep(from: number, to: number, maxTicks: number): number {
  const span = Math.max(0, to - from);
  return STEPS.find((step) => span / step <= maxTicks) ?? STEPS[STEPS.length - 1]!;
}

export function timeTicks(from: number, to: number, maxTicks: number): number[] {
  if (!(to > from) || maxTicks < 1) return [];
  const step = tickStep(from, to, maxTicks);
  const ticks: number[] = [];
  if (step >= DAY) {
    // Whole days: walk local midnights, so a DST change does not shift the ticks off midnight.
    const day = new Date(from);
    day.setHours(0, 0, 0, 0);
    const days = step / DAY;
    if (day.getTime() < from) day.setDate(day.getDate() + 1);
    for (; day.getTime() <= to; day.setDate(day.getDate() + days)) ticks.push(day.getTime());
    return ticks;
  }
  const midnight = new Date(from);
  midnight.setHours(0, 0, 0, 0);
  const origin = midnight.getTime();
  for (let t = origin + Math.ceil((from - origin) / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
