import type { V1Pod } from '@kubernetes/client-node';
import { VirtualClock } from '../../clock.ts';
import { ApiQueue } from '../api-queue.ts';
import { nodeMachine } from '../node-machine.ts';
import { SimulatedNode } from '../simulated-node.ts';

export interface RecordedCall {
  method: 'PATCH' | 'DELETE';
  path: string;
  body: unknown;
}

/** 2026-01-15T12:00:00Z: whole seconds, on a cell boundary. */
export const TEST_START = Date.UTC(2026, 0, 15, 12, 0, 0);

/** A simulated node on a frozen clock, with an API stub that records the kubelet's writes. */
export function nodeForTest(opts: { seed?: number; name?: string; pods?: V1Pod[]; cpuCores?: number } = {}) {
  const clock = new VirtualClock({ speed: 0, start: TEST_START });
  const calls: RecordedCall[] = [];
  const api = {
    patch: async <T>(path: string, body: unknown) => (calls.push({ method: 'PATCH', path, body }), undefined as T),
    delete: async <T>(path: string, body?: unknown) => (calls.push({ method: 'DELETE', path, body }), undefined as T),
  };
  const queue = new ApiQueue(4, () => {});
  const name = opts.name ?? 'sim-node-0';
  const seed = opts.seed ?? 1;
  const machine = nodeMachine(seed, name, opts.cpuCores ?? 8, 32 * 1024 ** 3, clock.now());
  const node = new SimulatedNode({ machine, podCidrIndex: 0, seed, clock, api, queue });
  for (const pod of opts.pods ?? []) node.podChanged(pod);
  /** Moves simulated time on and lets the node react, as its ticker would. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    node.tick();
    await queue.idle();
  };
  return { node, clock, calls, queue, advance };
}
