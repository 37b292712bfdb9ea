import { expect, it } from 'vitest';
import type { KubeObject } from './kube-object.ts';
import { labelSelectorMatcher, parseFieldSelector, parseLabelSelector, selectorText } from './selectors.ts';

const pod = (labels: Record<string, string>, nodeName?: string): KubeObject => ({ metadata: { name: 'p', namespace: 'ns', labels }, spec: nodeName ? { nodeName } : {} });

it('parses label selectors with equality, sets and existence', () => {
  const m = parseLabelSelector('app=web,tier in (a, b),!legacy,env!=prod')!;
  expect(m(pod({ app: 'web', tier: 'a' }))).toBe(true);
  expect(m(pod({ app: 'web', tier: 'c' }))).toBe(false);
  expect(m(pod({ app: 'web', tier: 'b', legacy: 'x' }))).toBe(false);
  expect(m(pod({ app: 'web', tier: 'b', env: 'prod' }))).toBe(false);
  expect(parseLabelSelector('app')!(pod({}))).toBe(false);
  expect(() => parseLabelSelector('a=b=c')).toThrow();
});

it('parses field selectors on any path, with unset spec.nodeName as the empty string', () => {
  expect(parseFieldSelector('spec.nodeName!=')!(pod({}, 'n1'))).toBe(true);
  expect(parseFieldSelector('spec.nodeName!=')!(pod({}))).toBe(false);
  expect(parseFieldSelector('metadata.name=p,metadata.namespace=ns')!(pod({}))).toBe(true);
  expect(parseFieldSelector('metadata.name==q')!(pod({}))).toBe(false);
});

it('matches metav1.LabelSelector objects and prints them as text', () => {
  const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] };
  expect(labelSelectorMatcher(selector)({ app: 'web', tier: 'front' })).toBe(true);
  expect(labelSelectorMatcher(selector)({ app: 'web', tier: 'db' })).toBe(false);
  expect(selectorText(selector)).toBe('app=web,tier notin (db)');
});
