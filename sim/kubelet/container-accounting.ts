import type { ContainerTraits } from './container-traits.ts';

const PAGE_BYTES = 4096;
const MAJOR_FAULT_SHARE = 0.0004;
const READ_BYTES_PER_IO = 32 * 1024;
const WRITE_BYTES_PER_IO = 16 * 1024;

/** Counters that follow from CPU time (faults, block I/O): linear in it, so monotonic with it. */
export interface DerivedCounters {
  userSeconds: number;
  systemSeconds: number;
  pgfault: number;
  pgmajfault: number;
  ioReadBytes: number;
  ioWriteBytes: number;
  ioReads: number;
  ioWrites: number;
}

/**
 * The counters of `lives` container lives that together used `cpuSeconds`: each life faults its base
 * working set in and reads its binaries once at start, then faults and does I/O in step with its CPU time.
 */
export function derivedCounters(traits: ContainerTraits, baseMemoryBytes: number, cpuSeconds: number, lives: number): DerivedCounters {
  const systemSeconds = cpuSeconds * traits.systemShare;
  const pgfault = Math.floor(lives * (baseMemoryBytes / PAGE_BYTES) + cpuSeconds * traits.pageFaultsPerCoreSecond);
  const ioReadBytes = Math.floor(lives * traits.readBytesAtStart + cpuSeconds * traits.readBytesPerCoreSecond);
  const ioWriteBytes = Math.floor(cpuSeconds * traits.writeBytesPerCoreSecond);
  return {
    userSeconds: cpuSeconds - systemSeconds,
    systemSeconds,
    pgfault,
    pgmajfault: Math.floor(pgfault * MAJOR_FAULT_SHARE),
    ioReadBytes,
    ioWriteBytes,
    ioReads: Math.floor(ioReadBytes / READ_BYTES_PER_IO),
    ioWrites: Math.floor(ioWriteBytes / WRITE_BYTES_PER_IO),
  };
}

/** Memory gauges are whole pages. */
export const wholePages = (bytes: number): number => Math.floor(bytes / PAGE_BYTES) * PAGE_BYTES;

export interface MemoryBreakdown {
  usageBytes: number;
  workingSetBytes: number;
  rssBytes: number;
  cacheBytes: number;
  mappedFileBytes: number;
}

/** cgroup v1 memory accounting around a working set: usage adds inactive page cache, capped by the limit. */
export function memoryBreakdown(traits: ContainerTraits, workingSetBytes: number, limitBytes = Infinity): MemoryBreakdown {
  const workingSet = wholePages(workingSetBytes);
  const usage = wholePages(Math.min(limitBytes, workingSet * (1 + traits.inactiveFileShare)));
  const rss = wholePages(workingSet * traits.rssShare);
  const cache = Math.max(0, usage - rss);
  return {
    usageBytes: Math.max(usage, workingSet),
    workingSetBytes: workingSet,
    rssBytes: rss,
    cacheBytes: cache,
    mappedFileBytes: wholePages(cache * traits.mappedShare),
  };
}

/** The container's log files grow with the work it does. */
export const logBytes = (traits: ContainerTraits, cpuSeconds: number): number => 4096 + Math.floor(cpuSeconds * traits.logBytesPerCoreSecond);
