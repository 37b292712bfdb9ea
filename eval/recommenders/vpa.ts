import { settingsAt } from '../trace/settings-timeline.ts';
import type { Recommender } from './recommender.ts';
import { VpaContainerState } from './vpa/vpa-container-state.ts';

/**
 * VPA's recommender with its defaults, fed the observed minutes as metrics-server would feed it. VPA sets
 * requests only; limits follow at the team's limit/request ratio (a limit without a request counts as both).
 * Values are truncated to millicores and bytes as VPA's ResourceAmount does.
 */
export const vpa: Recommender = {
  name: 'VPA defaults',
  forContainer(c) {
    const state = new VpaContainerState();
    const { t, cpu, mem, oom } = c.observed;
    return {
      learn(from, to) {
        for (let i = from; i < to; i++) {
          if (cpu[i]! >= 0) state.addCpu(t[i]!, cpu[i]!);
          if (mem[i]! >= 0) state.addMemory(t[i]!, mem[i]!);
          if (oom[i]) state.recordOom(t[i]!, settingsAt(c.settings, i).memRequest);
        }
      },
      propose(origin) {
        const current = settingsAt(c.settings, origin - 1);
        const target = state.target();
        const cpuRequest = Math.floor(target.cpu * 1000) / 1000;
        const memRequest = Math.floor(target.memory);
        return {
          cpuRequest,
          cpuLimit: proportionalLimit(current.cpuRequest, current.cpuLimit, cpuRequest),
          memRequest,
          memLimit: proportionalLimit(current.memRequest, current.memLimit, memRequest),
        };
      },
    };
  },
};

function proportionalLimit(request: number | null, limit: number | null, proposed: number): number | null {
  if (limit === null) return null;
  return proposed * (limit / (request ?? limit));
}

