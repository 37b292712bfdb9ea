import { hashOf } from '../profiles/index.ts';
import { nodeCgroupLabels } from './cgroup-labels.ts';
import { NO_DISK_IO, ROOT_FS_DEVICE, sumUsage, type CgroupStats, type CgroupUsage, type FilesystemStats, type InterfaceStats } from './cgroup-stats.ts';
import type { NodeMachine, ServiceLoad } from './node-machine.ts';
import { cgroupSpec, type PodStatsEntry } from './pod-cgroups.ts';
import type { QosClass } from './simulated-pod.ts';

/** Counters of pods that have left (deleted or finished): still charged to their parents, as the kernel keeps them. */
export interface RetiredCounters {
  byQos: Record<QosClass, Partial<CgroupUsage>>;
  rxBytes: number;
  txBytes: number;
}

export const noRetiredCounters = (): RetiredCounters => ({ byQos: { Guaranteed: {}, Burstable: {}, BestEffort: {} }, rxBytes: 0, txBytes: 0 });

export interface NodeCgroups {
  root: CgroupStats;
  kubepods: CgroupStats;
  qosClasses: CgroupStats[];
  kubelet: CgroupStats;
  runtime: CgroupStats;
  rootDisk: FilesystemStats;
}

const GiB = 1024 ** 3;
const BOOT_TO_SERVICES_MS = 30_000;
/** Bytes written to the root disk by the system, per second of uptime (journals, image pulls, logs). */
const SYSTEM_DISK_BYTES = 8 * GiB;
const UNACCOUNTED_PAGE_FAULTS_PER_SECOND = 300;

export function uptimeSeconds(machine: NodeMachine, timeMs: number): number {
  return Math.max(0, (timeMs - machine.bootTimeMs) / 1000);
}

/** The root disk device-wide, as cAdvisor reads it from /proc/diskstats; containers on it report the same I/O. */
export function rootDisk(machine: NodeMachine, timeMs: number, containerBytes: number): FilesystemStats {
  const uptime = uptimeSeconds(machine, timeMs);
  const usedBytes = SYSTEM_DISK_BYTES + containerBytes;
  const reads = Math.floor(uptime * 6.5);
  const writes = Math.floor(uptime * 21);
  return {
    device: ROOT_FS_DEVICE,
    capacityBytes: machine.diskCapacityBytes,
    usedBytes,
    inodes: machine.diskInodes,
    inodesFree: machine.diskInodes - 180_000 - Math.floor(containerBytes / 65536),
    reads,
    writes,
    readsMerged: Math.floor(reads * 0.18),
    writesMerged: Math.floor(writes * 0.9),
    sectorsRead: reads * 56,
    sectorsWritten: writes * 24,
    readSeconds: uptime * 0.0021,
    writeSeconds: uptime * 0.031,
    ioInProgress: 0,
    ioSeconds: uptime * 0.012,
    weightedIoSeconds: uptime * 0.034,
  };
}

export function nodeCgroups(machine: NodeMachine, timeMs: number, pods: readonly PodStatsEntry[], retired: RetiredCounters, disk: FilesystemStats): NodeCgroups {
  const byQos = (qos: QosClass) => pods.filter((p) => p.pod.qosClass === qos).map((p) => p.podCgroup.usage);
  const qosCgroup = (qos: 'Burstable' | 'BestEffort'): CgroupStats => ({
    labels: nodeCgroupLabels(`/kubepods/${qos.toLowerCase()}`),
    startTimeSeconds: machine.bootTimeMs / 1000 + 60,
    usage: sumUsage(byQos(qos), retired.byQos[qos]),
    spec: cgroupSpec(qos === 'Burstable' ? pods.filter((p) => p.pod.qosClass === qos).reduce((s, p) => s + p.podCgroup.spec.cpuShares / 1024, 0) : 0, undefined, undefined),
  });
  const qosClasses = [qosCgroup('Burstable'), qosCgroup('BestEffort')];
  const kubepods: CgroupStats = {
    labels: nodeCgroupLabels('/kubepods'),
    startTimeSeconds: machine.bootTimeMs / 1000 + 60,
    usage: sumUsage([...qosClasses.map((q) => q.usage), ...byQos('Guaranteed')], retired.byQos.Guaranteed),
    spec: cgroupSpec(machine.cpuCores, undefined, machine.memoryBytes),
  };
  const kubelet = serviceCgroup('/system.slice/kubelet.service', machine.kubelet, machine, timeMs);
  const runtime = serviceCgroup('/system.slice/docker.service', machine.runtime, machine, timeMs);
  const uptime = uptimeSeconds(machine, timeMs);
  const operatingSystem = serviceUsage(machine.operatingSystem, uptime);
  operatingSystem.pgfault = Math.floor(uptime * UNACCOUNTED_PAGE_FAULTS_PER_SECOND);
  operatingSystem.pgmajfault = Math.floor(operatingSystem.pgfault / 5000);
  const root: CgroupStats = {
    labels: nodeCgroupLabels('/'),
    startTimeSeconds: machine.bootTimeMs / 1000,
    usage: sumUsage([kubepods.usage, kubelet.usage, runtime.usage], operatingSystem),
    spec: cgroupSpec(machine.cpuCores, undefined, undefined),
    filesystems: [disk, tmpfs('tmpfs', machine.memoryBytes / 10, 1_200_000), tmpfs('/dev/shm', 64 * 1024 * 1024, 0)],
    interfaces: hostInterfaces(machine, uptime, pods, retired),
  };
  return { root, kubepods, qosClasses, kubelet, runtime, rootDisk: disk };
}

