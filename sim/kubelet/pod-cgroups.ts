import type { ContainerSample } from '../profiles/index.ts';
import { derivedCounters, logBytes, memoryBreakdown, wholePages } from './container-accounting.ts';
import {
  CFS_PERIOD_MICROS,
  NO_DISK_IO,
  sumUsage,
  type CgroupSpec,
  type CgroupStats,
  type CgroupUsage,
  type FilesystemStats,
  type InterfaceStats,
} from './cgroup-stats.ts';
import type { SimulatedContainer, SimulatedPod } from './simulated-pod.ts';

export interface ContainerStatsEntry {
  container: SimulatedContainer;
  sample: ContainerSample;
  cgroup: CgroupStats;
}

/** A pod's cgroups at one sample time: what both the Summary API and cAdvisor report. */
export interface PodStatsEntry {
  pod: SimulatedPod;
  podCgroup: CgroupStats;
  sandbox: CgroupStats;
  containers: ContainerStatsEntry[];
  network: InterfaceStats;
}

const SANDBOX_CPU_CORES = 0.00002;
const SANDBOX_WORKING_SET_BYTES = 450 * 1024;
const IDLE_RX_BYTES_PER_SECOND = 600;
const IDLE_TX_BYTES_PER_SECOND = 350;
const RX_BYTES_PER_CPU_SECOND = 2_000_000;
const TX_BYTES_PER_CPU_SECOND = 1_500_000;

/** The pod's cgroups at timeMs; its timeline must have advanced to timeMs. */
export function podStats(pod: SimulatedPod, timeMs: number, disk: FilesystemStats): PodStatsEntry {
  const containers: ContainerStatsEntry[] = [];
  for (const container of pod.containers) {
    const sample = container.timeline.sampleAt(timeMs);
    if (sample) containers.push({ container, sample, cgroup: containerCgroup(container, sample, disk) });
  }
  const network = podNetwork(pod, timeMs);
  const sandbox = sandboxCgroup(pod, timeMs, network, disk);
  return { pod, podCgroup: podCgroup(pod, containers, sandbox), sandbox, containers, network };
}

function containerCgroup(container: SimulatedContainer, sample: ContainerSample, disk: FilesystemStats): CgroupStats {
  const { traits, profile, resources } = container;
  const cpuSeconds = sample.counters.cpuCoreSeconds;
  const derived = derivedCounters(traits, profile.baseMemoryBytes, cpuSeconds, 1);
  const memory = memoryBreakdown(traits, sample.workingSetBytes, resources.memoryLimitBytes);
  const peak = memoryBreakdown(traits, sample.peakWorkingSetBytes, resources.memoryLimitBytes);
  const usage: CgroupUsage = {
    cpuSeconds,
    userSeconds: derived.userSeconds,
    systemSeconds: derived.systemSeconds,
    usageCores: sample.usageCores,
    memoryUsageBytes: memory.usageBytes,
    workingSetBytes: memory.workingSetBytes,
    rssBytes: memory.rssBytes,
    cacheBytes: memory.cacheBytes,
    mappedFileBytes: memory.mappedFileBytes,
    maxUsageBytes: Math.max(peak.usageBytes, memory.usageBytes),
    pgfault: derived.pgfault,
    pgmajfault: derived.pgmajfault,
    totalPgfault: derived.pgfault,
    totalPgmajfault: derived.pgmajfault,
    oomEvents: 0,
    ioReadBytes: derived.ioReadBytes,
    ioWriteBytes: derived.ioWriteBytes,
    ioReads: derived.ioReads,
    ioWrites: derived.ioWrites,
    processes: traits.processes,
    threads: traits.threads,
    fileDescriptors: traits.fileDescriptors,
    sockets: traits.sockets,
    runningTasks: Math.min(traits.threads, Math.round(sample.usageCores)),
  };
  const { counters } = sample;
  return {
    labels: container.labels(sample.restartCount),
    startTimeSeconds: sample.startedAt / 1000,
    usage,
    spec: cgroupSpec(resources.cpuRequestCores, resources.cpuLimitCores, resources.memoryLimitBytes),
    cfs: resources.cpuLimitCores
      ? {
          periods: Math.floor(counters.cfsPeriods),
          throttledPeriods: Math.floor(counters.cfsThrottledPeriods),
          throttledSeconds: counters.cfsThrottledSeconds,
        }
      : undefined,
    filesystems: [containerFilesystem(disk, traits.rootfsBytes + logBytes(traits, cpuSeconds))],
  };
}

function podNetwork(pod: SimulatedPod, timeMs: number): InterfaceStats {
  const ageSeconds = Math.max(0, (timeMs - pod.startedAt) / 1000);
  const cpuSeconds = pod.timeline.lifetimeCpuCoreSeconds;
  const rxBytes = Math.floor(ageSeconds * IDLE_RX_BYTES_PER_SECOND + cpuSeconds * RX_BYTES_PER_CPU_SECOND);
  const txBytes = Math.floor(ageSeconds * IDLE_TX_BYTES_PER_SECOND + cpuSeconds * TX_BYTES_PER_CPU_SECOND);
  const rxPackets = Math.floor(rxBytes / 1100);
  return {
    name: 'eth0',
    rxBytes,
    rxPackets,
    rxErrors: 0,
    rxDropped: Math.floor(rxPackets / 2_000_000),
    txBytes,
    txPackets: Math.floor(txBytes / 700),
    txErrors: 0,
    txDropped: 0,
  };
}

