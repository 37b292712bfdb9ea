import { BLOCK_DEVICE, type CgroupStats, type FilesystemStats, type InterfaceStats } from '../cgroup-stats.ts';
import { formatSampleValue as v, label } from './prometheus-format.ts';

// The per-cgroup metric families of the kubelet's /metrics/cadvisor (cAdvisor as vendored in kubelet
// 1.20, with the kubelet's label set), with cAdvisor's help texts. Stats carry the sample timestamp;
// spec values (container_spec_*, container_start_time_seconds) carry none, as in cAdvisor.

export type MetricType = 'counter' | 'gauge';

export interface ContainerFamily {
  name: string;
  help: string;
  type: MetricType;
  /** Appends this cgroup's series; `ts` is " <sample ms>", written after stats and not after spec values. */
  write(cgroup: CgroupStats, ts: string, out: string[], sampleSeconds: number): void;
}

/** One series per cgroup with the six kubelet labels. */
const simple = (name: string, help: string, type: MetricType, value: (c: CgroupStats) => number | undefined): ContainerFamily => ({
  name,
  help,
  type,
  write(c, ts, out) {
    const x = value(c);
    if (x !== undefined) out.push(`${name}{${c.labels.all}} ${v(x)}${ts}`);
  },
});

/** As simple(), for values from the cgroup's spec: no timestamp. */
const spec = (name: string, help: string, value: (c: CgroupStats) => number | undefined): ContainerFamily => ({
  name,
  help,
  type: 'gauge',
  write(c, _ts, out) {
    const x = value(c);
    if (x !== undefined) out.push(`${name}{${c.labels.all}} ${v(x)}`);
  },
});

/** Series per filesystem of the cgroup, labelled by device (which sorts between container and id). */
const perFilesystem = (name: string, help: string, type: MetricType, value: (fs: FilesystemStats) => number): ContainerFamily => ({
  name,
  help,
  type,
  write(c, ts, out) {
    if (!c.filesystems) return;
    for (const fs of c.filesystems) out.push(`${name}{${c.labels.head},${label('device', fs.device)},${c.labels.afterHead}} ${v(value(fs))}${ts}`);
  },
});

/** Block I/O of the cgroup (blkio, on the whole disk), then the filesystems' device-wide counts, as cAdvisor merges them. */
const perBlockDevice = (
  name: string,
  help: string,
  value: (c: CgroupStats) => number,
  filesystemValue?: (fs: FilesystemStats) => number,
): ContainerFamily => ({
  name,
  help,
  type: 'counter',
  write(c, ts, out) {
    out.push(`${name}{${c.labels.head},${label('device', BLOCK_DEVICE)},${c.labels.afterHead}} ${v(value(c))}${ts}`);
    if (!filesystemValue || !c.filesystems) return;
    for (const fs of c.filesystems) out.push(`${name}{${c.labels.head},${label('device', fs.device)},${c.labels.afterHead}} ${v(filesystemValue(fs))}${ts}`);
  },
});

/** Series per network interface of the cgroup (interface sorts between image and name). */
const perInterface = (name: string, help: string, value: (i: InterfaceStats) => number): ContainerFamily => ({
  name,
  help,
  type: 'counter',
  write(c, ts, out) {
    if (!c.interfaces) return;
    for (const i of c.interfaces) out.push(`${name}{${c.labels.throughImage},${label('interface', i.name)},${c.labels.tail}} ${v(value(i))}${ts}`);
  },
});

const MAX_OPEN_FILES = 1_048_576;

