import { describe, expect, it } from 'vitest';
import type { RecommendationRow } from '../../../agent-core/contract/app-contract.ts';
import { distinctRecommendationValues, filterRecommendations, riskScore, severityCounts, sortRecommendations } from './filter-recommendations.ts';
import { formatValue, valueChange } from './recommendation-values.ts';

const MI = 2 ** 20;
const NO_SIGNALS = { pinned: false, throttled: false, oomKilled: false, leaking: false, levelShift: false };

function rec(namespace: string, name: string, container: string, severity: RecommendationRow['severity'], opts: { cpu?: number; mem?: number; signals?: Partial<RecommendationRow['signals']>; risks?: string[]; kind?: string } = {}): RecommendationRow {
  const values = { cpuRequest: 0.1, cpuLimit: null, memRequest: 64 * MI, memLimit: null };
  return {
    id: `${name}-${container}`,
    workload: { uid: `uid-${name}`, namespace, kind: opts.kind ?? 'Deployment', name },
    container,
    severity,
    current: values,
    proposed: values,
    reasons: { cpuRequest: '', cpuLimit: '', memRequest: '', memLimit: '' },
    confidence: 'medium',
    signals: { ...NO_SIGNALS, ...opts.signals },
    effect: { cpuCoresFreed: opts.cpu ?? 0, memoryBytesFreed: opts.mem ?? 0, risksRemoved: opts.risks ?? [] },
    evidence: {
      coverage: { minutes: 60, days: 1, from: null, to: null },
      cpu: { p50: null, p90: null, p95: null, p99: null, max: null },
      memory: { p50: null, p90: null, p95: null, p99: null, max: null },
      throttling: null,
      ooms: { count: 0, last: null },
    },
    computedAt: 0,
  };
}

const rows = [
  rec('shop', 'frontend', 'web', 'warning', { cpu: 0.8, mem: 100 * MI }),
  rec('shop', 'api-gateway', 'gateway', 'critical', { cpu: -0.5, signals: { pinned: true, throttled: true }, risks: ['throttled 90 % of minutes'] }),
  rec('shop', 'session-cache', 'cache', 'critical', { mem: -256 * MI, signals: { oomKilled: true, leaking: true }, kind: 'StatefulSet' }),
  rec('data', 'etl-worker', 'worker', 'info', { cpu: 0.05, mem: 900 * MI }),
  rec('shop', 'checkout', 'app', 'warning', { cpu: 0.8, mem: 10 * MI }),
];
const names = (list: readonly RecommendationRow[]) => list.map((r) => r.workload.name);

describe('filterRecommendations', () => {
  it('filters by namespace, kind and severity', () => {
    expect(names(filterRecommendations(rows, { query: '', namespace: 'data', kind: null, severity: null }))).toEqual(['etl-worker']);
    expect(names(filterRecommendations(rows, { query: '', namespace: null, kind: 'StatefulSet', severity: null }))).toEqual(['session-cache']);
    expect(names(filterRecommendations(rows, { query: '', namespace: 'shop', kind: null, severity: 'critical' }))).toEqual(['api-gateway', 'session-cache']);
  });
  it('searches namespace/name/container, every term', () => {
    expect(names(filterRecommendations(rows, { query: 'GATEWAY', namespace: null, kind: null, severity: null }))).toEqual(['api-gateway']);
    expect(names(filterRecommendations(rows, { query: 'shop cache', namespace: null, kind: null, severity: null }))).toEqual(['session-cache']);
    expect(names(filterRecommendations(rows, { query: 'frontend/web', namespace: null, kind: null, severity: null }))).toEqual(['frontend']);
  });
  it('returns the same array when nothing filters', () => {
    expect(filterRecommendations(rows, { query: ' ', namespace: null, kind: null, severity: null })).toBe(rows);
  });
});

describe('sortRecommendations', () => {
  it('sorts by risk: severity, then signals (an OOM kill first), then risks removed', () => {
    expect(names(sortRecommendations(rows, { key: 'risk', direction: 'descending' }))).toEqual(['session-cache', 'api-gateway', 'checkout', 'frontend', 'etl-worker']);
    expect(riskScore(rows[2]!)).toBeGreaterThan(riskScore(rows[1]!));
    const more = rec('shop', 'b', 'b', 'critical', { signals: { pinned: true, throttled: true }, risks: ['a', 'b'] });
    expect(riskScore(more)).toBeGreaterThan(riskScore(rows[1]!));
  });
  it('sorts by CPU or memory freed, ties by risk then name', () => {
    expect(names(sortRecommendations(rows, { key: 'cpuFreed', direction: 'descending' }))).toEqual(['checkout', 'frontend', 'etl-worker', 'session-cache', 'api-gateway']);
    expect(names(sortRecommendations(rows, { key: 'memFreed', direction: 'descending' }))).toEqual(['etl-worker', 'frontend', 'checkout', 'api-gateway', 'session-cache']);
    expect(names(sortRecommendations(rows, { key: 'cpuFreed', direction: 'ascending' }))[0]).toBe('api-gateway');
  });
  it('sorts by workload name', () => {
    expect(names(sortRecommendations(rows, { key: 'workload', direction: 'ascending' }))).toEqual(['etl-worker', 'api-gateway', 'checkout', 'frontend', 'session-cache']);
  });
  it('counts severities and lists filter values', () => {
    expect(severityCounts(rows)).toEqual({ critical: 2, warning: 2, info: 1 });
    expect(distinctRecommendationValues(rows, 'kind')).toEqual(['Deployment', 'StatefulSet']);
  });
});

describe('value changes', () => {
  it('tells raised, lowered, removed and added apart', () => {
    expect(valueChange(0.5, 1)).toBe('raised');
    expect(valueChange(0.5, 0.25)).toBe('lowered');
    expect(valueChange(0.5, null)).toBe('removed');
    expect(valueChange(null, 0.25)).toBe('added');
    expect(valueChange(null, null)).toBe('same');
    expect(valueChange(0.1, 0.1 + 1e-12)).toBe('same');
  });
  it('shows "none" where nothing is set', () => {
    expect(formatValue('cpu', null)).toBe('none');
    expect(formatValue('cpu', 0.25)).toBe('250m');
    expect(formatValue('memory', 512 * MI)).toBe('512Mi');
  });
});
