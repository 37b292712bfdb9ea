import type { Agent } from '../agent/agent.ts';

/**
 * The built-in demo cluster, as the session sees it: something that can be started on demand and hands back a
 * kubeconfig, then fills a fresh store with history so the first screen is not empty. Implemented outside the
 * core (agent-core/cli/demo-cluster.ts, on sim/), which the core must not import.
 */
export interface DemoSource {
  /** The context name the picker shows. */
  readonly context: string;
  /** Starts the simulated cluster (once; later calls return the same) and writes its kubeconfig. */
  start(log: (line: string) => void): Promise<{ kubeconfigPath: string; context: string }>;
  /** After the agent's first sync: writes past minutes into its store, as if it had been collecting. */
  backfill(agent: Agent): Promise<{ containers: number; minutes: number }>;
  stop(): Promise<void>;
}

export const DEMO_CONTEXT = 'Demo cluster';
