import type { ChartPoint, ContainerChart, WorkloadCharts, WorkloadRow } from '../../../agent-core/contract/app-contract.ts';

/** A small seeded generator (mulberry32): the same rows and series on every run, so runs compare. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet'];
const WORDS = ['api', 'web', 'cache', 'worker', 'gateway', 'billing', 'search', 'auth', 'queue', 'report', 'ingest', 'notify'];
const MI = 2 ** 20;

export function generateRows(count: number, seed = 1): WorkloadRow[] {
  const random = seededRandom(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const desired = 1 + Math.floor(random() * 5);
    const cpuRequest = random() < 0.1 ? null : Math.round(random() * 20) * 0.05;
    const memRequest = random() < 0.1 ? null : (64 + Math.floor(random() * 16) * 64) * MI;
    return {
      uid: `uid-${i}`,
      namespace: `team-${i % 40}`,
      kind: pick(KINDS),
      name: `${pick(WORDS)}-${pick(WORDS)}-${i}`,
      ready: random() < 0.05 ? desired - 1 : desired,
      desired,
      cpuRequest,
      cpuLimit: cpuRequest === null || random() < 0.3 ? null : cpuRequest * 2,
      memRequest,
      memLimit: memRequest === null ? null : memRequest * 2,
      cpuP95: random() * 0.8,
      memP95: random() * 900 * MI,
      throttled: random() < 0.5 ? null : random() * 0.3,
      restarts: random() < 0.9 ? 0 : Math.floor(random() * 20),
      ooms: random() < 0.97 ? 0 : 1 + Math.floor(random() * 3),
      recommendation: random() < 0.6 ? null : pick(['critical', 'warning', 'info'] as const),
      readiness: { danger: Math.floor(random() * 2), warning: Math.floor(random() * 4), info: Math.floor(random() * 2) },
    };
  });
}

/** `minutes` one-minute buckets ending at `to`, for each of `containers` containers. */
export function generateCharts(minutes: number, containers = 1, to = Date.now(), seed = 2): WorkloadCharts {
  const random = seededRandom(seed);
  const start = Math.floor(to / 60_000) * 60_000 - (minutes - 1) * 60_000;
  const chart = (name: string): ContainerChart => {
    const points: ChartPoint[] = new Array(minutes);
    let memory = 200 * MI;
    for (let i = 0; i < minutes; i++) {
      const daily = 0.5 + 0.4 * Math.sin((i / 1440) * 2 * Math.PI);
      const cpu = Math.max(0, daily * 0.3 + random() * 0.05);
      memory = memory > 480 * MI ? 200 * MI : memory + random() * 0.1 * MI;
      const throttled = cpu > 0.3 ? random() * 0.3 : 0;
      points[i] = {
        t: start + i * 60_000,
        cpuCores: { min: cpu * 0.8, mean: cpu, max: cpu * 1.4, p95: cpu * 1.3 },
        memoryWorkingSetBytes: { min: memory * 0.98, mean: memory, max: memory * 1.02, p95: memory * 1.01 },
        throttledRatio: { min: 0, mean: throttled, max: Math.min(1, throttled * 2), p95: throttled * 1.8 },
      };
    }
    return {
      container: name,
      pods: 3,
      resolution: 'minute',
      bucketMs: 60_000,
      points,
      settings: [{ from: start, to: to + 60_000, cpuRequest: 0.25, cpuLimit: 0.5, memRequest: 256 * MI, memLimit: 512 * MI }],
      events: [{ time: start + Math.floor(minutes / 2) * 60_000, kind: 'OOMKilled', pod: `${name}-0`, container: name, detail: 'exit code 137' }],
    };
  };
  return { uid: 'bench', range: '7d', from: start, to, containers: Array.from({ length: containers }, (_, i) => chart(i === 0 ? 'app' : `sidecar-${i}`)) };
}
