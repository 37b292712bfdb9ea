import { describe, expect, it } from 'vitest';
import { compileLabelSelector } from './label-selector.ts';

const web = { app: 'web', tier: 'front', 'app.kubernetes.io/part-of': 'shop' };

describe('compileLabelSelector', () => {
  it('matchLabels: every pair must be present', () => {
    expect(compileLabelSelector({ matchLabels: { app: 'web' } })(web)).toBe(true);
    expect(compileLabelSelector({ matchLabels: { app: 'web', tier: 'back' } })(web)).toBe(false);
  });

  it('matchExpressions: In, NotIn (true when the key is absent), Exists, DoesNotExist', () => {
    const matches = (expression: unknown) => compileLabelSelector({ matchExpressions: [expression] })(web);
    expect(matches({ key: 'tier', operator: 'In', values: ['front', 'edge'] })).toBe(true);
    expect(matches({ key: 'tier', operator: 'In', values: ['back'] })).toBe(false);
    expect(matches({ key: 'missing', operator: 'In', values: ['x'] })).toBe(false);
    expect(matches({ key: 'tier', operator: 'NotIn', values: ['back'] })).toBe(true);
    expect(matches({ key: 'tier', operator: 'NotIn', values: ['front'] })).toBe(false);
    expect(matches({ key: 'missing', operator: 'NotIn', values: ['x'] })).toBe(true);
    expect(matches({ key: 'app.kubernetes.io/part-of', operator: 'Exists' })).toBe(true);
    expect(matches({ key: 'missing', operator: 'Exists' })).toBe(false);
    expect(matches({ key: 'missing', operator: 'DoesNotExist' })).toBe(true);
    expect(matches({ key: 'app', operator: 'DoesNotExist' })).toBe(false);
  });

  it('matchLabels and matchExpressions together must all hold', () => {
    const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] };
    expect(compileLabelSelector(selector)(web)).toBe(false);
    expect(compileLabelSelector(selector)({ app: 'web' })).toBe(true);
  });

  it('a missing or invalid selector matches nothing; an empty one everything, unless told otherwise (policy/v1beta1)', () => {
    expect(compileLabelSelector(undefined)(web)).toBe(false);
    expect(compileLabelSelector(null)(web)).toBe(false);
    expect(compileLabelSelector({})(web)).toBe(true);
    expect(compileLabelSelector({ matchLabels: {} })({})).toBe(true);
    expect(compileLabelSelector({}, { emptyMatchesNothing: true })(web)).toBe(false);
    expect(compileLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] })(web)).toBe(false);
    expect(compileLabelSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] })(web)).toBe(false);
    expect(compileLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] })(web)).toBe(false);
  });
});
