import { describe, expect, it } from 'vitest';
import type { AccessResult } from './access-review.ts';
import { accessChecks, assessCapabilities, withRuntimeDenial } from './capabilities.ts';

const answer = (allowed: (c: AccessResult) => boolean | undefined): AccessResult[] => accessChecks().map((c) => ({ ...c, allowed: allowed({ ...c, allowed: true }) }));
const byName = (results: AccessResult[]) => Object.fromEntries(assessCapabilities(results).map((c) => [c.name, c]));

describe('accessChecks', () => {
  it('asks list and watch on every kind, get on nodes/proxy, patch on the workload kinds; never Secrets or ConfigMaps', () => {
    const asked = accessChecks().map((c) => `${c.verb} ${c.resource}${c.subresource ? `/${c.subresource}` : ''}`);
    expect(asked).toContain('list cronjobs');
    expect(asked).toContain('watch limitranges');
    expect(asked).toContain('list poddisruptionbudgets');
    expect(asked).toContain('watch horizontalpodautoscalers');
    expect(asked).not.toContain('patch poddisruptionbudgets');
    expect(asked).not.toContain('patch horizontalpodautoscalers');
    expect(asked).toContain('get nodes/proxy');
    expect(asked).toContain('patch deployments');
    expect(asked).not.toContain('patch pods');
    expect(asked).not.toContain('patch jobs');
    expect(asked.filter((a) => /secrets|configmaps/.test(a))).toEqual([]);
  });
});

describe('assessCapabilities', () => {
  it('everything allowed: everything available, no impacts', () => {
    expect(assessCapabilities(answer(() => true)).every((c) => c.status === 'available' && c.impact === null)).toBe(true);
  });

  it('without list on pods: no recommendations', () => {
    const caps = byName(answer((c) => !(c.verb === 'list' && c.resource === 'pods')));
    expect(caps.recommendations).toMatchObject({ status: 'partial', missing: ['list pods'], impact: expect.stringMatching(/^No recommendations:/) });
  });

  it('without any list: recommendations denied; without any watch: specs go stale', () => {
    const caps = byName(answer((c) => c.verb !== 'list' && c.verb !== 'watch'));
    expect(caps.recommendations!.status).toBe('denied');
    expect(caps['live-specs']).toMatchObject({ status: 'denied', impact: expect.stringMatching(/^Specs go stale/) });
  });

  it('an unanswered review is unknown, not denied', () => {
    const caps = byName(answer((c) => (c.subresource === 'proxy' ? undefined : true)));
    expect(caps.metrics).toMatchObject({ status: 'unknown', missing: ['get nodes/proxy'], impact: null });
  });

  it('without list on PodDisruptionBudgets: only the readiness check that needs them is lost', () => {
    const caps = byName(answer((c) => !(c.verb === 'list' && c.resource === 'poddisruptionbudgets')));
    expect(caps.recommendations).toMatchObject({ status: 'available', impact: null });
    expect(caps.readiness).toMatchObject({
      status: 'partial',
      missing: ['list poddisruptionbudgets.policy'],
      impact: 'Whether a workload has a PodDisruptionBudget shows as unknown (missingPodDisruptionBudget).',
    });
  });

  it('without list on HPAs: recommendations may fight one; hpaMinAvailability is unknown', () => {
    const caps = byName(answer((c) => !(c.verb === 'list' && c.resource === 'horizontalpodautoscalers')));
    expect(caps.recommendations).toMatchObject({ status: 'partial', missing: ['list horizontalpodautoscalers.autoscaling'], impact: expect.stringMatching(/^Recommendations cannot see HorizontalPodAutoscalers/) });
    expect(caps.readiness).toMatchObject({ status: 'partial', impact: 'HPA minimum replicas show as unknown (hpaMinAvailability).' });
  });

  it('without list on deployments and LimitRanges: no readiness for deployments, and defaults show as unknown', () => {
    const caps = byName(answer((c) => !(c.verb === 'list' && ['deployments', 'limitranges'].includes(c.resource))));
    expect(caps.readiness!.impact).toBe(
      'No readiness checks for deployments: the agent cannot list them. Missing requests and limits show as unknown where a LimitRange could supply them.',
    );
    expect(caps.recommendations!.impact).toMatch(/^No recommendations for what depends on deployments, limitranges:/);
  });

  it('a runtime 403 overrides the review', () => {
    const results = withRuntimeDenial(answer(() => true), { verb: 'watch', group: 'apps', resource: 'deployments' }, '403 at runtime');
    expect(byName(results)['live-specs']).toMatchObject({ status: 'partial', missing: ['watch deployments.apps'] });
  });
});
