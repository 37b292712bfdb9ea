import type { CgroupStats } from './cgroup-stats.ts';
import { nodeCgroups, rootDisk, type NodeCgroups, type RetiredCounters } from './node-cgroups.ts';
import type { NodeMachine } from './node-machine.ts';
import { podStats, type PodStatsEntry } from './pod-cgroups.ts';
import type { SimulatedPod } from './simulated-pod.ts';

/** Everything one simulated kubelet reports at one sample time. */
export interface NodeStats {
  timeMs: number;
  machine: NodeMachine;
  pods: PodStatsEntry[];
  node: NodeCgroups;
  /** Every cgroup, in the order client_golang writes series (by container label, then id). */
  cgroups: CgroupStats[];
}

/** Collects the node's stats at timeMs; the pods' timelines must have advanced to it. */
export function collectNodeStats(machine: NodeMachine, timeMs: number, pods: readonly SimulatedPod[], retired: RetiredCounters): NodeStats {
  const rootfsBytes = pods.reduce((sum, p) => sum + p.containers.reduce((s, c) => s + c.traits.rootfsBytes, 0), 0);
  const disk = rootDisk(machine, timeMs, rootfsBytes);
  const podEntries = pods.map((pod) => podStats(pod, timeMs, disk));
  const node = nodeCgroups(machine, timeMs, podEntries, retired, disk);
  const cgroups = [
    node.root,
    node.kubepods,
    ...node.qosClasses,
    node.kubelet,
    node.runtime,
    ...podEntries.flatMap((p) => [p.podCgroup, p.sandbox, ...p.containers.map((c) => c.cgroup)]),
  ];
  const keyed = cgroups.map((cgroup) => ({ key: cgroup.labels.sortKey, cgroup }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { timeMs, machine, pods: podEntries, node, cgroups: keyed.map((k) => k.cgroup) };
}
