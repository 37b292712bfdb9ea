import { describe, expect, it } from 'vitest';
import type { WorkloadRow } from '../../../agent-core/contract/app-contract.ts';
import { distinctValues, filterWorkloads, searchText, sortWorkloads } from './filter-workloads.ts';

const row = (namespace: string, name: string, kind = 'Deployment', cpuP95: number | null = null): WorkloadRow => ({
  uid: `${namespace}/${name}`,
  namespace,
  kind,
  name,
  ready: 1,
  desired: 1,
  cpuRequest: null,
  cpuLimit: null,
  memRequest: null,
  memLimit: null,
  cpuP95,
  memP95: null,
  throttled: null,
  restarts: 0,
  ooms: 0,
  recommendation: null,
  readiness: null,
});

const rows = [row('shop', 'api-gateway', 'Deployment', 0.5), row('shop', 'frontend', 'Deployment', 0.1), row('data', 'etl-worker', 'Job', null), row('gateway-ns', 'proxy', 'DaemonSet', 0.2)];
const texts = rows.map(searchText);
const names = (list: readonly WorkloadRow[]) => list.map((r) => r.name);

describe('filterWorkloads', () => {
  it('matches the name or the namespace, case-insensitively', () => {
    expect(names(filterWorkloads(rows, texts, { query: 'GATEWAY', namespace: null, kind: null }))).toEqual(['api-gateway', 'proxy']);
  });
  it('matches "namespace/name" and every term', () => {
    expect(names(filterWorkloads(rows, texts, { query: 'shop/api', namespace: null, kind: null }))).toEqual(['api-gateway']);
    expect(names(filterWorkloads(rows, texts, { query: 'shop front', namespace: null, kind: null }))).toEqual(['frontend']);
  });
  it('applies the namespace and kind filters', () => {
    expect(names(filterWorkloads(rows, texts, { query: '', namespace: 'shop', kind: null }))).toEqual(['api-gateway', 'frontend']);
    expect(names(filterWorkloads(rows, texts, { query: '', namespace: null, kind: 'Job' }))).toEqual(['etl-worker']);
  });
  it('returns the same array when nothing filters', () => {
    expect(filterWorkloads(rows, texts, { query: '  ', namespace: null, kind: null })).toBe(rows);
  });
});

describe('sortWorkloads', () => {
  it('sorts numbers either way with missing values last', () => {
    expect(names(sortWorkloads(rows, { key: 'cpuP95', direction: 'descending' }))).toEqual(['api-gateway', 'proxy', 'frontend', 'etl-worker']);
    expect(names(sortWorkloads(rows, { key: 'cpuP95', direction: 'ascending' }))).toEqual(['frontend', 'proxy', 'api-gateway', 'etl-worker']);
  });
  it('sorts text naturally, ties by namespace/name', () => {
    expect(names(sortWorkloads(rows, { key: 'namespace', direction: 'ascending' }))).toEqual(['etl-worker', 'proxy', 'api-gateway', 'frontend']);
  });
  it('sorts by advice: the recommendation first, then danger and warning findings', () => {
    const advised = [
      { ...row('a', 'none') },
      { ...row('a', 'info'), recommendation: 'info' as const, readiness: { danger: 5, warning: 0, info: 0 } },
      { ...row('a', 'critical'), recommendation: 'critical' as const, readiness: { danger: 0, warning: 1, info: 0 } },
      { ...row('a', 'danger'), readiness: { danger: 2, warning: 0, info: 9 } },
    ];
    expect(names(sortWorkloads(advised, { key: 'advice', direction: 'descending' }))).toEqual(['critical', 'info', 'danger', 'none']);
  });
  it('lists distinct values for the filter menus', () => {
    expect(distinctValues(rows, 'kind')).toEqual(['DaemonSet', 'Deployment', 'Job']);
  });
});
