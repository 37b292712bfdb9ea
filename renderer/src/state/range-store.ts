import { create } from 'zustand';
import { CHART_RANGES, type ChartRange } from '../../../agent-core/contract/app-contract.ts';

const STORAGE_KEY = 'cluster-insight.range';

function storedRange(): ChartRange {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (CHART_RANGES as readonly string[]).includes(value ?? '') ? (value as ChartRange) : '24h';
  } catch {
    return '24h';
  }
}

/** The time range the workloads table (p95s) and the workload charts share. */
export const useRange = create<{ range: ChartRange; setRange: (range: ChartRange) => void }>((set) => ({
  range: storedRange(),
  setRange(range) {
    try {
      localStorage.setItem(STORAGE_KEY, range);
    } catch {
      // Not remembered across launches, still applied.
    }
    set({ range });
  },
}));