export const CONTAINER_FAMILIES: readonly ContainerFamily[] = [
  simple('container_cpu_cfs_periods_total', 'Number of elapsed enforcement period intervals.', 'counter', (c) => c.cfs?.periods),
  simple('container_cpu_cfs_throttled_periods_total', 'Number of throttled period intervals.', 'counter', (c) => c.cfs?.throttledPeriods),
  simple('container_cpu_cfs_throttled_seconds_total', 'Total time duration the container has been throttled.', 'counter', (c) => c.cfs?.throttledSeconds),
  simple('container_cpu_load_average_10s', 'Value of container cpu load average over the last 10 seconds.', 'gauge', () => 0),
  simple('container_cpu_system_seconds_total', 'Cumulative system cpu time consumed in seconds.', 'counter', (c) => c.usage.systemSeconds),
  {
    name: 'container_cpu_usage_seconds_total',
    help: 'Cumulative cpu time consumed in seconds.',
    type: 'counter',
    write(c, ts, out) {
      out.push(`container_cpu_usage_seconds_total{${c.labels.head},cpu="total",${c.labels.afterHead}} ${v(c.usage.cpuSeconds)}${ts}`);
    },
  },
  simple('container_cpu_user_seconds_total', 'Cumulative user cpu time consumed in seconds.', 'counter', (c) => c.usage.userSeconds),
  simple('container_file_descriptors', 'Number of open file descriptors for the container.', 'gauge', (c) => c.usage.fileDescriptors),
  perFilesystem('container_fs_inodes_free', 'Number of available Inodes', 'gauge', (fs) => fs.inodesFree),
  perFilesystem('container_fs_inodes_total', 'Number of Inodes', 'gauge', (fs) => fs.inodes),
  perFilesystem('container_fs_io_current', 'Number of I/Os currently in progress', 'gauge', (fs) => fs.ioInProgress),
  perFilesystem('container_fs_io_time_seconds_total', 'Cumulative count of seconds spent doing I/Os', 'counter', (fs) => fs.ioSeconds),
  perFilesystem('container_fs_io_time_weighted_seconds_total', 'Cumulative weighted I/O time in seconds', 'counter', (fs) => fs.weightedIoSeconds),
  perFilesystem('container_fs_limit_bytes', 'Number of bytes that can be consumed by the container on this filesystem.', 'gauge', (fs) => fs.capacityBytes),
  perFilesystem('container_fs_read_seconds_total', 'Cumulative count of seconds spent reading', 'counter', (fs) => fs.readSeconds),
  perBlockDevice('container_fs_reads_bytes_total', 'Cumulative count of bytes read', (c) => c.usage.ioReadBytes),
  perFilesystem('container_fs_reads_merged_total', 'Cumulative count of reads merged', 'counter', (fs) => fs.readsMerged),
  perBlockDevice('container_fs_reads_total', 'Cumulative count of reads completed', (c) => c.usage.ioReads, (fs) => fs.reads),
  perFilesystem('container_fs_sector_reads_total', 'Cumulative count of sector reads completed', 'counter', (fs) => fs.sectorsRead),
  perFilesystem('container_fs_sector_writes_total', 'Cumulative count of sector writes completed', 'counter', (fs) => fs.sectorsWritten),
  perFilesystem('container_fs_usage_bytes', 'Number of bytes that are consumed by the container on this filesystem.', 'gauge', (fs) => fs.usedBytes),
  perFilesystem('container_fs_write_seconds_total', 'Cumulative count of seconds spent writing', 'counter', (fs) => fs.writeSeconds),
  perBlockDevice('container_fs_writes_bytes_total', 'Cumulative count of bytes written', (c) => c.usage.ioWriteBytes),
  perFilesystem('container_fs_writes_merged_total', 'Cumulative count of writes merged', 'counter', (fs) => fs.writesMerged),
  perBlockDevice('container_fs_writes_total', 'Cumulative count of writes completed', (c) => c.usage.ioWrites, (fs) => fs.writes),
  {
    name: 'container_last_seen',
    help: 'Last time a container was seen by the exporter',
    type: 'gauge',
    write(c, ts, out, sampleSeconds) {
      out.push(`container_last_seen{${c.labels.all}} ${v(sampleSeconds)}${ts}`);
    },
  },
  simple('container_memory_cache', 'Number of bytes of page cache memory.', 'gauge', (c) => c.usage.cacheBytes),
  simple('container_memory_failcnt', 'Number of memory usage hits limits', 'counter', () => 0),
  {
    name: 'container_memory_failures_total',
    help: 'Cumulative count of memory allocation failures.',
    type: 'counter',
    write(c, ts, out) {
      const { head, afterHead } = c.labels;
      const u = c.usage;
      out.push(
        `container_memory_failures_total{${head},failure_type="pgfault",${afterHead},scope="container"} ${v(u.pgfault)}${ts}`,
        `container_memory_failures_total{${head},failure_type="pgfault",${afterHead},scope="hierarchy"} ${v(u.totalPgfault)}${ts}`,
        `container_memory_failures_total{${head},failure_type="pgmajfault",${afterHead},scope="container"} ${v(u.pgmajfault)}${ts}`,
        `container_memory_failures_total{${head},failure_type="pgmajfault",${afterHead},scope="hierarchy"} ${v(u.totalPgmajfault)}${ts}`,
      );
    },
  },
  simple('container_memory_mapped_file', 'Size of memory mapped files in bytes.', 'gauge', (c) => c.usage.mappedFileBytes),
  simple('container_memory_max_usage_bytes', 'Maximum memory usage recorded in bytes', 'gauge', (c) => c.usage.maxUsageBytes),
  simple('container_memory_rss', 'Size of RSS in bytes.', 'gauge', (c) => c.usage.rssBytes),
  simple('container_memory_swap', 'Container swap usage in bytes.', 'gauge', () => 0),
  simple(
    'container_memory_usage_bytes',
    'Current memory usage in bytes, including all memory regardless of when it was accessed',
    'gauge',
    (c) => c.usage.memoryUsageBytes,
  ),
  simple('container_memory_working_set_bytes', 'Current working set in bytes.', 'gauge', (c) => c.usage.workingSetBytes),
  perInterface('container_network_receive_bytes_total', 'Cumulative count of bytes received', (i) => i.rxBytes),
  perInterface('container_network_receive_errors_total', 'Cumulative count of errors encountered while receiving', (i) => i.rxErrors),
  perInterface('container_network_receive_packets_dropped_total', 'Cumulative count of packets dropped while receiving', (i) => i.rxDropped),
  perInterface('container_network_receive_packets_total', 'Cumulative count of packets received', (i) => i.rxPackets),
  perInterface('container_network_transmit_bytes_total', 'Cumulative count of bytes transmitted', (i) => i.txBytes),
  perInterface('container_network_transmit_errors_total', 'Cumulative count of errors encountered while transmitting', (i) => i.txErrors),
  perInterface('container_network_transmit_packets_dropped_total', 'Cumulative count of packets dropped while transmitting', (i) => i.txDropped),
  perInterface('container_network_transmit_packets_total', 'Cumulative count of packets transmitted', (i) => i.txPackets),
  simple('container_oom_events_total', 'Count of out of memory events observed for the container', 'counter', (c) => c.usage.oomEvents),
  simple('container_processes', 'Number of processes running inside the container.', 'gauge', (c) => c.usage.processes),
  simple('container_sockets', 'Number of open sockets for the container.', 'gauge', (c) => c.usage.sockets),
  spec('container_spec_cpu_period', 'CPU period of the container.', (c) => c.spec.cpuPeriodMicros),
  spec('container_spec_cpu_quota', 'CPU quota of the container.', (c) => c.spec.cpuQuotaMicros),
  spec('container_spec_cpu_shares', 'CPU share of the container.', (c) => c.spec.cpuShares),
  spec('container_spec_memory_limit_bytes', 'Memory limit for the container.', (c) => c.spec.memoryLimitBytes),
  spec('container_spec_memory_reservation_limit_bytes', 'Memory reservation limit for the container.', (c) => c.spec.memoryReservationBytes),
  spec('container_spec_memory_swap_limit_bytes', 'Memory swap limit for the container.', (c) => c.spec.memorySwapLimitBytes),
  spec('container_start_time_seconds', 'Start time of the container since unix epoch in seconds.', (c) => c.startTimeSeconds),
  {
    name: 'container_tasks_state',
    help: 'Number of tasks in given state',
    type: 'gauge',
    write(c, ts, out) {
      const all = c.labels.all;
      const running = c.usage.runningTasks;
      out.push(
        `container_tasks_state{${all},state="iowaiting"} 0${ts}`,
        `container_tasks_state{${all},state="running"} ${v(running)}${ts}`,
        `container_tasks_state{${all},state="sleeping"} ${v(Math.max(0, c.usage.threads - running))}${ts}`,
        `container_tasks_state{${all},state="stopped"} 0${ts}`,
        `container_tasks_state{${all},state="uninterruptible"} 0${ts}`,
      );
    },
  },
  simple('container_threads', 'Number of threads running inside the container', 'gauge', (c) => c.usage.threads),
  simple('container_threads_max', 'Maximum number of threads allowed inside the container, infinity if value is zero', 'gauge', () => 0),
  {
    name: 'container_ulimits_soft',
    help: 'Soft ulimit values for the container root process. Unlimited if -1, except priority and nice',
    type: 'gauge',
    write(c, ts, out) {
      out.push(`container_ulimits_soft{${c.labels.all},ulimit="max_open_files"} ${v(MAX_OPEN_FILES)}${ts}`);
    },
  },
];
