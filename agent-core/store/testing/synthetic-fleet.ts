// A seeded stand-in for a cluster's containers, minute by minute, shaped like real kubelet data:
// noisy CPU around a per-container level with a daily swing, memory that wanders and sometimes leaks,
// throttling only where a CPU limit is set, some metrics missing, pods replaced by rollouts. The
// store's size and speed figures are measured against this, so it must not be kinder than reality.
import { SeededRandom } from '../../../sim/profiles/seeded-random.ts';
import type { ContainerMinuteSample, WorkloadIdentity } from '../sample-types.ts';

const MIB = 1024 * 1024;
const DAY_MS = 86_400_000;

/** The simulator's seeded stream (mulberry32), as a function. */
function seededStream(seed: number): () => number {
  const stream = new SeededRandom(seed);
  return () => stream.next();
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededStream(seed);
  }
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  gaussian(mean = 0, sd = 1): number {
    const u = Math.max(this.next(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  logNormal(median: number, spread: number): number {
    return median * Math.exp(this.gaussian(0, spread));
  }
}

interface Slot {
  workload: WorkloadIdentity;
  podPrefix: string;
  container: string;
  generation: number;
  cpuLevelCores: number;
  cpuNoise: number;
  dailyPhase: number;
  memBaseBytes: number;
  memNow: number;
  leakBytesPerMinute: number;
  rssShare: number;
  reportsRss: boolean;
  cpuRequest: number | null;
  cpuLimit: number | null;
  memRequest: number | null;
  memLimit: number | null;
  throttleLevel: number;
}

export interface FleetOptions {
  containers: number;
  seed?: number;
  /** Share of containers replaced by a new pod per day. Default 0.1. */
  rolloutsPerDay?: number;
}

export class SyntheticFleet {
  private readonly random: Random;
  private readonly slots: Slot[] = [];
  private readonly rolloutsPerMinute: number;

  constructor(options: FleetOptions) {
    this.random = new Random(options.seed ?? 1);
    this.rolloutsPerMinute = (options.rolloutsPerDay ?? 0.1) / 1440;
    const r = this.random;
    for (let i = 0; i < options.containers; i++) {
      const workloadIndex = Math.floor(i / 3);
      const namespace = `team-${workloadIndex % 12}`;
      const name = `app-${workloadIndex}`;
      const workload = { kind: workloadIndex % 7 === 0 ? 'StatefulSet' : 'Deployment', namespace, name, uid: `uid-${workloadIndex}` };
      const idle = r.chance(0.3);
      const cpuLevelCores = idle ? r.uniform(0.001, 0.01) : Math.min(4, r.logNormal(0.12, 1.1));
      const memBaseBytes = Math.min(8192 * MIB, r.logNormal(180 * MIB, 1));
      const hasRequests = r.chance(0.8);
      const cpuLimit = r.chance(0.5) ? Math.round(cpuLevelCores * r.uniform(1.1, 4) * 1000) / 1000 : null;
      this.slots.push({
        workload,
        podPrefix: `${name}-${(i * 2654435761) % 99991}`,
        container: i % 3 === 2 ? 'sidecar' : 'main',
        generation: 0,
        cpuLevelCores,
        cpuNoise: r.uniform(0.08, 0.35),
        dailyPhase: r.uniform(0, 2 * Math.PI),
        memBaseBytes,
        memNow: memBaseBytes,
        leakBytesPerMinute: r.chance(0.05) ? memBaseBytes * r.uniform(0.0002, 0.001) : 0,
        rssShare: r.uniform(0.6, 0.95),
        reportsRss: !r.chance(0.03),
        cpuRequest: hasRequests ? Math.max(0.01, Math.round(cpuLevelCores * r.uniform(0.5, 3) * 100) / 100) : null,
        cpuLimit,
        memRequest: hasRequests ? Math.ceil((memBaseBytes * r.uniform(0.8, 2)) / (64 * MIB)) * 64 * MIB : null,
        memLimit: r.chance(0.6) ? Math.ceil((memBaseBytes * r.uniform(1.5, 3)) / (64 * MIB)) * 64 * MIB : null,
        throttleLevel: cpuLimit !== null && r.chance(0.3) ? r.uniform(0.02, 0.3) : 0,
      });
    }
  }

  private containerKey(slot: Slot): string {
    return `${slot.workload.namespace}/${slot.podPrefix}-${slot.generation}/${slot.container}`;
  }

  /** Every container's sample for one minute (ms epoch on a minute boundary); a few skip a minute. */
  batchAt(minute: number): ContainerMinuteSample[] {
    const r = this.random;
    const daily = (phase: number) => 1 + 0.3 * Math.sin((2 * Math.PI * (minute % DAY_MS)) / DAY_MS + phase);
    const batch: ContainerMinuteSample[] = [];
    for (const slot of this.slots) {
      if (r.chance(this.rolloutsPerMinute)) {
        slot.generation++;
        slot.memNow = slot.memBaseBytes;
      }
      // Memory wanders around its base, pulled back a little each minute, unless it leaks.
      slot.memNow += r.gaussian(0, slot.memBaseBytes * 0.004) + 0.05 * (slot.memBaseBytes - slot.memNow) + slot.leakBytesPerMinute;
      if (r.chance(0.001)) continue;
      const cpu = Math.max(0, slot.cpuLevelCores * daily(slot.dailyPhase) * (1 + r.gaussian(0, slot.cpuNoise)));
      const pageAligned = (bytes: number) => Math.max(4096, Math.round(bytes / 4096) * 4096);
      batch.push({
        containerKey: this.containerKey(slot),
        workload: slot.workload,
        minute,
        cpuCores: cpu,
        memoryWorkingSetBytes: pageAligned(slot.memNow),
        memoryRssBytes: slot.reportsRss ? pageAligned(slot.memNow * slot.rssShare + r.gaussian(0, slot.memBaseBytes * 0.002)) : null,
        throttledRatio: slot.cpuLimit === null ? null : Math.min(1, Math.max(0, slot.throttleLevel > 0 ? r.gaussian(slot.throttleLevel, slot.throttleLevel / 2) : 0)),
        cpuRequest: slot.cpuRequest,
        cpuLimit: slot.cpuLimit,
        memRequest: slot.memRequest,
        memLimit: slot.memLimit,
      });
    }
    return batch;
  }
}
