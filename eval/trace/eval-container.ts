import type { DemandShape } from '../shapes/demand-shape.ts';
import type { SettingsTimeline } from './settings-timeline.ts';

/** What the agent would have recorded, under the team's settings: NaN while the container was down. */
export interface ObservedMinutes {
  /** ms epoch of each minute. */
  t: Float64Array;
  cpu: Float64Array;
  mem: Float64Array;
  /** NaN without a CPU limit. */
  throttled: Float64Array;
  /** 1 in a minute with an OOM kill. */
  oom: Uint8Array;
}

/** One generated container: its true demand beside what was observed. */
export interface EvalContainer {
  /** "ns/kind/name/container" */
  key: string;
  /** The fleet entry it came from (steady, leak-restarts, …), for the per-kind breakdown. */
  kind: string;
  startMs: number;
  minutes: number;
  settings: SettingsTimeline;
  shape: DemandShape;
  /** Mean CPU demand of each minute, cores: what usage would be with no limit. */
  trueCpu: Float64Array;
  /** Working set each minute had no limit ever killed it (lives end at planned restarts only). */
  trueMemory: Float64Array;
  observed: ObservedMinutes;
  /** ms epoch of observed OOM kills, for the engine's input. */
  oomKills: number[];
}
