export const PROFILE_NAMES = ['steady', 'diurnal', 'spiky', 'leak', 'cpu-bound', 'idle'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

/**
 * Demand is piecewise constant over cells of this many simulated milliseconds, aligned on the epoch,
 * so cumulative counters depend only on time and never on when or how often they are sampled.
 * Ten seconds is also cAdvisor's housekeeping interval.
 */
export const CELL_MS = 10_000;

export const cellIndexOf = (timeMs: number): number => Math.floor(timeMs / CELL_MS);
export const cellMidpoint = (cellIndex: number): number => (cellIndex + 0.5) * CELL_MS;

export interface ContainerIdentity {
  namespace: string;
  pod: string;
  container: string;
}

export interface ContainerResources {
  cpuRequestCores?: number;
  cpuLimitCores?: number;
  memoryRequestBytes?: number;
  memoryLimitBytes?: number;
}

/** Values a pod's annotations impose on the profile instead of seeded ones (see annotations.ts). */
export interface ProfileOverrides {
  /** The profile's mean CPU demand in cores (cpu-bound: its constant demand; usage is still capped by the limit). */
  cpuCores?: number;
  /** The profile's base working set in bytes (leak: the working set at each container start). */
  memoryBytes?: number;
}

export interface ProfileInput {
  seed: number;
  identity: ContainerIdentity;
  resources: ContainerResources;
  /** Demand never exceeds the node: a container cannot use more cores than the machine has. */
  nodeCpuCores: number;
  overrides?: ProfileOverrides;
}

/** What a container would use, as pure functions of simulated time. */
export interface UsageProfile {
  readonly name: ProfileName;
  /** The long-run mean CPU demand in cores the profile varies around. */
  readonly meanCpuCores: number;
  /** The working set in bytes the profile varies around (leak: where each life starts). */
  readonly baseMemoryBytes: number;
  /** CPU demand in cores at a simulated time; usage is this capped by the CPU limit. */
  cpuCoresAt(timeMs: number): number;
  /** Working set in bytes at a simulated time for a container life started at lifeStartMs. */
  memoryBytesAt(timeMs: number, lifeStartMs: number): number;
}
