import type { ResourceValues } from '../../agent-core/recommend/index.ts';
import type { DemandShape } from '../shapes/demand-shape.ts';
import type { EvalContainer } from '../trace/eval-container.ts';

export const START = Date.UTC(2026, 0, 5);
export const MiB = 2 ** 20;

const flat: DemandShape = { name: 'flat', cpuCoresAt: () => 0, memoryBytesAt: () => 0, plannedRestartAt: () => Number.NEGATIVE_INFINITY };

/** A container with hand-written observed minutes (and the same as truth), for the recommenders' tests; `shape` replays memory under other limits. */
export function observedContainer(minutes: number, at: (i: number) => { cpu: number; mem: number; oom?: boolean }, settings: ResourceValues, shape: DemandShape = flat): EvalContainer {
  const t = new Float64Array(minutes);
  const cpu = new Float64Array(minutes);
  const mem = new Float64Array(minutes);
  const oom = new Uint8Array(minutes);
  const oomKills: number[] = [];
  for (let i = 0; i < minutes; i++) {
    t[i] = START + i * 60_000;
    const v = at(i);
    cpu[i] = v.cpu;
    mem[i] = v.mem;
    if (v.oom) {
      oom[i] = 1;
      oomKills.push(t[i]!);
    }
  }
  return {
    key: 'test/Deployment/web/app',
    kind: 'test',
    startMs: START,
    minutes,
    settings: [{ fromMinute: 0, values: settings }],
    shape,
    trueCpu: cpu,
    trueMemory: mem,
    observed: { t, cpu, mem, throttled: new Float64Array(minutes).fill(NaN), oom },
    oomKills,
  };
}
