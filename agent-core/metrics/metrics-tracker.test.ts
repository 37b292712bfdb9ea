import { describe, expect, it } from 'vitest';
import { parseCadvisor } from './cadvisor-parse.ts';
import { containerKey } from './container-key.ts';
import type { ContainerMinute } from './container-minute.ts';
import { cadvisorAnswer, summaryAnswer, type CfsState, type ContainerState } from './fixtures/kubelet-answers.ts';
import { REFERENCE_APP, REFERENCE_NODE, referenceCadvisorA, referenceCadvisorB, referenceSummary, referenceSummaryLater } from './fixtures/reference-scrapes.ts';
import { MetricsTracker, type NodeCycleRecords } from './metrics-tracker.ts';
import { parseSummary } from './summary-parse.ts';

const NODE = 'n1';
const T0_MS = Date.parse('2026-01-15T12:00:04Z');
const iso = (ms: number) => new Date(ms).toISOString();
const minuteOf = (text: string) => Date.parse(text);

function cycle(tracker: MetricsTracker, summary: string | null, cadvisor: string | null, nodeCpuCapacityCores?: number): NodeCycleRecords {
  return tracker.ingest({
    node: NODE,
    summary: summary === null ? null : parseSummary(NODE, summary),
    cadvisor: cadvisor === null ? null : parseCadvisor(NODE, cadvisor),
    nodeCpuCapacityCores,
  });
}

/** The problems about containers, leaving out those about the node totals. */
const containerProblems = (records: NodeCycleRecords) => records.problems.filter((problem) => problem.subject !== null);

const recordOf = (records: NodeCycleRecords, container = 'app', pod = 'web'): ContainerMinute | undefined =>
  records.containers.find((record) => record.container === container && record.pod === pod);

/** A container using `cores` steadily, with a 0.5-core limit that throttles a quarter of its periods. */
function steady(atSeconds: number, cores = 0.25, overrides: Partial<ContainerState & CfsState> = {}) {
  const ms = T0_MS + atSeconds * 1000;
  const summary: ContainerState = { pod: 'web', container: 'app', time: iso(ms), usageCoreNanoSeconds: 2_700e9 + cores * atSeconds * 1e9, ...overrides };
  const periods = 60_000 + 10 * atSeconds;
  const cadvisor: CfsState = {
    pod: 'web',
    container: 'app',
    timestampMs: ms,
    usageSeconds: 2_700 + cores * atSeconds,
    cfs: { periods, throttledPeriods: 1_500 + 2.5 * atSeconds, throttledSeconds: 22.5 + 0.0375 * atSeconds, quota: 50_000 },
    ...overrides,
  };
  return { summary, cadvisor };
}

function steadyCycle(tracker: MetricsTracker, atSeconds: number, cores?: number, overrides?: Partial<ContainerState & CfsState>, capacity?: number) {
  const { summary, cadvisor } = steady(atSeconds, cores, overrides);
  return cycle(tracker, summaryAnswer(NODE, [summary]), cadvisorAnswer([cadvisor]), capacity);
}

