import { describe, expect, it } from 'vitest';
import { WATCHED_RESOURCES } from '../../sim/testcluster/viewer-rbac.ts';
import { KIND_INFO, WATCHED_KINDS } from './watched-kinds.ts';

describe('watched kinds', () => {
  it('the test cluster\u2019s viewer may read every kind the agent watches, and nothing else', () => {
    const watched = WATCHED_KINDS.map((kind) => `${KIND_INFO[kind].resource}.${KIND_INFO[kind].group}`).sort();
    const granted = Object.entries(WATCHED_RESOURCES).flatMap(([group, resources]) => resources.map((r) => `${r}.${group}`)).sort();
    expect(granted).toEqual(watched);
  });

  it('PodDisruptionBudgets and HPAs are read, never patched, and are not workloads', () => {
    for (const kind of ['PodDisruptionBudget', 'HorizontalPodAutoscaler'] as const) expect(KIND_INFO[kind]).toMatchObject({ workload: false, patchable: false, namespaced: true });
    expect(WATCHED_KINDS.filter((kind) => /secret|configmap/i.test(kind))).toEqual([]);
  });
});
