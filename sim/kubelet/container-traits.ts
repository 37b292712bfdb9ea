import { hashOf, SeededRandom } from '../profiles/index.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Per-container constants of the cgroup accounting the profiles do not model: seeded, fixed for the pod's life. */
export interface ContainerTraits {
  /** Share of CPU time spent in the kernel. */
  systemShare: number;
  /** Anonymous memory as a share of the working set; the rest is active page cache. */
  rssShare: number;
  /** Inactive page cache on top of the working set, as a share of it (usage = working set + this). */
  inactiveFileShare: number;
  /** Share of the page cache that is mapped into processes. */
  mappedShare: number;
  pageFaultsPerCoreSecond: number;
  processes: number;
  threads: number;
  fileDescriptors: number;
  sockets: number;
  rootfsBytes: number;
  rootfsInodes: number;
  logBytesPerCoreSecond: number;
  /** Read at start (the image's binaries and libraries), then per CPU second. */
  readBytesAtStart: number;
  readBytesPerCoreSecond: number;
  writeBytesPerCoreSecond: number;
}

export function containerTraits(seed: number, podUid: string, container: string): ContainerTraits {
  const random = new SeededRandom(hashOf(seed, 'traits', podUid, container));
  return {
    systemShare: random.between(0.08, 0.3),
    rssShare: random.between(0.7, 0.95),
    inactiveFileShare: random.between(0.05, 0.4),
    mappedShare: random.between(0.1, 0.5),
    pageFaultsPerCoreSecond: random.between(500, 8000),
    processes: random.integer(1, 5),
    threads: random.integer(6, 80),
    fileDescriptors: random.integer(8, 300),
    sockets: random.integer(1, 60),
    rootfsBytes: Math.round(random.between(16 * KiB, 64 * MiB)),
    rootfsInodes: random.integer(4, 2000),
    logBytesPerCoreSecond: random.between(200, 20 * KiB),
    readBytesAtStart: Math.round(random.between(1 * MiB, 80 * MiB)),
    readBytesPerCoreSecond: random.between(4 * KiB, 512 * KiB),
    writeBytesPerCoreSecond: random.between(1 * KiB, 256 * KiB),
  };
}