describe('MetricsTracker with the reference scrapes', () => {
  const ingestReference = (tracker: MetricsTracker, summary: string | null, cadvisor: string) =>
    tracker.ingest({
      node: REFERENCE_NODE,
      summary: summary === null ? null : parseSummary(REFERENCE_NODE, summary),
      cadvisor: parseCadvisor(REFERENCE_NODE, cadvisor),
      nodeCpuCapacityCores: 4,
    });

  it('gives exactly the documented figures: 0.25 cores, ratio 0.25, 0.0375 throttled s/s, limit 0.5', () => {
    const tracker = new MetricsTracker();
    const first = ingestReference(tracker, referenceSummary, referenceCadvisorA);
    const second = ingestReference(tracker, referenceSummaryLater(60, { app: 0.25, 'istio-proxy': 0.012 }), referenceCadvisorB);

    expect(first.problems).toEqual([]);
    expect(recordOf(first, 'app', REFERENCE_APP.pod)).toEqual({
      ...REFERENCE_APP,
      minute: minuteOf('2026-01-15T12:00:00Z'),
      cpuCores: null,
      memoryWorkingSetBytes: 268435456,
      memoryRssBytes: 209715200,
      memoryUsageBytes: 314572800,
      throttledRatio: null,
      throttledSecondsPerSecond: null,
      cpuLimitCoresFromCgroup: 0.5,
      restarted: false,
    });
    expect(second.problems).toEqual([]);
    expect(recordOf(second, 'app', REFERENCE_APP.pod)).toMatchObject({
      minute: minuteOf('2026-01-15T12:01:00Z'),
      cpuCores: 0.25,
      throttledRatio: 0.25,
      throttledSecondsPerSecond: 0.0375,
      cpuLimitCoresFromCgroup: 0.5,
      restarted: false,
    });
    const sidecar = recordOf(second, 'istio-proxy', REFERENCE_APP.pod)!;
    expect(sidecar.cpuCores).toBeCloseTo(0.012, 12);
    expect(sidecar).toMatchObject({ throttledRatio: null, throttledSecondsPerSecond: null, cpuLimitCoresFromCgroup: null });
    expect(second.nodeMinute).toMatchObject({ node: REFERENCE_NODE, minute: minuteOf('2026-01-15T12:01:00Z'), memoryWorkingSetBytes: 2147483648 });
    expect(second.nodeMinute!.cpuCores).toBeCloseTo(0.262, 12);
  });

  it('gives the same figures from cAdvisor alone when the Summary API answer is missing', () => {
    const tracker = new MetricsTracker();
    ingestReference(tracker, null, referenceCadvisorA);
    const second = ingestReference(tracker, null, referenceCadvisorB);
    expect(second.containers).toEqual([
      expect.objectContaining({ minute: minuteOf('2026-01-15T12:01:00Z'), cpuCores: 0.25, throttledRatio: 0.25, throttledSecondsPerSecond: 0.0375, memoryWorkingSetBytes: null }),
    ]);
    expect(second.nodeMinute).toBeNull();
  });
});

describe('MetricsTracker minutes', () => {
  it('dates records by the kubelet sample time, not by when the scrape ran', () => {
    const tracker = new MetricsTracker();
    // A scrape at 12:02:30 that the kubelet answers with its 12:01:58.9 sample belongs to 12:01.
    const record = recordOf(cycle(tracker, summaryAnswer(NODE, [{ pod: 'web', container: 'app', time: '2026-01-15T12:01:58.900000001Z', usageCoreNanoSeconds: 1 }]), null))!;
    expect(record.minute).toBe(minuteOf('2026-01-15T12:01:00Z'));
  });
});

describe('MetricsTracker across a restart', () => {
  it('gives no negative rate and flags the restart when the counters start again', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0);
    const restarted = steadyCycle(tracker, 60, 0.25, {
      startTime: '2026-01-15T12:00:30Z',
      usageCoreNanoSeconds: 5e9,
      usageSeconds: 5,
      cfs: { periods: 300, throttledPeriods: 10, throttledSeconds: 0.1, quota: 50_000 },
    });
    expect(recordOf(restarted)).toMatchObject({ cpuCores: null, throttledRatio: null, throttledSecondsPerSecond: null, cpuLimitCoresFromCgroup: 0.5, restarted: true });
    expect(containerProblems(restarted)).toMatchObject([{ kind: 'restart', subject: 'ns/web/app', message: expect.stringMatching(/^Node "n1": ns\/web\/app: restarted: it started again \(startTime 2026-01-15T09:00:00Z → 2026-01-15T12:00:30Z\)/) }]);

    // The next interval is measured from the first sample after the restart.
    const after = steadyCycle(tracker, 120, 0.25, {
      startTime: '2026-01-15T12:00:30Z',
      usageCoreNanoSeconds: 5e9 + 30e9,
      usageSeconds: 35,
      cfs: { periods: 900, throttledPeriods: 160, throttledSeconds: 2.35, quota: 50_000 },
    });
    expect(recordOf(after)).toMatchObject({ cpuCores: 0.5, throttledRatio: 0.25, throttledSecondsPerSecond: 0.0375, restarted: false });
    expect(after.problems).toEqual([]);
  });

  it('gives no huge rate when the restarted counter has already passed its old value', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0, 0.25, { usageCoreNanoSeconds: 1e9, usageSeconds: 1 });
    const restarted = steadyCycle(tracker, 60, 0.25, { startTime: '2026-01-15T12:00:10Z', usageCoreNanoSeconds: 40e9, usageSeconds: 40 });
    expect(recordOf(restarted)).toMatchObject({ cpuCores: null, restarted: true });
  });

  it('flags a restart seen only in cAdvisor: a counter went down', () => {
    const tracker = new MetricsTracker();
    const { cadvisor } = steady(0);
    cycle(tracker, null, cadvisorAnswer([cadvisor]));
    const later = cycle(tracker, null, cadvisorAnswer([{ ...cadvisor, timestampMs: T0_MS + 60_000, usageSeconds: 3, cfs: { ...cadvisor.cfs!, periods: 10, throttledPeriods: 1, throttledSeconds: 0.01 } }]));
    expect(recordOf(later)).toMatchObject({ cpuCores: null, throttledRatio: null, restarted: true });
    expect(later.problems[0]?.message).toMatch(/restarted: its container_cpu_usage_seconds_total went down/);
  });

  it('flags a restart when the container runs in a new cgroup', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0);
    expect(recordOf(steadyCycle(tracker, 60, 0.25, { cgroup: '/kubepods/web/app-2' }))).toMatchObject({ cpuCores: null, restarted: true });
  });

  it('flags a restart when the pod was recreated under the same name', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0);
    const recreated = steadyCycle(tracker, 60, 0.25, { podUid: 'another-uid' });
    expect(recordOf(recreated)).toMatchObject({ cpuCores: null, restarted: true });
    expect(recreated.problems[0]?.message).toMatch(/the pod was recreated \(uid uid-web → another-uid\)/);
  });
});

