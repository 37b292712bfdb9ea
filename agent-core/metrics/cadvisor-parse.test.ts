import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { CADVISOR_FAMILY_NAMES } from './cadvisor-families.ts';
import { parseCadvisor } from './cadvisor-parse.ts';
import { containerKey } from './container-key.ts';
import { familyLineFilter } from './family-line-filter.ts';
import { REFERENCE_APP, REFERENCE_NODE, referenceCadvisorA } from './fixtures/reference-scrapes.ts';
import { syntheticCadvisor } from './fixtures/synthetic-cadvisor.ts';
import { KubeletDataError } from './metrics-problem.ts';

const series = (name: string, labels: string, value: string, timestamp = ' 1768478404000') => `${name}{${labels}} ${value}${timestamp}`;
const LABELS = 'container="app",id="/kubepods/pod1/abc",image="img",name="abc",namespace="shop",pod="web-1"';

describe('parseCadvisor', () => {
  it('reads the CPU, throttling and quota series of the reference scrape', () => {
    const cadvisor = parseCadvisor(REFERENCE_NODE, referenceCadvisorA);

    expect(cadvisor.problems).toEqual([]);
    expect(cadvisor.containers).toEqual([
      {
        ...REFERENCE_APP,
        cgroupId: '/kubepods/burstable/pod3f1c2b7e-0000-4000-8000-000000000001/0123abcd',
        cpuUsageSeconds: { value: 2700, timestampMs: 1768478404000 },
        cfsPeriods: { value: 60000, timestampMs: 1768478404000 },
        cfsThrottledPeriods: { value: 1500, timestampMs: 1768478404000 },
        cfsThrottledSeconds: { value: 22.5, timestampMs: 1768478404000 },
        cpuQuota: { value: 50000, timestampMs: null },
        cpuPeriod: { value: 100000, timestampMs: null },
      },
    ]);
  });

  it('reads a Buffer as well as a string', () => {
    expect(parseCadvisor(REFERENCE_NODE, Buffer.from(referenceCadvisorA)).containers).toHaveLength(1);
  });

  it('skips the pod cgroup (container=""), the sandbox (container="POD"), system cgroups and per-CPU usage', () => {
    const text = [
      series('container_cpu_usage_seconds_total', 'container="",id="/kubepods/pod1",image="",name="",namespace="shop",pod="web-1"', '9'),
      series('container_cpu_usage_seconds_total', 'container="POD",id="/kubepods/pod1/pause",image="pause",name="pause",namespace="shop",pod="web-1"', '9'),
      series('container_cpu_usage_seconds_total', 'container="",id="/system.slice/kubelet.service",image="",name="",namespace="",pod=""', '9'),
      series('container_cpu_usage_seconds_total', 'id="/"', '9'),
      series('container_cpu_usage_seconds_total', `${LABELS},cpu="cpu00"`, '9'),
      series('container_cpu_usage_seconds_total', `${LABELS},cpu="total"`, '1.5'),
    ].join('\n');
    const { containers } = parseCadvisor('n1', text);
    expect(containers.map(containerKey)).toEqual(['shop/web-1/app']);
    expect(containers[0]!.cpuUsageSeconds).toEqual({ value: 1.5, timestampMs: 1768478404000 });
  });

  it('falls back to container_name and pod_name on kubelets older than 1.16', () => {
    const legacy = 'container_name="app",id="/kubepods/pod1/abc",image="img",name="k8s_app",namespace="shop",pod_name="web-1"';
    const text = [
      series('container_cpu_cfs_throttled_periods_total', legacy, '150'),
      series('container_cpu_cfs_periods_total', legacy, '600'),
      series('container_cpu_cfs_periods_total', 'container_name="POD",id="/kubepods/pod1/p",namespace="shop",pod_name="web-1"', '600'),
    ].join('\n');
    const { containers } = parseCadvisor('n1', text);
    expect(containers).toMatchObject([{ namespace: 'shop', pod: 'web-1', container: 'app', cfsPeriods: { value: 600 }, cfsThrottledPeriods: { value: 150 } }]);
  });

  it('leaves the throttling series null for a container without a CPU limit', () => {
    const { containers } = parseCadvisor('n1', series('container_cpu_usage_seconds_total', `${LABELS},cpu="total"`, '3'));
    expect(containers[0]).toMatchObject({ cfsPeriods: null, cfsThrottledPeriods: null, cfsThrottledSeconds: null, cpuQuota: null, cpuPeriod: null });
  });

  it('keeps the cgroup with the newest samples when a restarted container lingers under its old one', () => {
    const text = [
      series('container_cpu_usage_seconds_total', `${LABELS.replace('abc', 'old')},cpu="total"`, '500', ' 1768478400000'),
      series('container_cpu_usage_seconds_total', `${LABELS.replace('abc', 'new')},cpu="total"`, '2', ' 1768478404000'),
    ].join('\n');
    const cadvisor = parseCadvisor('n1', text);
    expect(cadvisor.containers).toMatchObject([{ cgroupId: '/kubepods/pod1/new', cpuUsageSeconds: { value: 2 } }]);
    expect(cadvisor.problems).toMatchObject([{ kind: 'duplicate-container', subject: 'shop/web-1/app' }]);
  });

  it('skips and reports malformed lines and samples, keeping the rest', () => {
    const other = LABELS.replace('web-1', 'web-2');
    const text = [
      '# TYPE container_cpu_cfs_periods_total counter',
      series('container_cpu_cfs_periods_total', LABELS, '600'),
      'container_cpu_cfs_periods_total{container="app" namespace="shop"} 5',
      series('container_cpu_cfs_periods_total', other, '700'),
      '# TYPE container_cpu_cfs_throttled_periods_total counter',
      series('container_cpu_cfs_throttled_periods_total', LABELS, 'lots'),
      series('container_cpu_cfs_throttled_periods_total', other, '70', ' soon'),
      series('container_cpu_cfs_throttled_periods_total', LABELS.replace('web-1', 'web-3'), 'NaN'),
      'container_cpu_cfs_throttled_seconds_total{container="app",namespace="shop",pod="web-1 3',
    ].join('\n');
    const cadvisor = parseCadvisor('worker-3', text);

    expect(cadvisor.containers.map((c) => [containerKey(c), c.cfsPeriods?.value, c.cfsThrottledPeriods])).toEqual([
      ['shop/web-1/app', 600, null],
      ['shop/web-2/app', 700, null],
    ]);
    expect(cadvisor.problems.every((p) => p.kind === 'malformed-entry' && p.node === 'worker-3')).toBe(true);
    expect(cadvisor.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Node "worker-3": the cAdvisor metrics \(\/metrics\/cadvisor\) line "container_cpu_cfs_periods_total\{container=\\"app\\" namespace=.*" is not valid Prometheus text; line skipped\.$/),
      expect.stringMatching(/container_cpu_cfs_throttled_periods_total for shop\/web-1\/app: the value "lots" is not a finite number; sample skipped/),
      expect.stringMatching(/shop\/web-2\/app: the timestamp "soon" is not whole milliseconds/),
      expect.stringMatching(/shop\/web-3\/app: the value "NaN" is not a finite number/),
    ]);
  });

  it('lists a bounded number of problems however garbled the answer', () => {
    const garbled = Array.from({ length: 500 }, (_, i) => `container_spec_cpu_quota{container="c${i}" oops} 1`).join('\n');
    const { problems } = parseCadvisor('n1', garbled);
    expect(problems.length).toBeLessThanOrEqual(51);
    expect(problems.at(-1)).toMatchObject({ kind: 'more-problems', message: 'Node "n1": 450 more problems like the ones above were not listed.' });
  });

  it.each([
    ['an HTML error page', '<html><body>Service Unavailable</body></html>', /the body begins "<html>/],
    ['a JSON Status', '{"kind":"Status","status":"Failure","code":403}', /the body begins "\{\\"kind\\"/],
    ['an empty body', '  \n', /the body is empty/],
  ])('throws an error naming the node for %s', (_, body, detail) => {
    const parse = () => parseCadvisor('worker-9', body);
    expect(parse).toThrow(KubeletDataError);
    expect(parse).toThrow(/^Node "worker-9": the cAdvisor metrics \(\/metrics\/cadvisor\) answer is not Prometheus text; /);
    expect(parse).toThrow(detail);
  });

  it('reads a 2 MB answer with every usual cAdvisor family and finds exactly its containers', () => {
    const body = syntheticCadvisor(2_000_000);
    const cadvisor = parseCadvisor('n1', body.text);

    expect(body.text.length).toBeGreaterThanOrEqual(2_000_000);
    expect(cadvisor.problems).toEqual([]);
    expect(cadvisor.containers.map(containerKey).sort()).toEqual(body.containers.map(containerKey).sort());
    for (const container of cadvisor.containers) {
      const expected = body.containers.find((c) => containerKey(c) === containerKey(container))!;
      expect(container.cpuUsageSeconds).not.toBeNull();
      expect(container.cfsPeriods !== null).toBe(expected.hasCpuLimit);
      expect(container.cpuQuota?.value ?? null).toBe(expected.hasCpuLimit ? 50000 : null);
    }
  });

  it('costs a few milliseconds for 2 MB, next to splitting it into lines (printed, not asserted)', () => {
    const { text } = syntheticCadvisor(2_000_000);
    const buffer = Buffer.from(text);
    const keepFamilyLines = familyLineFilter(CADVISOR_FAMILY_NAMES);
    // Warm up first: in the app the same code runs for every node every minute, so steady state is what counts.
    const median = (run: () => unknown, runs = 50): number => {
      for (let i = 0; i < runs; i += 1) run();
      const times = Array.from({ length: runs }, () => {
        const start = performance.now();
        run();
        return performance.now() - start;
      }).sort((a, b) => a - b);
      return times[Math.floor(runs / 2)]!;
    };
    const figures = {
      'split into lines': median(() => text.split('\n')),
      'line filter only': median(() => keepFamilyLines(text)),
      'parseCadvisor(string)': median(() => parseCadvisor('n1', text)),
      'parseCadvisor(Buffer)': median(() => parseCadvisor('n1', buffer)),
      'whole body through the parser, unfiltered': median(() => parsePrometheusTextFormat(text), 1),
    };
    const lines = Object.entries(figures).map(([what, ms]) => `  ${what}: ${ms.toFixed(2)} ms`);
    console.log(`cAdvisor answer of ${(text.length / 1e6).toFixed(2)} MB, ${text.split('\n').length} lines (medians):\n${lines.join('\n')}`);
    expect(Object.values(figures).every((ms) => ms >= 0)).toBe(true);
  });
});
