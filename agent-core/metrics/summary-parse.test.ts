import { describe, expect, it } from 'vitest';
import { REFERENCE_NODE, referenceSummary } from './fixtures/reference-scrapes.ts';
import { KubeletDataError } from './metrics-problem.ts';
import { parseSummary } from './summary-parse.ts';

const summaryWith = (pods: unknown[], node: unknown = { nodeName: 'n1' }): string => JSON.stringify({ node, pods });
const container = (name: string, extra: object = {}) => ({
  name,
  startTime: '2026-01-15T09:00:02Z',
  cpu: { time: '2026-01-15T12:00:04Z', usageCoreNanoSeconds: 1e9 },
  memory: { time: '2026-01-15T12:00:04Z', workingSetBytes: 1, rssBytes: 2, usageBytes: 3 },
  ...extra,
});
const pod = (name: string, containers: unknown[], uid = `uid-${name}`) => ({ podRef: { name, namespace: 'ns', uid }, containers });

describe('parseSummary', () => {
  it('reads the reference answer: containers, their samples and the node totals', () => {
    const summary = parseSummary(REFERENCE_NODE, referenceSummary);

    expect(summary.problems).toEqual([]);
    expect(summary.containers.map((c) => c.container)).toEqual(['app', 'istio-proxy']);
    const app = summary.containers[0]!;
    expect(app).toMatchObject({ namespace: 'shop', pod: 'web-7d9f8b6c5-abcde', podUid: '3f1c2b7e-0000-4000-8000-000000000001', container: 'app' });
    expect(app.startTime?.text).toBe('2026-01-15T09:00:02Z');
    expect(app.cpu).toEqual({
      time: { text: '2026-01-15T12:00:04Z', ns: 1_768_478_404_000_000_000n },
      usageCoreNanoSeconds: 2_700_000_000_000,
      usageNanoCores: 250_000_000,
    });
    expect(app.memory).toMatchObject({ workingSetBytes: 268435456, rssBytes: 209715200, usageBytes: 314572800, availableBytes: 268435456 });
    expect(summary.containers[1]!.memory?.availableBytes).toBeNull();
    expect(summary.nodeStats).toMatchObject({ nodeName: 'node-a', cpu: { usageCoreNanoSeconds: 123456789012345 }, memory: { workingSetBytes: 2147483648 } });
  });

  it('keeps the nanoseconds of sample times', () => {
    const body = summaryWith([pod('p', [container('c', { cpu: { time: '2026-01-15T12:00:04.123456789Z', usageCoreNanoSeconds: 5 } })])]);
    const [parsed] = parseSummary('n1', body).containers;
    expect(parsed!.cpu!.time.ns).toBe(1_768_478_404_123_456_789n);
    expect(parsed!.cpu!.time.text).toBe('2026-01-15T12:00:04.123456789Z');
  });

  it('reads a Buffer as well as a string', () => {
    expect(parseSummary(REFERENCE_NODE, Buffer.from(referenceSummary)).containers).toHaveLength(2);
  });

  it('ignores unknown fields and accepts missing or null optional ones', () => {
    const body = JSON.stringify({
      node: { nodeName: 'n1', systemContainers: [], fs: {}, cpu: null },
      pods: [
        { podRef: { name: 'p', namespace: 'ns' }, containers: [{ name: 'c', rootfs: {}, logs: {}, cpu: { time: null }, accelerators: [] }], volume: [] },
        { podRef: { name: 'q', namespace: 'ns', uid: 'u' }, containers: null },
      ],
    });
    const summary = parseSummary('n1', body);
    expect(summary.problems).toEqual([]);
    expect(summary.containers).toEqual([{ namespace: 'ns', pod: 'p', podUid: null, container: 'c', startTime: null, cpu: null, memory: null }]);
    expect(summary.nodeStats).toEqual({ nodeName: 'n1', startTime: null, cpu: null, memory: null });
  });

  it('treats "pods": null (a node without pods) as no pods', () => {
    expect(parseSummary('n1', JSON.stringify({ node: { nodeName: 'n1' }, pods: null })).containers).toEqual([]);
  });

  it('throws an error naming the node when the answer is not JSON', () => {
    const parse = () => parseSummary('worker-7', '<html><body>502 Bad Gateway</body></html>');
    expect(parse).toThrow(KubeletDataError);
    expect(parse).toThrow(/Node "worker-7": the Summary API \(\/stats\/summary\) answer is not JSON .*the body begins "<html>/);
  });

  it('throws an error naming the node when the answer is JSON of another shape', () => {
    expect(() => parseSummary('worker-7', JSON.stringify({ kind: 'Status', pods: 'none' }))).toThrow(/Node "worker-7": .* not a summary: pods: Expected array/);
    expect(() => parseSummary('worker-7', '[]')).toThrow(/Node "worker-7"/);
  });

  it('skips and reports a malformed pod or container, keeping the rest', () => {
    const body = summaryWith([
      pod('good', [container('a'), container('b', { cpu: { time: 'noon', usageCoreNanoSeconds: 1 } }), container('c', { memory: { time: '2026-01-15T12:00:04Z', workingSetBytes: -5 } })]),
      { podRef: { name: 'broken', namespace: 'ns' }, containers: 'not a list' },
      { nothing: true },
      pod('also-good', [container('d'), 42]),
    ]);
    const summary = parseSummary('n1', body);

    expect(summary.containers.map((c) => `${c.pod}/${c.container}`)).toEqual(['good/a', 'also-good/d']);
    const messages = summary.problems.map((p) => p.message);
    expect(summary.problems.every((p) => p.kind === 'malformed-entry' && p.node === 'n1')).toBe(true);
    expect(messages).toEqual([
      expect.stringMatching(/^Node "n1": .*pod ns\/good, container #1 is malformed \(cpu\.time: "noon" is not an RFC 3339 time\); container skipped\.$/),
      expect.stringMatching(/pod ns\/good, container #2 is malformed \(memory\.workingSetBytes: Number must be greater than or equal to 0\)/),
      expect.stringMatching(/pod #1 \(ns\/broken\) is malformed \(containers: Expected array, received string\); pod skipped/),
      expect.stringMatching(/pod #2 is malformed \(podRef: Required\)/),
      expect.stringMatching(/pod ns\/also-good, container #1 is malformed/),
    ]);
  });

  it('keeps the containers when the node section is malformed, and says so', () => {
    const summary = parseSummary('n1', summaryWith([pod('p', [container('c')])], { nodeName: 'n1', cpu: { time: 7 } }));
    expect(summary.containers).toHaveLength(1);
    expect(summary.nodeStats).toBeNull();
    expect(summary.problems[0]?.message).toMatch(/node section is malformed \(cpu\.time: Expected string, received number\)/);
  });

  it('reports an answer for another node', () => {
    expect(parseSummary('n2', summaryWith([])).problems).toMatchObject([{ kind: 'node-mismatch', message: expect.stringMatching(/Node "n2": .* is for node "n1"/) }]);
  });

  it('keeps the newer of two pods listed under one name', () => {
    const older = pod('db-0', [container('db', { startTime: '2026-01-15T09:00:00Z' })], 'old');
    const newer = pod('db-0', [container('db', { startTime: '2026-01-15T11:00:00Z' })], 'new');
    const summary = parseSummary('n1', summaryWith([newer, older]));
    expect(summary.containers.map((c) => c.podUid)).toEqual(['new']);
    expect(summary.problems).toMatchObject([{ kind: 'duplicate-container', subject: 'ns/db-0/db' }]);
  });
});