describe('MetricsTracker with samples that did not advance', () => {
  it('emits no record for a sample served again (Δt = 0), then rates from the last real one', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0);
    const again = steadyCycle(tracker, 0);
    expect(again.containers).toEqual([]);
    expect(containerProblems(again)).toMatchObject([{ kind: 'stale-sample', message: expect.stringMatching(/same sample again \(Δt = 0\)/) }]);
    expect(recordOf(steadyCycle(tracker, 60))).toMatchObject({ cpuCores: 0.25, throttledRatio: 0.25 });
  });

  it('emits no record when the kubelet sample time went back (Δt < 0)', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 60);
    const back = steadyCycle(tracker, 30);
    expect(back.containers).toEqual([]);
    expect(back.problems[0]?.message).toMatch(/sample time went back by 30 s/);
  });

  it('rates nothing over Δt ≤ 0 for the node totals either', () => {
    const tracker = new MetricsTracker();
    const body = summaryAnswer(NODE, [], { time: '2026-01-15T12:00:04Z', usageCoreNanoSeconds: 1e12 });
    cycle(tracker, body, null);
    const again = cycle(tracker, body, null);
    expect(again.nodeMinute).toBeNull();
    expect(again.problems).toMatchObject([{ kind: 'stale-sample', subject: null }]);
  });

  it('leaves throttling unrated when only cAdvisor did not advance', () => {
    const tracker = new MetricsTracker();
    const first = steady(0);
    cycle(tracker, summaryAnswer(NODE, [first.summary]), cadvisorAnswer([first.cadvisor]));
    const later = cycle(tracker, summaryAnswer(NODE, [steady(60).summary]), cadvisorAnswer([first.cadvisor]));
    expect(recordOf(later)).toMatchObject({ cpuCores: 0.25, throttledRatio: null, throttledSecondsPerSecond: null });
    expect(later.problems.map((p) => p.kind)).toEqual(['stale-sample']);
  });
});

describe('MetricsTracker without a CPU limit', () => {
  it('gives a null throttled ratio and limit, and no problem', () => {
    const tracker = new MetricsTracker();
    const unlimited = (at: number) => steady(at, 0.25, { cfs: undefined });
    cycle(tracker, summaryAnswer(NODE, [unlimited(0).summary]), cadvisorAnswer([unlimited(0).cadvisor]));
    const later = cycle(tracker, summaryAnswer(NODE, [unlimited(60).summary]), cadvisorAnswer([unlimited(60).cadvisor]));
    expect(recordOf(later)).toMatchObject({ cpuCores: 0.25, throttledRatio: null, throttledSecondsPerSecond: null, cpuLimitCoresFromCgroup: null });
    expect(later.problems).toEqual([]);
  });

  it('ignores CFS counters that linger after the quota was removed (quota -1)', () => {
    const tracker = new MetricsTracker();
    const withoutQuota = (at: number) => {
      const state = steady(at);
      return { ...state, cadvisor: { ...state.cadvisor, cfs: { ...state.cadvisor.cfs!, quota: -1 } } };
    };
    cycle(tracker, null, cadvisorAnswer([withoutQuota(0).cadvisor]));
    expect(recordOf(cycle(tracker, null, cadvisorAnswer([withoutQuota(60).cadvisor])))).toMatchObject({ throttledRatio: null, cpuLimitCoresFromCgroup: null });
  });

  it('gives a null ratio when no CFS period elapsed', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0);
    const idle = steadyCycle(tracker, 60, 0, { cfs: { periods: 60_000, throttledPeriods: 1_500, throttledSeconds: 22.5, quota: 50_000 } });
    expect(recordOf(idle)).toMatchObject({ cpuCores: 0, throttledRatio: null, throttledSecondsPerSecond: 0 });
    expect(idle.problems).toEqual([]);
  });
});

