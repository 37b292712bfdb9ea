import { describe, expect, it } from 'vitest';
import {
  containerDefaults,
  parseLimitRangerAnnotation,
  podContainerResources,
  templateContainerResources,
} from './limit-range-defaults.ts';
import { container, limitRange } from './testing/fixtures.ts';

const legacyDefaults = containerDefaults([limitRange('container-defaults', { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } })]);

describe('containerDefaults', () => {
  it('reads default (limits) and defaultRequest (requests) of Container items; the first LimitRange by name wins', () => {
    const b = limitRange('b', { default: { cpu: '2' }, defaultRequest: { cpu: '1' } });
    const a = limitRange('a', { default: { memory: '1Gi' } });
    a.spec = { limits: [{ type: 'Pod', default: { cpu: '9' } }, ...(a.spec!.limits as unknown[])] };
    const c = limitRange('c', { default: { cpu: '3', memory: '3Gi' } });
    expect(containerDefaults([c, b, a])).toEqual({ limits: { memory: '1Gi', cpu: '2' }, requests: { cpu: '1' } });
  });
});

describe('templateContainerResources (what pods of a controller will get)', () => {
  it('fills what the template lacks from the LimitRange, marked limitrange-default', () => {
    expect(templateContainerResources(container('api'), legacyDefaults)).toEqual({
      requests: { cpu: { value: '100m', source: 'limitrange-default' }, memory: { value: '128Mi', source: 'limitrange-default' } },
      limits: { cpu: { value: '500m', source: 'limitrange-default' }, memory: { value: '512Mi', source: 'limitrange-default' } },
    });
  });

  it('keeps the spec\u2019s own values, and a missing request takes its limit before any LimitRange default', () => {
    const c = container('web', { requests: { memory: '64Mi' }, limits: { cpu: '2' } });
    expect(templateContainerResources(c, legacyDefaults)).toEqual({
      requests: { memory: { value: '64Mi', source: 'spec' }, cpu: { value: '2', source: 'spec' } },
      limits: { cpu: { value: '2', source: 'spec' }, memory: { value: '512Mi', source: 'limitrange-default' } },
    });
  });

  it('without a LimitRange, only the spec', () => {
    expect(templateContainerResources(container('x'), { requests: {}, limits: {} })).toEqual({ requests: {}, limits: {} });
  });
});

describe('podContainerResources (pods carry LimitRanger\u2019s defaults already)', () => {
  const admitted = container('api', { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });

  it('marks what LimitRanger\u2019s annotation says it set', () => {
    const annotation = parseLimitRangerAnnotation('LimitRanger plugin set: cpu, memory request for container api; cpu, memory limit for container api');
    const marked = podContainerResources(admitted, { annotated: annotation.get('api'), defaults: legacyDefaults });
    expect(Object.values(marked.requests).map((v) => v.source)).toEqual(['limitrange-default', 'limitrange-default']);
    expect(Object.values(marked.limits).map((v) => v.source)).toEqual(['limitrange-default', 'limitrange-default']);
  });

  it('without the annotation: values equal to the default that the controller\u2019s template lacks', () => {
    const template = container('api', { requests: { cpu: '100m' } });
    const marked = podContainerResources(admitted, { template, defaults: legacyDefaults });
    expect(marked.requests).toEqual({ cpu: { value: '100m', source: 'spec' }, memory: { value: '128Mi', source: 'limitrange-default' } });
    expect(marked.limits).toEqual({ cpu: { value: '500m', source: 'limitrange-default' }, memory: { value: '512Mi', source: 'limitrange-default' } });
  });

  it('a value the template sets, or one that differs from the default, is the spec\u2019s', () => {
    const own = container('api', { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m' } });
    const template = container('api', { limits: { cpu: '500m' } });
    const marked = podContainerResources(own, { template, defaults: legacyDefaults });
    expect(marked.requests).toEqual({ cpu: { value: '100m', source: 'spec' }, memory: { value: '256Mi', source: 'spec' } });
    expect(marked.limits).toEqual({ cpu: { value: '500m', source: 'spec' } });
  });

  it('a bare pod without the annotation: its values are its own, even when they equal the default', () => {
    const marked = podContainerResources(admitted, { defaults: legacyDefaults });
    expect([...Object.values(marked.requests), ...Object.values(marked.limits)].every((v) => v.source === 'spec')).toBe(true);
  });
});

describe('parseLimitRangerAnnotation', () => {
  it('reads requests and limits per container and init container', () => {
    const parsed = parseLimitRangerAnnotation(
      'LimitRanger plugin set: cpu, memory request for container web; memory limit for container web; cpu request for init container setup',
    );
    expect(parsed.get('web')).toEqual({ requests: new Set(['cpu', 'memory']), limits: new Set(['memory']) });
    expect(parsed.get('init:setup')).toEqual({ requests: new Set(['cpu']), limits: new Set() });
    expect(parseLimitRangerAnnotation(undefined).size).toBe(0);
  });
});
