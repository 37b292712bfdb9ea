import { describe, expect, it } from 'vitest';
import { expectedCpu } from '../profiles/index.ts';
import { nodeForTest } from './testing/node-harness.ts';
import { podManifest } from './testing/pod-manifests.ts';

const RFC3339_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const HOUR = 3600_000;

interface CpuStats { time: string; usageNanoCores: number; usageCoreNanoSeconds: number }
interface ContainerStats { name: string; startTime: string; cpu: CpuStats; memory: Record<string, unknown>; rootfs?: unknown; logs?: unknown }
interface PodStats { podRef: { name: string; namespace: string; uid: string }; startTime: string; containers: ContainerStats[]; cpu: CpuStats; memory: Record<string, unknown> }
interface Summary { node: Record<string, unknown> & { cpu: CpuStats }; pods: PodStats[] }

const pods = [
  podManifest({
    name: 'steady-0', namespace: 'shop', nodeName: 'sim-node-0',
    annotations: { 'sim.cluster-insight.io/profile': 'steady', 'sim.cluster-insight.io/cpu-cores': '0.3' },
    containers: [{ name: 'app', image: 'registry.example/shop/web:1.4.2', requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } }],
  }),
  podManifest({
    name: 'busy-0', namespace: 'shop', nodeName: 'sim-node-0',
    annotations: { 'sim.cluster-insight.io/profile': 'cpu-bound', 'sim.cluster-insight.io/cpu-cores': '0.9' },
    containers: [{ name: 'worker', image: 'registry.example/shop/worker:3', requests: { cpu: '250m' }, limits: { cpu: '500m' } }],
  }),
  podManifest({
    name: 'daily-0', namespace: 'data', nodeName: 'sim-node-0',
    annotations: { 'sim.cluster-insight.io/profile': 'diurnal' },
    containers: [
      { name: 'api', image: 'registry.example/data/api:7', requests: { cpu: '1', memory: '1Gi' } },
      { name: 'sidecar', image: 'registry.example/data/sidecar:1', requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    ],
  }),
];

function scrape(node: ReturnType<typeof nodeForTest>['node'], endpoint: 'summary' | 'summary-cpu-memory' = 'summary'): Summary {
  return JSON.parse(node.render(endpoint)) as Summary;
}

const container = (summary: Summary, pod: string, name: string) =>
  summary.pods.find((p) => p.podRef.name === pod)!.containers.find((c) => c.name === name)!;

/** The true CPU rate between two scrapes: Δ usageCoreNanoSeconds / Δ time. */
const cpuRate = (a: CpuStats, b: CpuStats) => (b.usageCoreNanoSeconds - a.usageCoreNanoSeconds) / 1e9 / ((Date.parse(b.time) - Date.parse(a.time)) / 1000);

