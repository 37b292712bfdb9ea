import type { CgroupStats, FilesystemStats, InterfaceStats } from './cgroup-stats.ts';
import { logBytes } from './container-accounting.ts';
import type { NodeStats } from './node-stats.ts';
import type { ContainerStatsEntry, PodStatsEntry } from './pod-cgroups.ts';
import { rfc3339 } from './time-format.ts';

// The kubelet's Summary API (GET /stats/summary, stats/v1alpha1), field names and order as the kubelet
// writes them. Times are metav1.Time: RFC 3339 in whole seconds.

const MAX_PID = 4_194_304;
const VOLUME_BYTES = 12 * 1024;

export interface SummaryOptions {
  /** ?only_cpu_and_memory=true, as metrics-server asks: no network, filesystems or volumes. */
  onlyCpuAndMemory?: boolean;
}

/** Indented by one space, as go-restful pretty-prints the kubelet's answers. */
export function renderSummary(stats: NodeStats, options: SummaryOptions = {}): string {
  return JSON.stringify(summaryOf(stats, options), null, 1);
}

export function summaryOf(stats: NodeStats, { onlyCpuAndMemory = false }: SummaryOptions = {}) {
  const time = rfc3339(stats.timeMs);
  const { machine, node } = stats;
  const disk = node.rootDisk;
  const full = !onlyCpuAndMemory;
  const systemContainer = (name: string, cgroup: CgroupStats, limit?: number) => ({
    name,
    startTime: rfc3339(cgroup.startTimeSeconds * 1000),
    cpu: cpuStats(time, cgroup),
    memory: memoryStats(time, cgroup, limit),
  });
  const eth0 = node.root.interfaces!.find((i) => i.name === 'eth0')!;
  return {
    node: {
      nodeName: machine.name,
      systemContainers: [
        systemContainer('kubelet', node.kubelet),
        systemContainer('runtime', node.runtime),
        systemContainer('pods', node.kubepods, machine.memoryBytes),
      ],
      startTime: rfc3339(machine.bootTimeMs),
      cpu: cpuStats(time, node.root),
      memory: memoryStats(time, node.root, machine.memoryBytes),
      ...(full && {
        network: networkStats(time, eth0, node.root.interfaces!),
        fs: fsStats(time, disk, disk.usedBytes, disk.inodes - disk.inodesFree),
        runtime: { imageFs: fsStats(time, disk, Math.floor(disk.usedBytes * 0.6), Math.floor((disk.inodes - disk.inodesFree) * 0.7)) },
        rlimit: { time, maxpid: MAX_PID, curproc: node.root.usage.threads },
      }),
    },
    pods: stats.pods.map((entry) => podSummary(time, entry, disk, full)),
  };
}

function podSummary(time: string, entry: PodStatsEntry, disk: FilesystemStats, full: boolean) {
  const { pod, podCgroup } = entry;
  const limit = podCgroup.spec.memoryLimitBytes || undefined;
  const rootfsBytes = entry.containers.reduce((sum, c) => sum + c.cgroup.filesystems![0]!.usedBytes, 0);
  return {
    podRef: { name: pod.name, namespace: pod.namespace, uid: pod.uid },
    startTime: rfc3339(pod.startedAt),
    containers: entry.containers.map((c) => containerSummary(time, c, disk, full)),
    cpu: cpuStats(time, podCgroup),
    memory: memoryStats(time, podCgroup, limit),
    ...(full && {
      network: networkStats(time, entry.network, [entry.network]),
      volume: pod.volumeNames.map((name) => ({ ...fsStats(time, disk, VOLUME_BYTES, 3), name })),
      'ephemeral-storage': fsStats(time, disk, rootfsBytes, entry.containers.length * 40),
    }),
  };
}

function containerSummary(time: string, entry: ContainerStatsEntry, disk: FilesystemStats, full: boolean) {
  const { container, sample, cgroup } = entry;
  const { traits } = container;
  return {
    name: container.name,
    startTime: rfc3339(sample.startedAt),
    cpu: cpuStats(time, cgroup),
    memory: memoryStats(time, cgroup, container.resources.memoryLimitBytes),
    ...(full && {
      rootfs: fsStats(time, disk, traits.rootfsBytes, traits.rootfsInodes),
      logs: fsStats(time, disk, logBytes(traits, sample.counters.cpuCoreSeconds), 1),
    }),
  };
}

function cpuStats(time: string, cgroup: CgroupStats) {
  return {
    time,
    usageNanoCores: Math.round(cgroup.usage.usageCores * 1e9),
    usageCoreNanoSeconds: Math.round(cgroup.usage.cpuSeconds * 1e9),
  };
}

/** availableBytes only with a memory limit, as the kubelet reports it. */
function memoryStats(time: string, cgroup: CgroupStats, limitBytes?: number) {
  const u = cgroup.usage;
  return {
    time,
    ...(limitBytes !== undefined && { availableBytes: Math.max(0, limitBytes - u.workingSetBytes) }),
    usageBytes: u.memoryUsageBytes,
    workingSetBytes: u.workingSetBytes,
    rssBytes: u.rssBytes,
    pageFaults: u.pgfault,
    majorPageFaults: u.pgmajfault,
  };
}

function networkStats(time: string, main: InterfaceStats, all: readonly InterfaceStats[]) {
  const iface = (i: InterfaceStats) => ({ name: i.name, rxBytes: i.rxBytes, rxErrors: i.rxErrors, txBytes: i.txBytes, txErrors: i.txErrors });
  return { time, ...iface(main), interfaces: all.map(iface) };
}

function fsStats(time: string, disk: FilesystemStats, usedBytes: number, inodesUsed: number) {
  return {
    time,
    availableBytes: disk.capacityBytes - disk.usedBytes,
    capacityBytes: disk.capacityBytes,
    usedBytes,
    inodesFree: disk.inodesFree,
    inodes: disk.inodes,
    inodesUsed,
  };
}
