import type { ResourceValues } from '../../agent-core/recommend/index.ts';
import type { DemandShape } from '../shapes/demand-shape.ts';
import { MS_PER_MINUTE } from '../shapes/demand-shape.ts';
import { type CpuMinute, cpuMinute } from './cpu-minute.ts';
import type { EvalContainer } from './eval-container.ts';
import { replayMemory } from './memory-replay.ts';
import { type SettingsTimeline, settingsAt } from './settings-timeline.ts';

export const NODE_CPU_CORES = 16;

export interface ContainerSpec {
  key: string;
  kind: string;
  shape: DemandShape;
  settings: SettingsTimeline;
}

/**
 * The true demand of every minute and what the agent would have observed under the team's settings:
 * CPU capped at the limit with the throttled ratio of the CFS model, the working set killed at the memory
 * limit. Observed values are rounded as the trace format prints them (µcores, bytes, 1e-4), so a dumped
 * trace reads back to exactly the numbers the in-process engine saw.
 */
export function generateTrace(spec: ContainerSpec, startMs: number, minutes: number): EvalContainer {
  const t = new Float64Array(minutes);
  const trueCpu = new Float64Array(minutes);
  const cpu = new Float64Array(minutes);
  const throttled = new Float64Array(minutes);
  const mem = new Float64Array(minutes);
  const oom = new Uint8Array(minutes);
  const trueMemory = new Float64Array(minutes);
  const settingsOf = (i: number): ResourceValues => settingsAt(spec.settings, i);

  replayMemory(spec.shape, startMs, minutes, (i) => settingsOf(i).memLimit, startMs, mem, oom);
  replayMemory(spec.shape, startMs, minutes, () => null, startMs, trueMemory);
  const scratch: CpuMinute = { demand: 0, usage: 0, throttled: 0 };
  for (let i = 0; i < minutes; i++) {
    t[i] = startMs + i * MS_PER_MINUTE;
    const limit = settingsOf(i).cpuLimit;
    cpuMinute(spec.shape, t[i]!, limit, NODE_CPU_CORES, scratch);
    trueCpu[i] = scratch.demand;
    const down = Number.isNaN(mem[i]!);
    cpu[i] = down ? NaN : Math.round(scratch.usage * 1e6) / 1e6;
    throttled[i] = down || Number.isNaN(scratch.throttled) ? NaN : Math.round(scratch.throttled * 1e4) / 1e4;
    if (!down) mem[i] = Math.round(mem[i]!);
  }
  const oomKills: number[] = [];
  for (let i = 0; i < minutes; i++) if (oom[i]) oomKills.push(t[i]!);
  return {
    key: spec.key,
    kind: spec.kind,
    startMs,
    minutes,
    settings: spec.settings,
    shape: spec.shape,
    trueCpu,
    trueMemory,
    observed: { t, cpu, mem, throttled, oom },
    oomKills,
  };
}
