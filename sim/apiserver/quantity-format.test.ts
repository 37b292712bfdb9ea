import { describe, expect, it } from 'vitest';
import { canonicalizeQuantities, canonicalQuantity } from './quantity-format.ts';

describe('canonicalQuantity', () => {
  it.each([
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['0.5Ki', '512'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['2000', '2k'],
    ['1200', '1200'],
    ['100m', '100m'],
    ['0.1', '100m'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['0', '0'],
    ['250m', '250m'],
    ['2', '2'],
    ['1Gi', '1Gi'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });
});

it('canonicalizes resource maps inside pod specs and LimitRanges, and nothing else', () => {
  const obj = {
    metadata: { labels: { max: '1000m' } },
    spec: {
      containers: [{ name: 'a', resources: { requests: { cpu: '1000m', memory: '1024Mi' }, limits: { cpu: '0.5' } } }],
      limits: [{ type: 'Container', max: { cpu: '2000m' }, default: { memory: '2048Mi' } }],
    },
  };
  canonicalizeQuantities(obj);
  expect(obj.spec.containers[0]!.resources).toEqual({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '500m' } });
  expect(obj.spec.limits[0]).toEqual({ type: 'Container', max: { cpu: '2' }, default: { memory: '2Gi' } });
  expect(obj.metadata.labels.max).toBe('1000m');
});
