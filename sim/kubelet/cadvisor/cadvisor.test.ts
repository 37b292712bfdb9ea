import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cfsRates, expectedCpu } from '../../profiles/index.ts';
import { nodeForTest, TEST_START } from '../testing/node-harness.ts';
import { podManifest, realisticPods } from '../testing/pod-manifests.ts';
import { parseExposition, type MetricFamily, type Sample } from '../testing/prometheus-text-parser.ts';

const HOUR = 3600_000;
const KUBELET_LABELS = ['container', 'id', 'image', 'name', 'namespace', 'pod'];
const EXTRA_LABELS: Record<string, string[]> = {
  container_cpu_usage_seconds_total: ['cpu'],
  container_memory_failures_total: ['failure_type', 'scope'],
  container_tasks_state: ['state'],
  container_ulimits_soft: ['ulimit'],
};
const CONTAINER_ID = /^\/kubepods\/(?:burstable\/|besteffort\/)?pod[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[0-9a-f]{64}$/;
const CFS_FAMILIES = ['container_cpu_cfs_periods_total', 'container_cpu_cfs_throttled_periods_total', 'container_cpu_cfs_throttled_seconds_total'];

/** Every family the kubelet 1.20 /metrics/cadvisor endpoint writes (plus cAdvisor's OOM events). */
const EXPECTED_FAMILIES = [
  'cadvisor_version_info',
  ...CFS_FAMILIES,
  'container_cpu_load_average_10s', 'container_cpu_system_seconds_total', 'container_cpu_usage_seconds_total', 'container_cpu_user_seconds_total',
  'container_file_descriptors',
  'container_fs_inodes_free', 'container_fs_inodes_total', 'container_fs_io_current', 'container_fs_io_time_seconds_total',
  'container_fs_io_time_weighted_seconds_total', 'container_fs_limit_bytes', 'container_fs_read_seconds_total', 'container_fs_reads_bytes_total',
  'container_fs_reads_merged_total', 'container_fs_reads_total', 'container_fs_sector_reads_total', 'container_fs_sector_writes_total',
  'container_fs_usage_bytes', 'container_fs_write_seconds_total', 'container_fs_writes_bytes_total', 'container_fs_writes_merged_total',
  'container_fs_writes_total',
  'container_last_seen',
  'container_memory_cache', 'container_memory_failcnt', 'container_memory_failures_total', 'container_memory_mapped_file',
  'container_memory_max_usage_bytes', 'container_memory_rss', 'container_memory_swap', 'container_memory_usage_bytes', 'container_memory_working_set_bytes',
  'container_network_receive_bytes_total', 'container_network_receive_errors_total', 'container_network_receive_packets_dropped_total',
  'container_network_receive_packets_total', 'container_network_transmit_bytes_total', 'container_network_transmit_errors_total',
  'container_network_transmit_packets_dropped_total', 'container_network_transmit_packets_total',
  'container_oom_events_total', 'container_processes', 'container_scrape_error', 'container_sockets',
  'container_spec_cpu_period', 'container_spec_cpu_quota', 'container_spec_cpu_shares', 'container_spec_memory_limit_bytes',
  'container_spec_memory_reservation_limit_bytes', 'container_spec_memory_swap_limit_bytes', 'container_start_time_seconds',
  'container_tasks_state', 'container_threads', 'container_threads_max', 'container_ulimits_soft',
  'machine_cpu_cores', 'machine_cpu_physical_cores', 'machine_cpu_sockets', 'machine_memory_bytes', 'machine_nvm_avg_power_budget_watts',
  'machine_nvm_capacity', 'machine_scrape_error',
];

const throttledPod = podManifest({
  name: 'gateway-5c7d9-x2x8q', namespace: 'shop', nodeName: 'sim-node-0',
  annotations: { 'sim.cluster-insight.io/profile': 'steady', 'sim.cluster-insight.io/cpu-cores': '0.25' },
  containers: [
    { name: 'gateway', image: 'registry.example/platform/gateway:0.19.3', requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    { name: 'log-shipper', image: 'docker.io/fluent/fluent-bit:1.6', requests: { cpu: '20m', memory: '32Mi' } },
  ],
});

function scrape(node: ReturnType<typeof nodeForTest>['node']) {
  const text = node.render('cadvisor');
  return { text, families: parseExposition(text) };
}

const series = (families: Map<string, MetricFamily>, name: string, match: Record<string, string>): Sample[] =>
  families.get(name)?.samples.filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v)) ?? [];
const one = (families: Map<string, MetricFamily>, name: string, match: Record<string, string>): number => {
  const found = series(families, name, match);
  expect(found, `${name} ${JSON.stringify(match)}`).toHaveLength(1);
  return found[0]!.value;
};

