// Figure 3: metrics cycles at full scale through the real API server's node proxy, run in a child process (the
// simulated kubelets live in this one). The simulated clock stands still during each cycle and steps one minute
// before the next, as a kubelet's stats move on between real one-minute cycles; each kubelet then renders each
// endpoint once per cycle.
import type { VirtualClock } from '../sim/clock.ts';
import { runChild } from './child-process.ts';
import type { MetricsCycleInput, MetricsCycleResult } from './metrics-cycle.child.ts';

export function benchMetricsCycle(clock: VirtualClock, input: MetricsCycleInput): Promise<MetricsCycleResult> {
  return runChild<MetricsCycleResult>('metrics-cycle.child.ts', input, {
    onRequest: (name) => {
      if (name !== 'step-clock') throw new Error(`unknown request ${name}`);
      clock.speed = 0;
      clock.advance(60_000);
      return undefined;
    },
  });
}
