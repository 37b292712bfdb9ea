import { expect, it } from 'vitest';
import { podsPerCopy, scaledSeedWorkloads } from './scaled-workloads.ts';

const versions = { cronJob: 'batch/v1beta1', podDisruptionBudget: 'policy/v1beta1', horizontalPodAutoscaler: 'autoscaling/v2beta2' };

it('scales the seed mix to about the asked pod count, in suffixed namespaces, with one DaemonSet', () => {
  const { base, extra, expectedPods } = scaledSeedWorkloads(versions, 10_000, 500);
  expect(Math.abs(expectedPods - 10_000)).toBeLessThan(podsPerCopy(base, 5) + 1);
  expect([...base, ...extra].filter((o) => o.kind === 'DaemonSet')).toHaveLength(1);
  const namespaces = extra.filter((o) => o.kind === 'Namespace').map((o) => o.metadata!.name!);
  expect(namespaces).toContain('shop-2');
  expect(new Set(namespaces).size).toBe(namespaces.length);
  expect(namespaces.length).toBeLessThan(1000);
  for (const o of extra) if (o.kind !== 'Namespace') expect(namespaces).toContain(o.metadata!.namespace);
});

it('adds nothing when the seed mix already has the pods asked for', () => {
  expect(scaledSeedWorkloads(versions, 10, 3).extra).toEqual([]);
});
