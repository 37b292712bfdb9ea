import { hashOf, SeededRandom, unitInterval } from './seeded-random.ts';
import { cellIndexOf, type ProfileInput } from './usage-profile.ts';

const MiB = 1024 * 1024;

/** Without a request, containers use this much CPU on average (cores). */
const UNREQUESTED_CPU_CORES: readonly [number, number] = [0.02, 0.2];
/** Without a request, containers hold this working set (bytes). */
const UNREQUESTED_MEMORY_BYTES: readonly [number, number] = [64 * MiB, 256 * MiB];
/** Share of the request actually used: over-provisioning is what right-sizing is about. */
const USED_SHARE_OF_CPU_REQUEST: readonly [number, number] = [0.3, 0.9];
const USED_SHARE_OF_MEMORY_REQUEST: readonly [number, number] = [0.4, 0.9];
/** Seeded baselines stay this far under a limit, so only profiles meant to hit limits do. */
const HEADROOM_UNDER_LIMIT = 0.8;

/** Seeded parameters of one container's profile, plus per-cell noise. */
export class ProfileBaseline {
  readonly random: SeededRandom;
  readonly meanCpuCores: number;
  readonly baseMemoryBytes: number;
  readonly #noiseKey: number;

  constructor(readonly input: ProfileInput) {
    const { seed, identity } = input;
    const key = hashOf(seed, identity.namespace, identity.pod, identity.container);
    this.random = new SeededRandom(key);
    this.#noiseKey = hashOf(key, 'noise');
    this.meanCpuCores = input.overrides?.cpuCores ?? this.#seededCpuCores();
    this.baseMemoryBytes = input.overrides?.memoryBytes ?? this.#seededMemoryBytes();
  }

  /** Uniform in [-0.5, 0.5), constant over a cell, independent between cells and containers. */
  noiseAt(timeMs: number, stream = 0): number {
    return unitInterval(hashOf(this.#noiseKey, stream, cellIndexOf(timeMs))) - 0.5;
  }

  /** A demand can never exceed what the node has. */
  capToNode(cores: number): number {
    return Math.min(cores, this.input.nodeCpuCores);
  }

  #seededCpuCores(): number {
    const { cpuRequestCores, cpuLimitCores } = this.input.resources;
    const cores = cpuRequestCores
      ? cpuRequestCores * this.random.between(...USED_SHARE_OF_CPU_REQUEST)
      : this.random.between(...UNREQUESTED_CPU_CORES);
    return cpuLimitCores ? Math.min(cores, cpuLimitCores * HEADROOM_UNDER_LIMIT) : cores;
  }

  #seededMemoryBytes(): number {
    const { memoryRequestBytes, memoryLimitBytes } = this.input.resources;
    const bytes = memoryRequestBytes
      ? memoryRequestBytes * this.random.between(...USED_SHARE_OF_MEMORY_REQUEST)
      : this.random.between(...UNREQUESTED_MEMORY_BYTES);
    return Math.floor(memoryLimitBytes ? Math.min(bytes, memoryLimitBytes * HEADROOM_UNDER_LIMIT) : bytes);
  }
}