describe('/metrics/cadvisor', () => {
  it('is valid exposition text with every kubelet family, sorted, each with HELP and TYPE', async () => {
    const { node, advance } = nodeForTest({ pods: [...realisticPods('sim-node-0', 6), throttledPod] });
    await advance(HOUR);
    const { text, families } = scrape(node);
    expect([...families.keys()]).toEqual(EXPECTED_FAMILIES);
    expect([...families.keys()]).toEqual([...families.keys()].sort());
    for (const family of families.values()) {
      expect(family.help, family.name).toBeTruthy();
      const counter = (family.name.endsWith('_total') && family.name !== 'container_fs_inodes_total') || family.name === 'container_memory_failcnt';
      expect(family.type, family.name).toBe(counter ? 'counter' : 'gauge');
      expect(family.samples.length, family.name).toBeGreaterThan(0);
    }
    expect(text.endsWith('\n')).toBe(true);
  });

  it("uses the kubelet's label set, with long cgroup ids for containers, the sandbox and the pod", async () => {
    const { node, advance } = nodeForTest({ pods: [throttledPod] });
    await advance(HOUR);
    const { families } = scrape(node);
    for (const family of families.values()) {
      if (!family.name.startsWith('container_') || family.name === 'container_scrape_error') continue;
      const extra = EXTRA_LABELS[family.name] ?? (family.name.startsWith('container_fs_') ? ['device'] : family.name.startsWith('container_network_') ? ['interface'] : []);
      for (const sample of family.samples) expect(Object.keys(sample.labels).sort(), family.name).toEqual([...KUBELET_LABELS, ...extra].sort());
    }
    const usage = families.get('container_cpu_usage_seconds_total')!.samples.filter((s) => s.labels.pod === 'gateway-5c7d9-x2x8q');
    const byContainer = new Map(usage.map((s) => [s.labels.container, s.labels]));
    expect([...byContainer.keys()].sort()).toEqual(['', 'POD', 'gateway', 'log-shipper']);
    const uid = throttledPod.metadata!.uid!;
    expect(byContainer.get('')).toMatchObject({ id: `/kubepods/burstable/pod${uid}`, image: '', name: '', namespace: 'shop', cpu: 'total' });
    expect(byContainer.get('POD')!.image).toBe('k8s.gcr.io/pause:3.2');
    const gateway = byContainer.get('gateway')!;
    expect(gateway.id).toMatch(CONTAINER_ID);
    expect(gateway.image).toBe('registry.example/platform/gateway:0.19.3');
    expect(gateway.name).toBe(`k8s_gateway_gateway-5c7d9-x2x8q_shop_${uid}_0`);
    for (const id of ['/', '/kubepods', '/kubepods/burstable', '/system.slice/kubelet.service', '/system.slice/docker.service']) {
      expect(one(families, 'container_cpu_usage_seconds_total', { id, container: '' })).toBeGreaterThan(0);
    }
    expect(one(families, 'container_cpu_usage_seconds_total', { id: '/kubepods/besteffort', container: '' })).toBe(0);
  });

  it('timestamps stats with the sample time in ms, and spec values not at all', async () => {
    const { node, advance } = nodeForTest({ pods: [throttledPod] });
    await advance(HOUR);
    const { families } = scrape(node);
    const sampleMs = TEST_START + HOUR;
    for (const sample of families.get('container_memory_working_set_bytes')!.samples) expect(sample.timestampMs).toBe(sampleMs);
    for (const sample of families.get('container_spec_cpu_period')!.samples) expect(sample.timestampMs).toBeUndefined();
    for (const sample of families.get('machine_cpu_cores')!.samples) expect(sample.timestampMs).toBeUndefined();
    expect(one(families, 'container_last_seen', { container: 'gateway' })).toBe(sampleMs / 1000);
  });

  it('has CFS series only for cgroups with a CPU limit (quota)', async () => {
    const { node, advance } = nodeForTest({ pods: [...realisticPods('sim-node-0', 12), throttledPod] });
    await advance(HOUR);
    const { families } = scrape(node);
    const idsWithQuota = new Set(families.get('container_spec_cpu_quota')!.samples.map((s) => s.labels.id));
    const limited = [...node.pods.values()].flatMap((p) => p.containers.filter((c) => c.resources.cpuLimitCores).map((c) => `${p.name}/${c.name}`));
    expect(limited.length).toBeGreaterThan(3);
    for (const name of CFS_FAMILIES) {
      const ids = new Set(families.get(name)!.samples.map((s) => s.labels.id));
      expect(ids).toEqual(idsWithQuota);
      const containers = new Set(families.get(name)!.samples.filter((s) => s.labels.container).map((s) => `${s.labels.pod}/${s.labels.container}`));
      expect([...containers].sort()).toEqual(limited.sort());
    }
    expect(series(families, 'container_cpu_cfs_periods_total', { container: 'log-shipper' })).toHaveLength(0);
    const gateway = { pod: 'gateway-5c7d9-x2x8q', container: 'gateway' };
    expect(one(families, 'container_spec_cpu_quota', gateway) / one(families, 'container_spec_cpu_period', gateway)).toBe(0.5);
  });

  it('throttles as the model says: Δthrottled periods / Δperiods, throttled seconds, usage', async () => {
    const { node, clock, advance } = nodeForTest({ pods: [throttledPod] });
    await advance(HOUR);
    const from = clock.now();
    const a = scrape(node).families;
    await advance(10 * 60_000);
    const b = scrape(node).families;
    const to = clock.now();
    const delta = (name: string) => one(b, name, { container: 'gateway' }) - one(a, name, { container: 'gateway' });

    const gateway = [...node.pods.values()][0]!.containers[0]!;
    const expected = expectedCpu(gateway.profile, 0.5, from, to);
    const seconds = (to - from) / 1000;
    expect(delta('container_cpu_usage_seconds_total') / seconds).toBeCloseTo(expected.usageCores, 9);
    expect(delta('container_cpu_cfs_periods_total') / seconds).toBeCloseTo(10, 1);
    const ratio = delta('container_cpu_cfs_throttled_periods_total') / delta('container_cpu_cfs_periods_total');
    expect(ratio).toBeCloseTo(expected.throttledRatio, 3);
    expect(ratio).toBeGreaterThan(0.15);
    expect(ratio).toBeLessThan(0.35);
    expect(delta('container_cpu_cfs_throttled_seconds_total') / seconds).toBeCloseTo(expected.throttledSecondsPerSecond, 6);
    // Self-consistent: each throttled period waits for a share of its 100 ms.
    const waitPerThrottledPeriod = delta('container_cpu_cfs_throttled_seconds_total') / delta('container_cpu_cfs_throttled_periods_total');
    expect(waitPerThrottledPeriod).toBeGreaterThan(0);
    expect(waitPerThrottledPeriod).toBeLessThanOrEqual(0.1);
  });

  it('keeps every counter monotonic between scrapes of a pod that does not restart', async () => {
    const { node, advance } = nodeForTest({ pods: realisticPods('sim-node-0', 8) });
    await advance(HOUR);
    const a = scrape(node).families;
    await advance(5 * 60_000);
    const b = scrape(node).families;
    let compared = 0;
    for (const family of b.values()) {
      if (family.type !== 'counter') continue;
      const before = new Map(a.get(family.name)?.samples.map((s) => [JSON.stringify(s.labels), s.value]));
      for (const sample of family.samples) {
        const previous = before.get(JSON.stringify(sample.labels));
        if (previous === undefined) continue;
        expect(sample.value, `${family.name} ${JSON.stringify(sample.labels)}`).toBeGreaterThanOrEqual(previous);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('answers 0.5–2 MB for a realistic node of 25 pods, rendered in well under a second', async () => {
    const { node, advance } = nodeForTest({ pods: realisticPods('sim-node-0', 25) });
    await advance(HOUR);
    const started = performance.now();
    const { text } = scrape(node);
    const elapsedMs = performance.now() - started;
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeGreaterThan(0.5 * 1024 * 1024);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(elapsedMs).toBeLessThan(500);
  });

  it('serves one cached text per sample time', async () => {
    const { node, advance } = nodeForTest({ pods: [throttledPod] });
    await advance(HOUR);
    expect(node.render('cadvisor')).toBe(node.render('cadvisor'));
    const before = node.render('cadvisor');
    await advance(1000);
    expect(node.render('cadvisor')).not.toBe(before);
  });

  // The reference scrapes (shared/reference/kubelet/), as committed beside the metrics parser's tests.
  const reference = fileURLToPath(new URL('../../../agent-core/metrics/fixtures', import.meta.url));
  it('agrees with the reference scrapes: they parse, and the model reproduces their rates', () => {
    const [a, b] = ['a', 'b'].map((x) => parseExposition(readFileSync(`${reference}/cadvisor-${x}.prom`, 'utf8')));
    const value = (f: Map<string, MetricFamily>, name: string) => f.get(name)!.samples[0]!;
    const seconds = (value(b!, 'container_cpu_usage_seconds_total').timestampMs! - value(a!, 'container_cpu_usage_seconds_total').timestampMs!) / 1000;
    const delta = (name: string) => value(b!, name).value - value(a!, name).value;
    const limit = value(a!, 'container_spec_cpu_quota').value / value(a!, 'container_spec_cpu_period').value;
    const usage = delta('container_cpu_usage_seconds_total') / seconds;
    const model = cfsRates(usage, limit);
    expect(model.periodsPerSecond).toBeCloseTo(delta('container_cpu_cfs_periods_total') / seconds, 9);
    expect(model.throttledPeriodsPerSecond / model.periodsPerSecond).toBeCloseTo(
      delta('container_cpu_cfs_throttled_periods_total') / delta('container_cpu_cfs_periods_total'),
      9,
    );
    expect(model.throttledSecondsPerSecond).toBeCloseTo(delta('container_cpu_cfs_throttled_seconds_total') / seconds, 9);
  });
});