describe('Summary API', () => {
  it('has the kubelet shape: node, systemContainers, pods with containers, RFC 3339 times', async () => {
    const { node, advance } = nodeForTest({ pods });
    await advance(HOUR);
    const summary = scrape(node);
    expect(Object.keys(summary.node)).toEqual(['nodeName', 'systemContainers', 'startTime', 'cpu', 'memory', 'network', 'fs', 'runtime', 'rlimit']);
    expect(summary.node.nodeName).toBe('sim-node-0');
    expect((summary.node.systemContainers as Array<{ name: string }>).map((c) => c.name)).toEqual(['kubelet', 'runtime', 'pods']);
    expect(Object.keys(summary.node.cpu)).toEqual(['time', 'usageNanoCores', 'usageCoreNanoSeconds']);
    expect(Object.keys(summary.node.memory as object)).toEqual(['time', 'availableBytes', 'usageBytes', 'workingSetBytes', 'rssBytes', 'pageFaults', 'majorPageFaults']);
    expect(summary.pods).toHaveLength(3);
    const pod = summary.pods[0]!;
    expect(Object.keys(pod)).toEqual(['podRef', 'startTime', 'containers', 'cpu', 'memory', 'network', 'volume', 'ephemeral-storage']);
    expect(Object.keys(pod.containers[0]!)).toEqual(['name', 'startTime', 'cpu', 'memory', 'rootfs', 'logs']);
    expect(pod.podRef.uid).toMatch(/^[0-9a-f-]{36}$/);
    for (const time of [summary.node.startTime, pod.startTime, pod.cpu.time, pod.containers[0]!.startTime, pod.containers[0]!.cpu.time]) {
      expect(time).toMatch(RFC3339_SECONDS);
    }
    expect(pod.cpu.time).toBe(new Date(Date.UTC(2026, 0, 15, 13)).toISOString().replace('.000', ''));
  });

  it('reports availableBytes only for containers with a memory limit', async () => {
    const { node, advance } = nodeForTest({ pods });
    await advance(HOUR);
    const summary = scrape(node);
    expect(container(summary, 'steady-0', 'app').memory).toHaveProperty('availableBytes');
    expect(container(summary, 'daily-0', 'sidecar').memory).toHaveProperty('availableBytes');
    expect(container(summary, 'daily-0', 'api').memory).not.toHaveProperty('availableBytes');
    expect(container(summary, 'busy-0', 'worker').memory).not.toHaveProperty('availableBytes');
    const { workingSetBytes, availableBytes } = container(summary, 'steady-0', 'app').memory as Record<string, number>;
    expect(workingSetBytes! + availableBytes!).toBe(512 * 1024 * 1024);
  });

  it('gives CPU rates (Δ usageCoreNanoSeconds / Δ time) that match the profiles, capped by the limit, within 5 %', async () => {
    const { node, clock, advance } = nodeForTest({ pods });
    await advance(HOUR);
    const from = clock.now();
    const a = scrape(node);
    await advance(10 * 60_000);
    const b = scrape(node);
    const to = clock.now();

    const rate = (pod: string, name: string) => cpuRate(container(a, pod, name).cpu, container(b, pod, name).cpu);
    expect(rate('steady-0', 'app')).toBeGreaterThan(0.3 * 0.95);
    expect(rate('steady-0', 'app')).toBeLessThan(0.3 * 1.05);
    expect(rate('busy-0', 'worker')).toBeCloseTo(0.5, 9);

    const daily = [...node.pods.values()].find((p) => p.name === 'daily-0')!;
    for (const c of daily.containers) {
      const expected = expectedCpu(c.profile, c.resources.cpuLimitCores ?? 8, from, to).usageCores;
      expect(Math.abs(rate('daily-0', c.name) / expected - 1)).toBeLessThan(0.05);
    }
  });

  it('keeps pod and node CPU counters consistent with their containers', async () => {
    const { node, advance } = nodeForTest({ pods });
    await advance(HOUR);
    const summary = scrape(node);
    for (const pod of summary.pods) {
      const containers = pod.containers.reduce((sum, c) => sum + c.cpu.usageCoreNanoSeconds, 0);
      expect(pod.cpu.usageCoreNanoSeconds).toBeGreaterThanOrEqual(containers);
      expect(pod.cpu.usageCoreNanoSeconds - containers).toBeLessThan(1e9);
    }
    const podsTotal = summary.pods.reduce((sum, p) => sum + p.cpu.usageCoreNanoSeconds, 0);
    expect(summary.node.cpu.usageCoreNanoSeconds).toBeGreaterThan(podsTotal);
  });

  it('answers only CPU and memory when asked, as metrics-server does', async () => {
    const { node, advance } = nodeForTest({ pods });
    await advance(HOUR);
    const summary = scrape(node, 'summary-cpu-memory');
    expect(Object.keys(summary.node)).toEqual(['nodeName', 'systemContainers', 'startTime', 'cpu', 'memory']);
    expect(Object.keys(summary.pods[0]!)).toEqual(['podRef', 'startTime', 'containers', 'cpu', 'memory']);
    expect(Object.keys(summary.pods[0]!.containers[0]!)).toEqual(['name', 'startTime', 'cpu', 'memory']);
  });

  it('never lets node counters go down when a pod leaves', async () => {
    const { node, advance } = nodeForTest({ pods });
    await advance(HOUR);
    const before = scrape(node);
    node.podGone(pods[0]!);
    await advance(1000);
    const after = scrape(node);
    expect(after.pods).toHaveLength(2);
    const pick = (s: Summary, name: string) => (s.node.systemContainers as Array<{ name: string; cpu: CpuStats }>).find((c) => c.name === name)!.cpu;
    expect(after.node.cpu.usageCoreNanoSeconds).toBeGreaterThan(before.node.cpu.usageCoreNanoSeconds);
    expect(pick(after, 'pods').usageCoreNanoSeconds).toBeGreaterThan(pick(before, 'pods').usageCoreNanoSeconds);
  });
});
