import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch.ts';
import { jsonMergePatch } from './json-merge-patch.ts';
import { strategicMerge } from './strategic-merge-patch.ts';

const pod = {
  metadata: { name: 'p', labels: { app: 'a', tier: 'web' }, finalizers: ['x'] },
  spec: {
    containers: [
      { name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], resources: { requests: { cpu: '100m', memory: '64Mi' } }, args: ['--a', '--b'] },
      { name: 'sidecar', image: 'side:1', ports: [{ containerPort: 80 }] },
    ],
    tolerations: [{ key: 'a' }],
  },
};

describe('strategic merge patch', () => {
  it('merges containers by name and leaves the other containers alone', () => {
    const out = strategicMerge(pod, { spec: { containers: [{ name: 'app', resources: { requests: { cpu: '150m' } } }] } });
    expect(out.spec.containers).toHaveLength(2);
    expect(out.spec.containers[0].resources).toEqual({ requests: { cpu: '150m', memory: '64Mi' } });
    expect(out.spec.containers[0].image).toBe('app:1');
    expect(out.spec.containers[1]).toEqual(pod.spec.containers[1]);
    expect(pod.spec.containers[0]!.resources!.requests.cpu).toBe('100m');
  });

  it('appends a container with a new name, merges env by name, and replaces atomic lists', () => {
    const out = strategicMerge(pod, {
      spec: {
        containers: [{ name: 'app', env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }], args: ['--c'] }, { name: 'new', image: 'n:1' }],
        tolerations: [{ key: 'b' }],
      },
    });
    expect(out.spec.containers.map((c: { name: string }) => c.name)).toEqual(['app', 'sidecar', 'new']);
    expect(out.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }]);
    expect(out.spec.containers[0].args).toEqual(['--c']);
    expect(out.spec.tolerations).toEqual([{ key: 'b' }]);
  });

  it('deletes with null and with $patch: delete, replaces with $patch: replace', () => {
    const out = strategicMerge(pod, {
      metadata: { labels: { tier: null } },
      spec: { containers: [{ name: 'sidecar', $patch: 'delete' }, { name: 'app', resources: { $patch: 'replace', limits: { cpu: '1' } } }] },
    });
    expect(out.metadata.labels).toEqual({ app: 'a' });
    expect(out.spec.containers.map((c: { name: string }) => c.name)).toEqual(['app']);
    expect(out.spec.containers[0].resources).toEqual({ limits: { cpu: '1' } });
  });

  it('honours $setElementOrder, $deleteFromPrimitiveList and merges finalizers as a set', () => {
    const out = strategicMerge(pod, {
      metadata: { finalizers: ['y'], '$deleteFromPrimitiveList/finalizers': ['x'] },
      spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }], containers: [{ name: 'app', image: 'app:2' }] },
    });
    expect(out.metadata.finalizers).toEqual(['y']);
    expect(out.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual(['sidecar=side:1', 'app=app:2']);
  });
});

describe('JSON merge patch', () => {
  it('replaces lists whole and removes with null', () => {
    const out = jsonMergePatch(pod, { metadata: { labels: { app: null } }, spec: { containers: [{ name: 'only' }] } });
    expect(out.metadata.labels).toEqual({ tier: 'web' });
    expect(out.spec.containers).toEqual([{ name: 'only' }]);
  });
});

describe('JSON patch', () => {
  it('applies add, replace, remove, move, copy and test', () => {
    const out = applyJsonPatch(pod, [
      { op: 'test', path: '/spec/containers/0/name', value: 'app' },
      { op: 'replace', path: '/spec/containers/0/resources/requests/cpu', value: '200m' },
      { op: 'add', path: '/spec/containers/0/env/-', value: { name: 'C', value: '3' } },
      { op: 'remove', path: '/spec/tolerations' },
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copy' },
      { op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/moved' },
    ]);
    expect(out.spec.containers[0].resources.requests.cpu).toBe('200m');
    expect(out.spec.containers[0].env).toHaveLength(3);
    expect(out.spec.tolerations).toBeUndefined();
    expect(out.metadata.labels).toEqual({ app: 'a', copy: 'a', moved: 'web' });
    expect(pod.spec.tolerations).toHaveLength(1);
  });

  it('fails a failed test and a missing path with 422', () => {
    expect(() => applyJsonPatch(pod, [{ op: 'test', path: '/metadata/name', value: 'q' }])).toThrow(/test failed/);
    expect(() => applyJsonPatch(pod, [{ op: 'replace', path: '/spec/nothing/here', value: 1 }])).toThrow(/missing/);
  });
});
