import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAgent, type Agent } from '../agent-core/agent/agent.ts';
import { kubeConfigForContext } from '../agent-core/kube/kube-client.ts';
import { kubeRequestBody } from '../agent-core/kube/kube-request.ts';
import { resolveContext } from '../agent-core/kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../agent-core/kube/kubeconfig-files.ts';
import type { MinuteSample } from '../agent-core/store/index.ts';
import { createUsageProfile, expectedCpu, throttledRatioFor } from '../sim/profiles/index.ts';
import { kubectl } from './kubectl.ts';

/**
 * The agent against the simulated kubelets at --speed 60 (a simulated minute per real second), collecting
 * every real second: its stored minutes must match what the usage profiles say the containers did.
 */
describe('agent metrics at --speed 60', () => {
  const kubeconfig = inject('testclusterKubeconfig');
  const seed = inject('testclusterSeed');
  const admin = kubectl(kubeconfig, { context: 'testcluster' });
  const ns = `agent-metrics-${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-agent-metrics-'));
  let agent: Agent | undefined;
  let nodeCpuCores = 0;

  const pod = (name: string, annotations: Record<string, string>, resources: Record<string, Record<string, string>>) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, annotations },
    spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'app', image: 'example/app:1', resources }] },
  });

  beforeAll(async () => {
    await admin('create', 'namespace', ns);
    const manifests = [
      pod('steady', { 'sim.cluster-insight.io/profile': 'steady', 'sim.cluster-insight.io/cpu-cores': '0.3' }, { requests: { cpu: '200m', memory: '128Mi' } }),
      pod('throttled', { 'sim.cluster-insight.io/profile': 'steady', 'sim.cluster-insight.io/cpu-cores': '0.45' }, { requests: { cpu: '250m' }, limits: { cpu: '500m', memory: '256Mi' } }),
      pod('leaky', { 'sim.cluster-insight.io/profile': 'leak' }, { requests: { cpu: '100m', memory: '32Mi' }, limits: { cpu: '1', memory: '64Mi' } }),
    ];
    const file = path.join(dataDir, 'pods.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
    // kubectl may race the namespace's service-account token: retry briefly.
    for (let i = 0; ; i++) {
      try {
        await admin('apply', '-f', file);
        break;
      } catch (err) {
        if (i > 20) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await admin('wait', '--for=condition=Ready', 'pod', '--all', '-n', ns, '--timeout=60s');
    const node = await admin.json<{ items: { status: { capacity: { cpu: string } } }[] }>('get', 'nodes', '-o', 'json');
    nodeCpuCores = Number(node.items[0]!.status.capacity.cpu);

    const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig }), 'testcluster'));
    agent = await startAgent({ kubeConfig, dataDir, intervalMs: 1000, verbose: true });
    await agent.inventory.waitUntilSettled(30_000);
    // Two real minutes, or until the leaking container has been OOM-killed and has run again for a while.
    const deadline = Date.now() + 170_000;
    const minimum = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5000));
      if (Date.now() < minimum) continue;
      const leaky = await admin.json<{ status: { containerStatuses: { restartCount: number }[] } }>('get', 'pod', 'leaky', '-n', ns, '-o', 'json');
      if (leaky.status.containerStatuses[0]!.restartCount > 0) break;
    }
    await agent.stop();
  }, 240_000);

  afterAll(async () => {
    await agent?.stop();
    await admin('delete', 'namespace', ns, '--wait=false').catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const samplesOf = async (podName: string): Promise<MinuteSample[]> => {
    const { openMetricsStore } = await import('../agent-core/store/index.ts');
    const store = openMetricsStore({ dataDir });
    try {
      return store.minuteSamples({ series: { containerKey: `${ns}/${podName}/app` }, from: 0, to: Number.MAX_SAFE_INTEGER });
    } finally {
      store.close();
    }
  };

  const profileOf = (podName: string, resources: { cpuRequestCores?: number; cpuLimitCores?: number; memoryRequestBytes?: number; memoryLimitBytes?: number }, cpuCores?: number, profile: 'steady' | 'leak' = 'steady') =>
    createUsageProfile({ seed, identity: { namespace: ns, pod: podName, container: 'app' }, resources, nodeCpuCores, overrides: cpuCores ? { cpuCores } : {}, profile });

  it('stores about two hours of simulated minutes, stamped with the kubelet sample times', async () => {
    const samples = await samplesOf('steady');
    expect(samples.length).toBeGreaterThanOrEqual(100);
    // Minutes follow the simulated clock (60× real time), not the wall clock the agent ran for.
    const spanMinutes = (samples.at(-1)!.t - samples[0]!.t) / 60_000;
    expect(spanMinutes).toBeGreaterThanOrEqual(100);
    for (const s of samples) expect(s.t % 60_000).toBe(0);
    expect(new Set(samples.map((s) => s.t)).size).toBe(samples.length);
  });

  it('CPU rates match the simulated profile within 5 %, minute by minute and on average', async () => {
    const samples = (await samplesOf('steady')).filter((s) => s.cpuCores !== null);
    expect(samples.length).toBeGreaterThanOrEqual(100);
    // steady: demand = 0.3 cores ± 5 % noise, per 10 s cell; no limit.
    for (const s of samples) {
      expect(s.cpuCores!).toBeGreaterThanOrEqual(0.3 * 0.95 * 0.999);
      expect(s.cpuCores!).toBeLessThanOrEqual(0.3 * 1.05 * 1.001);
    }
    const from = samples[0]!.t;
    const to = samples.at(-1)!.t + 60_000;
    const expected = expectedCpu(profileOf('steady', { cpuRequestCores: 0.2, memoryRequestBytes: 128 * 2 ** 20 }, 0.3), Infinity, from, to);
    const mean = samples.reduce((sum, s) => sum + s.cpuCores!, 0) / samples.length;
    expect(Math.abs(mean - expected.usageCores) / expected.usageCores).toBeLessThan(0.05);
    expect(samples[0]!.cpuRequest).toBeCloseTo(0.2);
    expect(samples[0]!.cpuLimit).toBeNull();
  });

  it('the throttled container shows a throttled ratio within 5 percentage points of the simulated one', async () => {
    const samples = (await samplesOf('throttled')).filter((s) => s.throttledRatio !== null);
    expect(samples.length).toBeGreaterThanOrEqual(100);
    const from = samples[0]!.t;
    const to = samples.at(-1)!.t + 60_000;
    const profile = profileOf('throttled', { cpuRequestCores: 0.25, cpuLimitCores: 0.5, memoryLimitBytes: 256 * 2 ** 20 }, 0.45);
    const expected = expectedCpu(profile, 0.5, from, to);
    const mean = samples.reduce((sum, s) => sum + s.throttledRatio!, 0) / samples.length;
    expect(Math.abs(mean - expected.throttledRatio)).toBeLessThan(0.05);
    // Each minute lies within what the demand band (0.45 ± 5 %) allows against a 0.5-core limit.
    for (const s of samples) {
      expect(s.throttledRatio!).toBeGreaterThanOrEqual(throttledRatioFor(0.45 * 0.95, 0.5) - 0.01);
      expect(s.throttledRatio!).toBeLessThanOrEqual(throttledRatioFor(0.45 * 1.05, 0.5) + 0.01);
    }
    expect(samples[0]!.cpuLimit).toBeCloseTo(0.5);
  });

  it('yields no negative or huge rate across a forced OOM restart, and records the OOMKilled event', async () => {
    const samples = await samplesOf('leaky');
    const status = await admin.json<{ status: { containerStatuses: { restartCount: number; lastState: { terminated?: { reason: string } } }[] } }>('get', 'pod', 'leaky', '-n', ns, '-o', 'json');
    expect(status.status.containerStatuses[0]!.restartCount).toBeGreaterThan(0);
    expect(status.status.containerStatuses[0]!.lastState.terminated?.reason).toBe('OOMKilled');
    const cpu = samples.map((s) => s.cpuCores).filter((c): c is number => c !== null);
    expect(cpu.length).toBeGreaterThan(50);
    for (const c of cpu) {
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThan(1.01); // the limit
    }
    // The working set climbed towards the 64 MiB limit, then fell back after the restart.
    const memory = samples.map((s) => s.memoryWorkingSetBytes).filter((m): m is number => m !== null);
    const peak = Math.max(...memory);
    expect(peak).toBeGreaterThan(40 * 2 ** 20);
    expect(memory.slice(memory.indexOf(peak)).some((m) => m < peak * 0.7)).toBe(true);

    const { openMetricsStore } = await import('../agent-core/store/index.ts');
    const store = openMetricsStore({ dataDir });
    try {
      const events = store.events({ from: 0, to: Number.MAX_SAFE_INTEGER, namespace: ns });
      expect(events.some((e) => e.pod === 'leaky' && (e.kind === 'OOMKilled' || e.kind === 'Restart'))).toBe(true);
    } finally {
      store.close();
    }
  });

  it('logged every Kubernetes API request in verbose mode, without credentials', () => {
    const log = fs.readFileSync(path.join(dataDir, 'agent.log'), 'utf8');
    const api = log.split('\n').filter((l) => l.includes('"msg":"kube-api"')).map((l) => JSON.parse(l) as { path: string; status: number });
    expect(api.some((e) => e.path.includes('/proxy/stats/summary') && e.status === 200)).toBe(true);
    expect(api.some((e) => e.path.includes('/proxy/metrics/cadvisor') && e.status === 200)).toBe(true);
    expect(api.some((e) => e.path.includes('watch=') || e.path.includes('watch=true'))).toBe(true);
    const token = /token:\s*(\S+)/.exec(fs.readFileSync(kubeconfig, 'utf8'))![1]!;
    expect(log).not.toContain(token);
  });

  it('asks the kubelets for gzip, which the API server\'s node proxy passes through: a fraction of the bytes on the wire', async () => {
    const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig }), 'testcluster'));
    const nodes = await admin.json<{ items: { metadata: { name: string } }[] }>('get', 'nodes', '-o', 'json');
    const wire = { bytes: 0 };
    const body = await kubeRequestBody(kubeConfig, { path: `/api/v1/nodes/${nodes.items[0]!.metadata.name}/proxy/metrics/cadvisor`, timeoutMs: 20_000, accept: 'text/plain', acceptGzip: true, wire });
    expect(body.toString('utf8')).toMatch(/^# HELP /);
    expect(body.length).toBeGreaterThan(100_000);
    expect(wire.bytes, `${wire.bytes} bytes on the wire for ${body.length}`).toBeLessThan(body.length / 5);
  });
});
