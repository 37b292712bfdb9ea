import { describe, expect, it } from 'vitest';
import type { ReadinessFindingView, ReadinessRow } from '../../../agent-core/contract/app-contract.ts';
import { distinctReadinessValues, filterReadiness, groupBySeverity, mergeFindings, scoreRatio, sortReadiness, totalCounts } from './filter-readiness.ts';

const finding = (id: string, severity: ReadinessFindingView['severity'], category: string, container: string | null = 'app'): ReadinessFindingView => ({
  id,
  severity,
  category,
  container,
  message: `${id} message`,
  fix: `${id} fix`,
  detail: null,
});

const row = (namespace: string, name: string, findings: ReadinessFindingView[], passing = 20, total = 24): ReadinessRow => ({
  workload: { uid: `uid-${name}`, namespace, kind: 'Deployment', name },
  score: { passing, total },
  findings,
  unknown: [{ id: 'missingPodDisruptionBudget', container: null, reason: 'cannot list PodDisruptionBudgets' }],
});

const rows = [
  row('shop', 'frontend', [finding('livenessProbeMissing', 'warning', 'reliability'), finding('priorityClassNotSet', 'info', 'reliability', null)], 22, 24),
  row('data', 'etl-worker', [finding('tagNotSpecified', 'danger', 'images'), finding('runAsRootAllowed', 'danger', 'security'), finding('cpuLimitsMissing', 'warning', 'resources')], 9, 23),
  row('shop', 'api-gateway', [finding('runAsRootAllowed', 'danger', 'security'), finding('pullPolicyNotAlways', 'warning', 'images')], 15, 23),
  row('shop', 'clean', [], 0, 0),
];
const names = (list: readonly ReadinessRow[]) => list.map((r) => r.workload.name);

describe('filterReadiness', () => {
  it('keeps every workload and its unknown checks without a finding filter', () => {
    const shown = filterReadiness(rows, { query: '', severity: null, category: null, namespace: null });
    expect(names(shown)).toEqual(['frontend', 'etl-worker', 'api-gateway', 'clean']);
    expect(shown[0]!.unknown).toHaveLength(1);
  });
  it('keeps only the matching findings, and the workloads that have one', () => {
    const danger = filterReadiness(rows, { query: '', severity: 'danger', category: null, namespace: null });
    expect(names(danger)).toEqual(['etl-worker', 'api-gateway']);
    expect(danger[0]!.findings.map((f) => f.id)).toEqual(['tagNotSpecified', 'runAsRootAllowed']);
    expect(danger[0]!.unknown).toEqual([]);
    const images = filterReadiness(rows, { query: '', severity: null, category: 'images', namespace: 'shop' });
    expect(names(images)).toEqual(['api-gateway']);
    expect(images[0]!.findings.map((f) => f.id)).toEqual(['pullPolicyNotAlways']);
  });
  it('searches namespace/name', () => {
    expect(names(filterReadiness(rows, { query: 'data/etl', severity: null, category: null, namespace: null }))).toEqual(['etl-worker']);
  });
});

describe('readiness summaries', () => {
  it('counts and groups by severity, danger first', () => {
    expect(totalCounts(rows)).toEqual({ danger: 3, warning: 3, info: 1 });
    expect(groupBySeverity(rows[0]!.findings).map((g) => g.severity)).toEqual(['warning', 'info']);
    expect(groupBySeverity(rows[1]!.findings).map((g) => [g.severity, g.findings.length])).toEqual([
      ['danger', 2],
      ['warning', 1],
    ]);
  });
  it('sorts worst first, by score, or by name', () => {
    expect(names(sortReadiness(rows, 'worst'))).toEqual(['etl-worker', 'api-gateway', 'frontend', 'clean']);
    expect(names(sortReadiness(rows, 'score'))).toEqual(['etl-worker', 'api-gateway', 'frontend', 'clean']);
    expect(names(sortReadiness(rows, 'name'))).toEqual(['etl-worker', 'api-gateway', 'clean', 'frontend']);
  });
  it('has no score without checks, and lists the filter values', () => {
    expect(scoreRatio({ passing: 0, total: 0 })).toBeNull();
    expect(distinctReadinessValues(rows, 'category')).toEqual(['images', 'reliability', 'resources', 'security']);
    expect(distinctReadinessValues(rows, 'namespace')).toEqual(['data', 'shop']);
  });
});

describe('mergeFindings', () => {
  it('merges the same finding across containers, keeping the order', () => {
    const merged = mergeFindings([
      finding('runAsRootAllowed', 'danger', 'security', 'web'),
      finding('cpuLimitsMissing', 'warning', 'resources', 'web'),
      finding('runAsRootAllowed', 'danger', 'security', 'log-shipper'),
      finding('priorityClassNotSet', 'info', 'reliability', null),
    ]);
    expect(merged.map((f) => [f.id, f.containers])).toEqual([
      ['runAsRootAllowed', ['web', 'log-shipper']],
      ['cpuLimitsMissing', ['web']],
      ['priorityClassNotSet', []],
    ]);
  });
  it('keeps findings apart when they say different things', () => {
    const a = finding('tagNotSpecified', 'danger', 'images', 'a');
    expect(mergeFindings([a, { ...a, container: 'b', detail: 'other' }])).toHaveLength(2);
  });
});
