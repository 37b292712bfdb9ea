import type { MetricsStore } from '../../store/index.ts';

/** A workload's usage over a window: per-pod sums each minute, then their p95; throttling averaged. */
export interface WorkloadUsage {
  cpuP95: number | null;
  memP95: number | null;
  throttled: number | null;
  ooms: number;
}

/** Nearest-rank p95 of the values (sorted in place). */
export function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
}

interface PodMinutes {
  cpu: Map<number, number>;
  mem: Map<number, number>;
}

interface Accumulator {
  pods: Map<string, PodMinutes>;
  throttledSum: number;
  throttledN: number;
  ooms: number;
}

function add(map: Map<number, number>, t: number, value: number): void {
  map.set(t, (map.get(t) ?? 0) + value);
}

/**
 * Every workload's usage over [from, to), keyed by the workload's uid, read in one pass over the store.
 * Pods are told apart by their container keys (namespace/pod/container), so a pod deleted in the window still counts.
 */
export function summarizeUsage(store: MetricsStore, from: number, to: number): Map<string, WorkloadUsage> {
  const byWorkload = new Map<string, Accumulator>();
  const workloadOfPod = new Map<string, string>();
  for (const series of store.allSeriesMinutes({ from, to })) {
    if (series.series.kind !== 'container') continue;
    const uid = series.series.workload.uid;
    if (!uid) continue;
    const podKey = series.series.containerKey.slice(0, series.series.containerKey.lastIndexOf('/'));
    workloadOfPod.set(podKey, uid);
    let acc = byWorkload.get(uid);
    if (!acc) byWorkload.set(uid, (acc = { pods: new Map(), throttledSum: 0, throttledN: 0, ooms: 0 }));
    let pod = acc.pods.get(podKey);
    if (!pod) acc.pods.set(podKey, (pod = { cpu: new Map(), mem: new Map() }));
    for (let i = 0; i < series.t.length; i++) {
      const t = series.t[i]!;
      const cpu = series.cpuCores[i]!;
      const mem = series.memoryWorkingSetBytes[i]!;
      const throttled = series.throttledRatio[i]!;
      if (!Number.isNaN(cpu)) add(pod.cpu, t, cpu);
      if (!Number.isNaN(mem)) add(pod.mem, t, mem);
      if (!Number.isNaN(throttled)) {
        acc.throttledSum += throttled;
        acc.throttledN++;
      }
    }
  }
  for (const event of store.events({ from, to, kinds: ['OOMKilled'] })) {
    const uid = workloadOfPod.get(`${event.namespace}/${event.pod}`);
    const acc = uid === undefined ? undefined : byWorkload.get(uid);
    if (acc) acc.ooms++;
  }
  const result = new Map<string, WorkloadUsage>();
  for (const [uid, acc] of byWorkload) {
    const pods = [...acc.pods.values()];
    result.set(uid, {
      cpuP95: p95(pods.flatMap((p) => [...p.cpu.values()])),
      memP95: p95(pods.flatMap((p) => [...p.mem.values()])),
      throttled: acc.throttledN ? acc.throttledSum / acc.throttledN : null,
      ooms: acc.ooms,
    });
  }
  return result;
}
