import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { buildResourcePatch } from './resource-patch.ts';
import { formatCpu, formatMemory } from './resource-quantity.ts';
import { objectPath, type WorkloadTarget } from './workload-target.ts';

const target = (kind: string, apiVersion = 'apps/v1'): WorkloadTarget => ({ uuid: 'u', kind: kind as WorkloadTarget['kind'], apiVersion, namespace: 'shop', name: 'web' });
const values = { cpuRequest: 0.25, cpuLimit: null, memRequest: 256 * 1024 * 1024, memLimit: 300_000_001 };

describe('resource patch', () => {
  it('formats CPU as millicores and memory as Mi when exact, else bytes', () => {
    expect([formatCpu(0.25), formatCpu(2), formatCpu(1.5), formatCpu(0.0012)]).toEqual(['250m', '2', '1500m', '1m']);
    expect([formatMemory(128 * 1024 * 1024), formatMemory(300_000_001)]).toEqual(['128Mi', '300000001']);
    expect(() => formatCpu(0)).toThrow(/at least 1m, not 0 cores/);
    expect(() => formatCpu(NaN)).toThrow(/at least 1m/);
    expect(() => formatMemory(0)).toThrow(/must be positive/);
  });

  it('patches one container of a Deployment by name, null removing a value, with the resourceVersion', () => {
    expect(buildResourcePatch(target('Deployment'), { name: 'app' }, values, '42')).toEqual({
      metadata: { resourceVersion: '42' },
      spec: { template: { spec: { containers: [{ name: 'app', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: null, memory: '300000001' } } }] } } },
    });
  });

  it('reaches a CronJob through its job template, and init containers through their own list', () => {
    const patch = buildResourcePatch(target('CronJob', 'batch/v1beta1'), { name: 'setup', init: true }, values, '7');
    expect(patch).toMatchObject({ spec: { jobTemplate: { spec: { template: { spec: { initContainers: [{ name: 'setup' }] } } } } } });
  });

  it('uses the canonical plural paths', () => {
    expect(objectPath(target('StatefulSet'))).toBe('/apis/apps/v1/namespaces/shop/statefulsets/web');
    expect(objectPath(target('ReplicationController', 'v1'))).toBe('/api/v1/namespaces/shop/replicationcontrollers/web');
    expect(objectPath(target('CronJob', 'batch/v1beta1'))).toBe('/apis/batch/v1beta1/namespaces/shop/cronjobs/web');
  });

  it('refuses a bare pod and a Job, saying why', () => {
    for (const [kind, why] of [['Pod', /bare pod/], ['Job', /immutable/]] as const) {
      let error: unknown;
      try {
        buildResourcePatch(target(kind, 'v1'), { name: 'app' }, values, '1');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(UserFacingError);
      expect(error).toMatchObject({ code: 'not-patchable', message: expect.stringMatching(why) });
    }
  });
});

describe('nulls in the patch', () => {
  it('remove only keys the object has: a null for an absent key would be stored as a zero quantity', () => {
    const values = { cpuRequest: 0.12, cpuLimit: null, memRequest: 240 * 2 ** 20, memLimit: null };
    const none = buildResourcePatch(target('Deployment'), { name: 'app' }, values, '1', {});
    expect(none).toMatchObject({ spec: { template: { spec: { containers: [{ name: 'app', resources: { requests: { cpu: '120m', memory: '240Mi' } } }] } } } });
    expect(JSON.stringify(none)).not.toContain('limits');
    const withCpuLimit = buildResourcePatch(target('Deployment'), { name: 'app' }, values, '1', { limits: { cpu: '1' } });
    expect(JSON.stringify(withCpuLimit)).toContain('"limits":{"cpu":null}');
  });
});
