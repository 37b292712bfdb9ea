import { describe, expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION, MASK, maskObject } from './masking.ts';
import type { ContainerSpec, KubeObject } from './kube-object.ts';
import { container, controller, cronJob, pod } from './testing/fixtures.ts';

const secretive = (name: string): ContainerSpec =>
  container(name, { requests: { cpu: '100m' } }, {
    command: ['/bin/server', '--password', 'hunter2'],
    args: ['--token=s3cret', 'plain'],
    env: [
      { name: 'DB_PASSWORD', value: 'do-not-leak-me' },
      { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    ],
  });

type PodSpecLike = { containers: ContainerSpec[] };
type Templated = { template: { spec: PodSpecLike } };

function podSpecOf(object: KubeObject): PodSpecLike {
  if (object.kind === 'Pod') return object.spec as PodSpecLike;
  if (object.kind === 'CronJob') return (object.spec as { jobTemplate: { spec: Templated } }).jobTemplate.spec.template.spec;
  return (object.spec as Templated).template.spec;
}

describe('maskObject', () => {
  const kinds: KubeObject[] = [
    pod('p', [secretive('app')]),
    ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].map((kind) => controller(kind, 'c', [secretive('app')])),
    cronJob('cj', [secretive('app')]),
  ];

  for (const object of kinds) {
    it(`${object.kind}: env values, args and command arguments masked; names, valueFrom, binary and resources kept`, () => {
      const masked = podSpecOf(maskObject(object)).containers[0]!;
      expect(masked.env).toEqual([
        { name: 'DB_PASSWORD', value: MASK },
        { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      ]);
      expect(masked.args).toEqual([MASK, MASK]);
      expect(masked.command).toEqual(['/bin/server', MASK, MASK]);
      expect(masked.resources).toEqual({ requests: { cpu: '100m' } });
      expect(masked.image).toBe('example/app:1');
      expect(JSON.stringify(maskObject(object))).not.toMatch(/hunter2|s3cret|do-not-leak-me/);
    });
  }

  it('masks init and ephemeral containers too', () => {
    const p = pod('p', [container('app')]);
    Object.assign(p.spec!, { initContainers: [secretive('init')], ephemeralContainers: [secretive('debug')] });
    expect(JSON.stringify(maskObject(p))).not.toMatch(/hunter2|s3cret|do-not-leak-me/);
  });

  it('masks the last-applied-configuration annotation, keeps other annotations, drops managedFields', () => {
    const d = controller('Deployment', 'web', [container('web')], {
      annotations: { [LAST_APPLIED_ANNOTATION]: '{"spec":{"env":[{"value":"do-not-leak-me"}]}}', team: 'shop' },
    });
    d.metadata!.managedFields = [{ manager: 'kubectl' }];
    const masked = maskObject(d);
    expect(masked.metadata!.annotations).toEqual({ [LAST_APPLIED_ANNOTATION]: MASK, team: 'shop' });
    expect('managedFields' in masked.metadata!).toBe(false);
    // Left out of the copy, not deleted from the original.
    expect(d.metadata!.managedFields).toEqual([{ manager: 'kubectl' }]);
    expect(d.metadata!.annotations![LAST_APPLIED_ANNOTATION]).toMatch(/do-not-leak-me/);
  });

  it('leaves the original untouched', () => {
    const p = pod('p', [secretive('app')]);
    const before = JSON.stringify(p);
    maskObject(p);
    expect(JSON.stringify(p)).toBe(before);
  });

  it('passes objects without containers through (nodes, namespaces, odd shapes)', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', uid: 'u' }, spec: { podCIDR: '10.0.0.0/24' } };
    expect(maskObject(node)).toEqual(node);
    const odd = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: ['not-an-object', { name: 'x', env: [{ name: 'A' }] }] } };
    expect(maskObject(odd)).toEqual(odd);
  });
});