function serviceUsage(load: ServiceLoad, runningSeconds: number): CgroupUsage {
  const cpuSeconds = load.cpuCores * runningSeconds;
  const workingSet = Math.floor(load.memoryBytes / 4096) * 4096;
  const pgfault = Math.floor(workingSet / 4096 + cpuSeconds * 2000);
  return {
    ...sumUsage([]),
    cpuSeconds,
    userSeconds: cpuSeconds * 0.7,
    systemSeconds: cpuSeconds * 0.3,
    usageCores: load.cpuCores,
    memoryUsageBytes: Math.floor(workingSet * 1.6 / 4096) * 4096,
    workingSetBytes: workingSet,
    rssBytes: Math.floor(workingSet * 0.8 / 4096) * 4096,
    cacheBytes: Math.floor(workingSet * 0.8 / 4096) * 4096,
    mappedFileBytes: Math.floor(workingSet * 0.1 / 4096) * 4096,
    maxUsageBytes: Math.floor(workingSet * 1.9 / 4096) * 4096,
    pgfault,
    pgmajfault: Math.floor(pgfault / 3000),
    totalPgfault: pgfault,
    totalPgmajfault: Math.floor(pgfault / 3000),
    ioReadBytes: Math.floor(runningSeconds * 900),
    ioWriteBytes: Math.floor(runningSeconds * 12_000),
    ioReads: Math.floor(runningSeconds * 0.03),
    ioWrites: Math.floor(runningSeconds * 1.1),
    processes: 1,
    threads: load.threads,
    fileDescriptors: load.threads * 3,
    sockets: load.threads,
    runningTasks: 0,
  };
}

function serviceCgroup(id: string, load: ServiceLoad, machine: NodeMachine, timeMs: number): CgroupStats {
  const startMs = machine.bootTimeMs + BOOT_TO_SERVICES_MS;
  return {
    labels: nodeCgroupLabels(id),
    startTimeSeconds: startMs / 1000,
    usage: serviceUsage(load, Math.max(0, (timeMs - startMs) / 1000)),
    spec: cgroupSpec(1, undefined, undefined),
  };
}

function tmpfs(device: string, capacityBytes: number, usedBytes: number): FilesystemStats {
  const capacity = Math.floor(capacityBytes / 4096) * 4096;
  return {
    device,
    capacityBytes: capacity,
    usedBytes,
    inodes: Math.floor(capacity / 4096),
    inodesFree: Math.floor(capacity / 4096) - 700,
    ...NO_DISK_IO,
  };
}

/** eth0 carries everything, cni0 the pods' traffic, and each pod has its veth (the pod's receive is its transmit). */
function hostInterfaces(machine: NodeMachine, uptime: number, pods: readonly PodStatsEntry[], retired: RetiredCounters): InterfaceStats[] {
  const podTotal = pods.reduce(
    (sum, p) => ({ rx: sum.rx + p.network.rxBytes, tx: sum.tx + p.network.txBytes }),
    { rx: retired.rxBytes, tx: retired.txBytes },
  );
  const own = Math.floor(uptime * machine.hostTrafficBytesPerSecond);
  const iface = (name: string, rxBytes: number, txBytes: number): InterfaceStats => ({
    name,
    rxBytes,
    rxPackets: Math.floor(rxBytes / 1000),
    rxErrors: 0,
    rxDropped: 0,
    txBytes,
    txPackets: Math.floor(txBytes / 800),
    txErrors: 0,
    txDropped: 0,
  });
  return [
    iface('cni0', podTotal.tx, podTotal.rx),
    iface('eth0', own + podTotal.rx, Math.floor(own * 0.6) + podTotal.tx),
    ...pods.map((p) => iface(`veth${hashOf(0, p.pod.uid).toString(16).padStart(8, '0')}`, p.network.txBytes, p.network.rxBytes)),
  ];
}

const CUMULATIVE_KEYS = [
  'cpuSeconds', 'userSeconds', 'systemSeconds', 'totalPgfault', 'totalPgmajfault', 'oomEvents', 'ioReadBytes', 'ioWriteBytes', 'ioReads', 'ioWrites',
] as const satisfies ReadonlyArray<keyof CgroupUsage>;

/** Hands a leaving pod's final counters to its parents, so that node-level counters never go down. */
export function chargeRetired(retired: RetiredCounters, entry: PodStatsEntry): void {
  const charged = retired.byQos[entry.pod.qosClass];
  for (const key of CUMULATIVE_KEYS) charged[key] = (charged[key] ?? 0) + entry.podCgroup.usage[key];
  retired.rxBytes += entry.network.rxBytes;
  retired.txBytes += entry.network.txBytes;
}
