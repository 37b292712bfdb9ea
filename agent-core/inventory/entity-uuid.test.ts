import { describe, expect, it } from 'vitest';
import { clusterUuid, entityUuid, uuidV5 } from './entity-uuid.ts';

describe('uuidV5', () => {
  it('matches the well-known v5 of www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('entityUuid', () => {
  const cluster = clusterUuid('kube-system:0b1c');
  it('is deterministic in cluster, kind and uid, and differs when any of them does', () => {
    const uuid = entityUuid(cluster, 'Pod', 'abc');
    expect(entityUuid(cluster, 'Pod', 'abc')).toBe(uuid);
    expect(entityUuid(cluster, 'Deployment', 'abc')).not.toBe(uuid);
    expect(entityUuid(cluster, 'Pod', 'abd')).not.toBe(uuid);
    expect(entityUuid(clusterUuid('kube-system:other'), 'Pod', 'abc')).not.toBe(uuid);
  });

  it('reveals nothing of its inputs', () => {
    expect(entityUuid(cluster, 'Pod', 'abc')).not.toMatch(/abc|Pod/);
  });
});
