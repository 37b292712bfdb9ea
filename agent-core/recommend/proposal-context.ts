import type { ContainerFlags, ResourceValues } from './container-history.ts';
import type { RecommendPolicy } from './policy.ts';

/** What every proposal step sees besides the history. */
export interface ProposalContext {
  current: ResourceValues;
  flags: ContainerFlags;
  policy: RecommendPolicy;
  /** Rollouts and settings changes, ms epoch. */
  changes: readonly number[];
  now: number;
}

export const percent = (share: number) => `${share >= 0.1 ? (share * 100).toFixed(0) : (share * 100).toFixed(1)} %`;
export const days = (n: number) => `${n} d`;
export const utcHour = (ms: number) => new Date(ms).toISOString().slice(0, 13).replace('T', ' ') + ':00Z';
