import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { AuditTrail, readAudit } from '../apply/audit-trail.ts';
import { openAgentLog } from '../log/agent-log.ts';
import { useTempDirs } from '../store/testing/temp-dir.ts';
import { clusterActionExecutor } from './apply-executor.ts';
import { executeApproved, type PendingAction } from './remote-actions.ts';

const tempDir = useTempDirs();

// Nothing listens here: a refusal must come before any request to the API server.
function unreachableCluster(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:9' }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

const action = (recommendationId: string): PendingAction => ({ actionId: '6f1c2a52-6a64-4d8e-9a8f-0c1f3b0d2e11', recommendationId, requestedBy: 'alice', requestedAt: 1, receivedAt: 2 });

describe('the cluster executor of an approved remote action', () => {
  it('refuses, before any dry run, an id it cannot resolve, naming it', async () => {
    const dir = tempDir();
    const log = openAgentLog({ dir });
    const executor = clusterActionExecutor({ kc: unreachableCluster(), who: 'bob', audit: new AuditTrail(log.logger) }, () => undefined);
    const result = await executeApproved(action('rec-elsewhere'), executor, 'bob');
    await log.close();
    expect(result).toMatchObject({ outcome: 'refused' });
    expect(result.message).toMatch(/no current recommendation rec-elsewhere, nor a newer one for the same container/);
    expect(readAudit(dir)).toEqual([]);
  });
});

describe('executeApproved', () => {
  it('names the recommendation it ran when new data had replaced the one asked for', async () => {
    const result = await executeApproved(
      action('rec-asked'),
      { dryRun: async () => ({ ok: true, diff: '+cpu: 250m', summary: 's', recommendationId: 'rec-now', apply: async () => 'rollout complete' }) },
      'bob',
    );
    expect(result).toMatchObject({ outcome: 'applied', recommendationId: 'rec-asked', recomputedAs: 'rec-now' });
    expect(result.message).toBe('new data replaced rec-asked with rec-now, whose values were used; rollout complete');
  });
});
