// The two sets the harness scores: the project's own traces, and a held-out set with other seeds, other
// parameter ranges and twists the project set never shows (drift, weekends on spiky load, other cadences).
// The engine's defaults were chosen on the project set; the held-out set says whether they generalise.

export type Range = readonly [number, number];

export interface Variation {
  name: 'project' | 'holdout';
  /** First minute of every trace (the project's starts on a Monday, the held-out set's on a Wednesday). */
  startMs: number;
  days: number;
  /** Days scored: the rolling origin runs from this day to the last. */
  firstScoredDay: number;
  weekendCpuFactor: Range;
  stepCpuUp: Range;
  stepCpuDown: Range;
  /** The day (from the trace start) of the step change's rollout. */
  stepDay: Range;
  leakRestartEveryHours: readonly number[];
  leakGrowthPerLife: Range;
  leakGrowthJitter: number;
  /** The leak's true peak over the team's memory limit: above 1, the observed trace has OOM kills. */
  leakPeakOverLimit: Range;
  batchPeriodHours: readonly number[];
  batchBurstMinutes: Range;
  batchBurstFactor: Range;
  jvmWarmupMinutes: Range;
  jvmDeployEveryHours: readonly number[];
  jvmGcSaw: Range;
  /** Held-out twists: steady and diurnal load drifting by up to this share a day, ± (0: none). */
  driftPerDay: number;
  /** Held-out twist: spiky load with weekends too. */
  spikyWeekends: boolean;
  /** The throttled-at-peaks container's CPU limit as a share of its peak demand. */
  peakLimitShare: Range;
  /** Log-spread of the minute-to-minute CPU jitter (see shapes/minute-noise.ts). */
  minuteNoise: Range;
}

const DAY_MS = 86_400_000;

export const PROJECT: Variation = {
  name: 'project',
  startMs: Date.UTC(2026, 0, 5),
  days: 14,
  firstScoredDay: 7,
  weekendCpuFactor: [0.4, 0.65],
  stepCpuUp: [1.5, 2.5],
  stepCpuDown: [0.4, 0.65],
  stepDay: [2, 12],
  leakRestartEveryHours: [8, 12, 24],
  leakGrowthPerLife: [0.8, 2],
  leakGrowthJitter: 0.3,
  leakPeakOverLimit: [0.75, 1.5],
  batchPeriodHours: [4, 6, 8, 12],
  batchBurstMinutes: [20, 60],
  batchBurstFactor: [4, 8],
  jvmWarmupMinutes: [20, 60],
  jvmDeployEveryHours: [48, 72, 96],
  jvmGcSaw: [0.05, 0.15],
  driftPerDay: 0,
  spikyWeekends: false,
  peakLimitShare: [0.8, 0.95],
  minuteNoise: [0.05, 0.25],
};

export const HOLDOUT: Variation = {
  name: 'holdout',
  startMs: Date.UTC(2026, 2, 4),
  days: 14,
  firstScoredDay: 7,
  weekendCpuFactor: [0.25, 0.85],
  stepCpuUp: [1.3, 3],
  stepCpuDown: [0.3, 0.75],
  stepDay: [1, 12.5],
  leakRestartEveryHours: [6, 18, 48],
  leakGrowthPerLife: [0.5, 3],
  leakGrowthJitter: 0.45,
  leakPeakOverLimit: [0.6, 2],
  batchPeriodHours: [2, 3, 24],
  batchBurstMinutes: [10, 120],
  batchBurstFactor: [3, 12],
  jvmWarmupMinutes: [5, 120],
  jvmDeployEveryHours: [24, 168],
  jvmGcSaw: [0.02, 0.25],
  driftPerDay: 0.03,
  spikyWeekends: true,
  peakLimitShare: [0.7, 1],
  minuteNoise: [0, 0.45],
};

export const dayStart = (v: Variation, day: number) => v.startMs + day * DAY_MS;
