import { hashOf, SeededRandom } from '../profiles/index.ts';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export interface ServiceLoad {
  cpuCores: number;
  memoryBytes: number;
  threads: number;
}

/** The fixed facts about one simulated machine, seeded from the fleet seed and the node's name. */
export interface NodeMachine {
  name: string;
  cpuCores: number;
  memoryBytes: number;
  /** Simulated time the machine booted: before the fleet started, so node counters look long-running. */
  bootTimeMs: number;
  machineId: string;
  systemUuid: string;
  bootId: string;
  diskCapacityBytes: number;
  diskInodes: number;
  kubelet: ServiceLoad;
  runtime: ServiceLoad;
  /** The kernel, systemd, sshd and the rest outside the kubelet's own cgroups. */
  operatingSystem: ServiceLoad;
  /** Traffic of the node itself (the kubelet to the API server, logging agents...), bytes/s. */
  hostTrafficBytesPerSecond: number;
}

export function nodeMachine(seed: number, name: string, cpuCores: number, memoryBytes: number, fleetStartMs: number): NodeMachine {
  const random = new SeededRandom(hashOf(seed, 'machine', name));
  const uuid = () => {
    const h = random.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const uptimeMs = Math.round(random.between(2, 40) * 24 * 3600) * 1000;
  return {
    name,
    cpuCores,
    memoryBytes,
    bootTimeMs: Math.floor(fleetStartMs / 1000) * 1000 - uptimeMs,
    machineId: random.hex(32),
    systemUuid: uuid(),
    bootId: uuid(),
    diskCapacityBytes: 100 * GiB,
    diskInodes: 6_553_600,
    kubelet: { cpuCores: random.between(0.02, 0.08), memoryBytes: random.between(60, 140) * MiB, threads: random.integer(14, 40) },
    runtime: { cpuCores: random.between(0.01, 0.05), memoryBytes: random.between(80, 220) * MiB, threads: random.integer(20, 70) },
    operatingSystem: { cpuCores: random.between(0.02, 0.1), memoryBytes: random.between(250, 600) * MiB, threads: random.integer(80, 200) },
    hostTrafficBytesPerSecond: random.between(2_000, 40_000),
  };
}