/** The pause container: holds the pod's network namespace, and little else. */
function sandboxCgroup(pod: SimulatedPod, timeMs: number, network: InterfaceStats, disk: FilesystemStats): CgroupStats {
  const cpuSeconds = Math.max(0, (timeMs - pod.startedAt) / 1000) * SANDBOX_CPU_CORES;
  const workingSet = wholePages(SANDBOX_WORKING_SET_BYTES);
  const usage: CgroupUsage = {
    ...sumUsage([]),
    cpuSeconds,
    userSeconds: cpuSeconds * 0.4,
    systemSeconds: cpuSeconds * 0.6,
    usageCores: SANDBOX_CPU_CORES,
    memoryUsageBytes: workingSet + 8192,
    workingSetBytes: workingSet,
    rssBytes: workingSet - 40960,
    cacheBytes: 49152,
    maxUsageBytes: workingSet + 8192,
    pgfault: 129,
    totalPgfault: 129,
    processes: 1,
    threads: 1,
    fileDescriptors: 4,
    runningTasks: 0,
  };
  return {
    labels: pod.sandboxLabels,
    startTimeSeconds: pod.startedAt / 1000,
    usage,
    spec: cgroupSpec(undefined, undefined, undefined),
    filesystems: [containerFilesystem(disk, 12288)],
    interfaces: [network],
  };
}

/** The pod cgroup outlives container restarts: its counters include every past life. */
function podCgroup(pod: SimulatedPod, containers: readonly ContainerStatsEntry[], sandbox: CgroupStats): CgroupStats {
  const pastLives: Partial<CgroupUsage> = { cpuSeconds: 0, userSeconds: 0, systemSeconds: 0, totalPgfault: 0, totalPgmajfault: 0, oomEvents: 0 };
  const addPast = (key: keyof CgroupUsage, value: number) => (pastLives[key] = (pastLives[key] ?? 0) + value);
  for (const container of pod.containers) {
    const { timeline, traits, profile } = container;
    const running = containers.find((c) => c.container === container);
    const current = running?.sample.counters.cpuCoreSeconds ?? 0;
    const all = derivedCounters(traits, profile.baseMemoryBytes, timeline.podLifetimeCpuCoreSeconds, timeline.restartCount + 1);
    const live = derivedCounters(traits, profile.baseMemoryBytes, current, running ? 1 : 0);
    addPast('cpuSeconds', timeline.podLifetimeCpuCoreSeconds - current);
    addPast('userSeconds', all.userSeconds - live.userSeconds);
    addPast('systemSeconds', all.systemSeconds - live.systemSeconds);
    addPast('totalPgfault', all.pgfault - live.pgfault);
    addPast('totalPgmajfault', all.pgmajfault - live.pgmajfault);
    addPast('ioReadBytes', all.ioReadBytes - live.ioReadBytes);
    addPast('ioWriteBytes', all.ioWriteBytes - live.ioWriteBytes);
    addPast('ioReads', all.ioReads - live.ioReads);
    addPast('ioWrites', all.ioWrites - live.ioWrites);
    addPast('oomEvents', timeline.oomKills);
  }
  const resources = pod.containers.map((c) => c.resources);
  const sumOf = (values: (number | undefined)[]) => (values.every((v) => v !== undefined) ? values.reduce<number>((s, v) => s + v!, 0) : undefined);
  const spec = cgroupSpec(sumOf(resources.map((r) => r.cpuRequestCores ?? 0)), pod.timeline.cpuLimitCores, sumOf(resources.map((r) => r.memoryLimitBytes)));
  const { podCfs } = pod.timeline;
  return {
    labels: pod.podLabels,
    startTimeSeconds: pod.startedAt / 1000,
    usage: sumUsage([...containers.map((c) => c.cgroup.usage), sandbox.usage], pastLives),
    spec,
    cfs:
      pod.timeline.cpuLimitCores !== undefined
        ? { periods: Math.floor(podCfs.periods), throttledPeriods: Math.floor(podCfs.throttledPeriods), throttledSeconds: podCfs.throttledSeconds }
        : undefined,
  };
}

/**
 * A container's writable layer on the root disk: capacity and inodes are the disk's; cAdvisor fills in
 * disk statistics for the root cgroup only, so a container's I/O time and merges read 0.
 */
function containerFilesystem(disk: FilesystemStats, usedBytes: number): FilesystemStats {
  return {
    ...disk,
    usedBytes,
    ...NO_DISK_IO,
  };
}

/** The kubelet's cgroup settings: shares from the request (at least 2), quota from the limit, 0 for no memory limit. */
export function cgroupSpec(cpuRequestCores: number | undefined, cpuLimitCores: number | undefined, memoryLimitBytes: number | undefined): CgroupSpec {
  return {
    cpuShares: Math.max(2, Math.floor((cpuRequestCores ?? cpuLimitCores ?? 0) * 1024)),
    cpuPeriodMicros: CFS_PERIOD_MICROS,
    cpuQuotaMicros: cpuLimitCores ? Math.max(1000, Math.round(cpuLimitCores * CFS_PERIOD_MICROS)) : undefined,
    memoryLimitBytes: memoryLimitBytes ?? 0,
    memoryReservationBytes: 0,
    memorySwapLimitBytes: memoryLimitBytes ?? 0,
  };
}
