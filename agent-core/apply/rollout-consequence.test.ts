import { describe, expect, it } from 'vitest';
import { rolloutConsequence } from './rollout-consequence.ts';

describe('rollout consequence', () => {
  it('says how each kind replaces its pods, or that it does not', () => {
    expect(rolloutConsequence({ kind: 'Deployment', spec: { replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } })).toMatchObject({
      rolls: 'all',
      podsReplaced: 4,
      summary: expect.stringContaining('maxSurge 1, maxUnavailable 0'),
    });
    expect(rolloutConsequence({ kind: 'StatefulSet', spec: { replicas: 5, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3 } } } })).toMatchObject({ rolls: 'partial', podsReplaced: 2 });
    expect(rolloutConsequence({ kind: 'StatefulSet', spec: { replicas: 5, updateStrategy: { type: 'OnDelete' } } })).toMatchObject({ rolls: 'none', podsReplaced: 0 });
    expect(rolloutConsequence({ kind: 'DaemonSet', spec: { updateStrategy: { type: 'RollingUpdate' } }, status: { desiredNumberScheduled: 3 } })).toMatchObject({ rolls: 'all', podsReplaced: 3 });
    expect(rolloutConsequence({ kind: 'ReplicaSet', spec: { replicas: 2 } })).toMatchObject({ rolls: 'none', summary: expect.stringContaining('does not roll on its own') });
  });
});
