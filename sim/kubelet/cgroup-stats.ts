import type { CgroupLabels } from './cgroup-labels.ts';

/** Values of one cgroup that add up along the hierarchy (a parent's are the sum of its children's). */
export interface CgroupUsage {
  cpuSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  /** Short-window CPU rate in cores. */
  usageCores: number;
  memoryUsageBytes: number;
  workingSetBytes: number;
  rssBytes: number;
  cacheBytes: number;
  mappedFileBytes: number;
  maxUsageBytes: number;
  /** Page faults of the cgroup's own tasks (memory.stat pgfault)... */
  pgfault: number;
  pgmajfault: number;
  /** ...and of its whole subtree (total_pgfault). */
  totalPgfault: number;
  totalPgmajfault: number;
  oomEvents: number;
  ioReadBytes: number;
  ioWriteBytes: number;
  ioReads: number;
  ioWrites: number;
  processes: number;
  threads: number;
  fileDescriptors: number;
  sockets: number;
  runningTasks: number;
}

export interface CfsCounters {
  periods: number;
  throttledPeriods: number;
  throttledSeconds: number;
}

export interface CgroupSpec {
  cpuShares: number;
  /** Microseconds per period, with a quota in microseconds when the cgroup has a CPU limit. */
  cpuPeriodMicros: number;
  cpuQuotaMicros?: number;
  /** 0 when unlimited, as cAdvisor reports it. */
  memoryLimitBytes: number;
  memoryReservationBytes: number;
  memorySwapLimitBytes: number;
}

export interface FilesystemStats {
  device: string;
  capacityBytes: number;
  usedBytes: number;
  inodes: number;
  inodesFree: number;
  reads: number;
  writes: number;
  readsMerged: number;
  writesMerged: number;
  sectorsRead: number;
  sectorsWritten: number;
  readSeconds: number;
  writeSeconds: number;
  ioInProgress: number;
  ioSeconds: number;
  weightedIoSeconds: number;
}

export interface InterfaceStats {
  name: string;
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
}

/** One cgroup as cAdvisor sees it at a sample time. */
export interface CgroupStats {
  labels: CgroupLabels;
  startTimeSeconds: number;
  usage: CgroupUsage;
  spec: CgroupSpec;
  /** Only for cgroups with a CPU quota. */
  cfs?: CfsCounters;
  /** Only for the root and runtime containers, which have filesystems of their own. */
  filesystems?: FilesystemStats[];
  /** Only for cgroups owning a network namespace: the root and pod sandboxes. */
  interfaces?: InterfaceStats[];
}

/** cAdvisor reports block I/O for the root cgroup only: every other filesystem entry reads zero. */
export const NO_DISK_IO = {
  reads: 0,
  writes: 0,
  readsMerged: 0,
  writesMerged: 0,
  sectorsRead: 0,
  sectorsWritten: 0,
  readSeconds: 0,
  writeSeconds: 0,
  ioInProgress: 0,
  ioSeconds: 0,
  weightedIoSeconds: 0,
} as const satisfies Partial<FilesystemStats>;

export const BLOCK_DEVICE = '/dev/sda';
export const ROOT_FS_DEVICE = '/dev/sda1';
export const CFS_PERIOD_MICROS = 100_000;

const USAGE_KEYS = [
  'cpuSeconds', 'userSeconds', 'systemSeconds', 'usageCores', 'memoryUsageBytes', 'workingSetBytes', 'rssBytes', 'cacheBytes',
  'mappedFileBytes', 'maxUsageBytes', 'pgfault', 'pgmajfault', 'totalPgfault', 'totalPgmajfault', 'oomEvents', 'ioReadBytes',
  'ioWriteBytes', 'ioReads', 'ioWrites', 'processes', 'threads', 'fileDescriptors', 'sockets', 'runningTasks',
] as const satisfies ReadonlyArray<keyof CgroupUsage>;

export function emptyUsage(): CgroupUsage {
  return Object.fromEntries(USAGE_KEYS.map((k) => [k, 0])) as unknown as CgroupUsage;
}

/**
 * A parent cgroup's usage: the sum of its children's plus `extra` (work charged to the parent after its
 * children went away, or tasks of its own). Only hierarchical page-fault totals propagate; the parent's
 * own faults are those of its own tasks, in `extra`.
 */
export function sumUsage(children: readonly CgroupUsage[], extra?: Partial<CgroupUsage>): CgroupUsage {
  const total = emptyUsage();
  for (const child of children) for (const key of USAGE_KEYS) total[key] += child[key];
  total.pgfault = 0;
  total.pgmajfault = 0;
  if (extra) for (const key of USAGE_KEYS) total[key] += extra[key] ?? 0;
  return total;
}
