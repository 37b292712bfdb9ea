import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../agent-core/contract/app-contract.ts';
import { containerOf, filterAuditRows, undoableRows } from './audit-rows.ts';
import { diffCounts, diffLines } from './diff-lines.ts';

describe('diffLines', () => {
  it('classifies removed, added, hunk and context lines', () => {
    const lines = diffLines('@@ spec.template @@\n   resources:\n-    cpu: 100m\n+    cpu: 250m\n');
    expect(lines.map((l) => l.kind)).toEqual(['hunk', 'context', 'remove', 'add']);
    expect(diffCounts(lines)).toEqual({ added: 1, removed: 1 });
  });
});

const row = (over: Partial<AuditRow>): AuditRow => ({
  when: '2026-01-01T00:00:00Z',
  dryRun: true,
  outcome: 'ok',
  message: '',
  recommendationId: 'r',
  serviceId: 's',
  containerId: 'data/Deployment/etl-worker/worker',
  namespace: 'data',
  service: 'etl-worker',
  kind: 'Deployment',
  who: 'admin',
  current: { cpuRequest: null, cpuLimit: null, memRequest: null, memLimit: null },
  proposed: { cpuRequest: 0.1, cpuLimit: null, memRequest: 1, memLimit: null },
  ...over,
});

describe('filterAuditRows', () => {
  const rows = [row({ when: '2026-01-01T00:00:00Z', message: 'a' }), row({ when: '2026-01-01T00:05:00Z', dryRun: false, message: 'b' }), row({ when: '2026-01-01T00:03:00Z', outcome: 'refused', message: 'c' })];
  it('puts the newest first', () => {
    expect(filterAuditRows(rows, { outcome: null, action: null }).map((r) => r.message)).toEqual(['b', 'c', 'a']);
  });
  it('filters by outcome and action', () => {
    expect(filterAuditRows(rows, { outcome: 'ok', action: null }).map((r) => r.message)).toEqual(['b', 'a']);
    expect(filterAuditRows(rows, { outcome: null, action: 'dry-run' }).map((r) => r.message)).toEqual(['c', 'a']);
    expect(filterAuditRows(rows, { outcome: null, action: 'apply' }).map((r) => r.message)).toEqual(['b']);
  });
  it('reads the container from the id', () => {
    expect(containerOf('data/Deployment/etl-worker/worker')).toBe('worker');
    expect(containerOf('worker')).toBe('worker');
  });
});

describe('undoableRows', () => {
  const apply = (over: Partial<AuditRow>) => row({ dryRun: false, patched: true, undo: false, ...over });
  it('offers undo on the newest stored patch of each recommendation, also a failed rollout, never on an undo or a refusal', () => {
    const first = apply({ when: '2026-01-01T00:01:00Z', message: 'first' });
    const failedRollout = apply({ when: '2026-01-01T00:02:00Z', outcome: 'failed', message: 'rollout' });
    const refused = apply({ when: '2026-01-01T00:03:00Z', outcome: 'refused', patched: false, message: 'refused' });
    const other = apply({ when: '2026-01-01T00:00:30Z', recommendationId: 'q', message: 'other' });
    const undone = apply({ when: '2026-01-01T00:04:00Z', recommendationId: 'q', undo: true, message: 'undone' });
    const otherBefore = apply({ when: '2026-01-01T00:00:10Z', recommendationId: 'q', message: 'older' });
    expect([...undoableRows([first, failedRollout, refused, row({ when: '2026-01-01T00:09:00Z' })])].map((r) => r.message)).toEqual(['rollout']);
    expect(undoableRows([other, undone, otherBefore]).size).toBe(0);
    expect([...undoableRows([{ ...first, patched: undefined }])].map((r) => r.message)).toEqual(['first']);
  });
});
