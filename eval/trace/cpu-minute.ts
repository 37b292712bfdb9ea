import { CELL_MS, cfsRates, cellIndexOf, cellMidpoint } from '../../sim/profiles/index.ts';
import type { DemandShape } from '../shapes/demand-shape.ts';

const CELLS_PER_MINUTE = 60_000 / CELL_MS;

export interface CpuMinute {
  /** Mean demand, cores. */
  demand: number;
  /** Mean usage under the limit, cores. */
  usage: number;
  /** Δthrottled periods / Δperiods over the minute, as the agent computes it from cAdvisor; NaN without a limit. */
  throttled: number;
}

/** One minute of CPU from the simulator's 10 s cells and its CFS model, as the agent would measure it. */
export function cpuMinute(shape: DemandShape, minuteStart: number, limit: number | null, nodeCores: number, out: CpuMinute): CpuMinute {
  let demand = 0;
  let usage = 0;
  let periods = 0;
  let throttled = 0;
  const firstCell = cellIndexOf(minuteStart);
  for (let c = firstCell; c < firstCell + CELLS_PER_MINUTE; c++) {
    const d = shape.cpuCoresAt(cellMidpoint(c));
    const rates = cfsRates(d, limit ?? nodeCores);
    demand += d;
    usage += rates.usageCores;
    periods += rates.periodsPerSecond;
    throttled += rates.throttledPeriodsPerSecond;
  }
  out.demand = demand / CELLS_PER_MINUTE;
  out.usage = usage / CELLS_PER_MINUTE;
  out.throttled = limit === null ? NaN : periods > 0 ? throttled / periods : 0;
  return out;
}
