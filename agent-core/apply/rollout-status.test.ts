import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../inventory/kube-object.ts';
import { rolloutStatus } from './rollout-status.ts';

const obj = (kind: string, spec: object, status: object, generation = 2): KubeObject =>
  ({ kind, metadata: { name: 'x', generation }, spec, status: { observedGeneration: generation, ...status } }) as unknown as KubeObject;

describe('rolloutStatus', () => {
  it('waits while a Deployment still has old or unavailable replicas, and is complete only when all are updated and available', () => {
    expect(rolloutStatus(obj('Deployment', { replicas: 3 }, { replicas: 4, updatedReplicas: 2, availableReplicas: 3 }))).toEqual({ state: 'waiting', progress: '2 of 3 updated, 3 available, 2 old' });
    expect(rolloutStatus(obj('Deployment', { replicas: 3 }, { replicas: 4, updatedReplicas: 3, availableReplicas: 3 })).state).toBe('waiting');
    expect(rolloutStatus(obj('Deployment', { replicas: 3 }, { replicas: 3, updatedReplicas: 3, availableReplicas: 2 })).state).toBe('waiting');
    expect(rolloutStatus(obj('Deployment', { replicas: 3 }, { replicas: 3, updatedReplicas: 3, availableReplicas: 3 }))).toEqual({ state: 'complete', progress: '3 of 3 replicas updated and available' });
  });

  it('does not trust a status the controller wrote for an older generation', () => {
    const stale = obj('Deployment', { replicas: 1 }, { replicas: 1, updatedReplicas: 1, availableReplicas: 1 }, 5);
    (stale.status as Record<string, unknown>).observedGeneration = 4;
    expect(rolloutStatus(stale)).toEqual({ state: 'waiting', progress: 'waiting for the Deployment controller to see generation 5' });
  });

  it('reports a Deployment past its progress deadline as stalled', () => {
    const d = obj('Deployment', { replicas: 2 }, { replicas: 3, updatedReplicas: 1, availableReplicas: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(rolloutStatus(d).state).toBe('stalled');
  });

  it('follows a StatefulSet by revision, and by the partition when one is set', () => {
    const rolling = { replicas: 3, updateStrategy: { type: 'RollingUpdate' } };
    expect(rolloutStatus(obj('StatefulSet', rolling, { readyReplicas: 3, updatedReplicas: 1, currentRevision: 'web-a', updateRevision: 'web-b' })).state).toBe('waiting');
    expect(rolloutStatus(obj('StatefulSet', rolling, { readyReplicas: 2, updatedReplicas: 3, currentRevision: 'web-b', updateRevision: 'web-b' })).state).toBe('waiting');
    expect(rolloutStatus(obj('StatefulSet', rolling, { readyReplicas: 3, updatedReplicas: 3, currentRevision: 'web-b', updateRevision: 'web-b' }))).toEqual({ state: 'complete', progress: '3 of 3 pods at revision web-b, ready' });
    const partitioned = { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } };
    expect(rolloutStatus(obj('StatefulSet', partitioned, { readyReplicas: 3, updatedReplicas: 0, currentRevision: 'web-a', updateRevision: 'web-b' })).state).toBe('waiting');
    expect(rolloutStatus(obj('StatefulSet', partitioned, { readyReplicas: 3, updatedReplicas: 1, currentRevision: 'web-a', updateRevision: 'web-b' })).state).toBe('complete');
    expect(rolloutStatus(obj('StatefulSet', { replicas: 3, updateStrategy: { type: 'OnDelete' } }, {})).state).toBe('not-rolling');
  });

  it('follows a DaemonSet node by node', () => {
    expect(rolloutStatus(obj('DaemonSet', {}, { desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 3 }))).toEqual({ state: 'waiting', progress: '2 of 3 nodes updated, 3 available' });
    expect(rolloutStatus(obj('DaemonSet', {}, { desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 })).state).toBe('complete');
    expect(rolloutStatus(obj('DaemonSet', { updateStrategy: { type: 'OnDelete' } }, {})).state).toBe('not-rolling');
  });

  it('says that a bare ReplicaSet, a ReplicationController and a CronJob do not roll', () => {
    for (const kind of ['ReplicaSet', 'ReplicationController', 'CronJob']) expect(rolloutStatus(obj(kind, { replicas: 2 }, {})).state).toBe('not-rolling');
  });
});
