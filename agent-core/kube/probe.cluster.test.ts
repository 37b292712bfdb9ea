import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type {} from '../../test/provided-context.ts';
import { probe } from './probe.ts';
import { tempDir, writeFile } from './test-support/temp-files.ts';

// The global setup's kubeconfig: contexts testcluster (admin token) and testcluster-viewer (read-only token) on a
// real kube-apiserver v1.20.2, which predates SelfSubjectReview.
const kubeconfig = inject('testclusterKubeconfig');

describe('probe against the test cluster (Kubernetes v1.20.2)', () => {
  for (const context of ['testcluster', 'testcluster-viewer']) {
    it(`${context}: reachable, v1.20.2, identity unknown`, async () => {
      const result = await probe({ kubeconfig, context, env: {} });
      expect(result).toEqual({
        context,
        server: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        reachable: true,
        version: 'v1.20.2',
        identity: null,
        identitySource: 'unknown',
      });
    });
  }

  it('a wrong token: reachable, but 401 unauthorized', async () => {
    // A second file whose context uses the first file's cluster: the merge is exercised against the real server too.
    const extra = writeFile(tempDir(), 'wrong-token', {
      users: [{ name: 'impostor', user: { token: 'not-a-real-token' } }],
      contexts: [{ name: 'impostor', context: { cluster: 'testcluster', user: 'impostor' } }],
    });
    const result = await probe({ kubeconfig: [kubeconfig, extra].join(path.delimiter), context: 'impostor', env: {} });
    expect(result).toMatchObject({ context: 'impostor', reachable: true, version: 'v1.20.2', identity: null, identitySource: 'unknown' });
    expect(result.error?.code).toBe('unauthorized');
    expect(result.error?.message).toContain(`user "impostor" (${extra}:`);
  });
});