describe('MetricsTracker with absurd values', () => {
  it('drops a rate beyond the node capacity and reports it', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0, 0, {}, 4);
    const absurd = steadyCycle(tracker, 60, 100, {}, 4);
    expect(recordOf(absurd)).toMatchObject({ cpuCores: null, restarted: false });
    expect(containerProblems(absurd)).toMatchObject([{ kind: 'absurd-value', message: expect.stringMatching(/CPU usage of 100 is beyond what the node can deliver \(at most 5\); dropped/) }]);
  });

  it('keeps a rate just above capacity, which whole-second sample times can produce', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0, 0, {}, 4);
    expect(recordOf(steadyCycle(tracker, 60, 4.1, {}, 4))?.cpuCores).toBeCloseTo(4.1, 9);
  });

  it('bounds rates even when the capacity is unknown', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0);
    expect(recordOf(steadyCycle(tracker, 60, 5_000))?.cpuCores).toBeNull();
  });

  it('drops a throttled ratio whose counters contradict each other', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0);
    const odd = steadyCycle(tracker, 60, 0.25, { cfs: { periods: 60_100, throttledPeriods: 1_700, throttledSeconds: 25, quota: 50_000 } });
    expect(recordOf(odd)?.throttledRatio).toBeNull();
    expect(odd.problems).toMatchObject([{ kind: 'absurd-value' }]);
  });
});

describe('MetricsTracker memory', () => {
  it('forgets containers not seen for the configured number of cycles, per node', () => {
    const tracker = new MetricsTracker({ forgetAfterCycles: 2 });
    cycle(tracker, summaryAnswer(NODE, [steady(0).summary, { ...steady(0).summary, pod: 'gone' }]), null);
    expect(tracker.trackedContainerCount).toBe(2);
    steadyCycle(tracker, 60);
    expect(tracker.trackedContainerCount).toBe(2);
    steadyCycle(tracker, 120);
    expect(tracker.trackedContainerCount).toBe(1);
    tracker.forgetNode(NODE);
    expect(tracker.trackedContainerCount).toBe(0);
  });

  it('keeps the baseline across a failed fetch, so the next rate spans the gap', () => {
    const tracker = new MetricsTracker();
    steadyCycle(tracker, 0);
    expect(cycle(tracker, null, null).containers).toEqual([]);
    expect(recordOf(steadyCycle(tracker, 120))).toMatchObject({ cpuCores: 0.25, throttledRatio: 0.25, minute: minuteOf('2026-01-15T12:02:00Z') });
  });

  it('rejects a nonsensical forgetAfterCycles', () => {
    expect(() => new MetricsTracker({ forgetAfterCycles: 0 })).toThrow(RangeError);
  });
});

describe('MetricsTracker problems', () => {
  it('passes on the problems of both answers, the rest of each answer still used', () => {
    const tracker = new MetricsTracker();
    const nodeTotals = { nodeName: NODE, cpu: { time: '2026-01-15T12:00:04Z', usageCoreNanoSeconds: 1 } };
    const summary = JSON.stringify({ node: nodeTotals, pods: [{ podRef: { name: 'web', namespace: 'ns' }, containers: [{ name: 'app', cpu: { time: 'soon' } }] }] });
    const cadvisor = `${cadvisorAnswer([steady(0).cadvisor])}container_spec_cpu_quota{container="x" broken} 1\n`;
    const records = cycle(tracker, summary, cadvisor);
    expect(records.containers.map(containerKey)).toEqual(['ns/web/app']);
    expect(records.problems.map((p) => p.kind)).toEqual(['malformed-entry', 'malformed-entry']);
  });

  it('refuses an answer of another node', () => {
    expect(() => new MetricsTracker().ingest({ node: 'n2', summary: parseSummary('n1', referenceSummary), cadvisor: null })).toThrow(/node "n1"/);
  });
});
