import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit-trail.ts';
import { undoFromAudit } from './undo-from-audit.ts';

const base: AuditEntry = {
  recommendationId: 'rec-1',
  serviceId: 'uuid-1',
  containerId: 'shop/Deployment/web/app',
  namespace: 'shop',
  service: 'web',
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  dryRun: false,
  undo: false,
  patched: true,
  current: { cpuRequest: 1, cpuLimit: 2, memRequest: 100, memLimit: 200 },
  proposed: { cpuRequest: 0.5, cpuLimit: null, memRequest: 80, memLimit: 120 },
  who: 'admin',
  when: '2026-11-25T10:00:00.000Z',
  outcome: 'ok',
  message: 'applied',
};

describe('undoFromAudit', () => {
  it('puts back what the newest stored patch replaced, also after a failed rollout', () => {
    const failedRollout = { ...base, outcome: 'failed' as const, when: '2026-11-25T11:00:00.000Z', proposed: { ...base.proposed, memLimit: 10 } };
    const dryRun = { ...base, dryRun: true, patched: false, when: '2026-11-25T12:00:00.000Z' };
    const undo = undoFromAudit([dryRun, failedRollout, base], 'rec-1');
    expect(undo).toEqual({
      recommendationId: 'rec-1',
      target: { uuid: 'uuid-1', kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'shop', name: 'web' },
      container: { name: 'app' },
      current: failedRollout.proposed,
      proposed: base.current,
      undo: true,
    });
  });

  it('skips refused applies and patches that never got stored', () => {
    const refused = { ...base, outcome: 'refused' as const, patched: false, when: '2026-11-25T11:00:00.000Z', current: { ...base.current, cpuRequest: 9 } };
    expect(undoFromAudit([refused, base], 'rec-1').proposed).toEqual(base.current);
  });

  it('refuses when there is nothing to undo, saying why', () => {
    expect(() => undoFromAudit([base], 'rec-2')).toThrow(/rec-2 has no applied change/);
    expect(() => undoFromAudit([{ ...base, undo: true }, base], 'rec-1')).toThrow(/already an undo/);
    expect(() => undoFromAudit([{ ...base, apiVersion: undefined }], 'rec-1')).toThrow(/predates undo/);
  });
});
