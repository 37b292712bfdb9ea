import { describe, expect, it } from 'vitest';
import { parseQuantity, sameQuantity } from '../contract/quantity.ts';
import { qosClass } from './qos.ts';

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['2k', 2000],
    ['1e3', 1000],
    ['100n', 1e-7],
  ])('%s = %d', (text, value) => expect(parseQuantity(text)).toBeCloseTo(value, 12));

  it('is NaN for what is not a quantity', () => {
    expect(parseQuantity('lots')).toBeNaN();
    expect(parseQuantity('1Xi')).toBeNaN();
  });

  it('compares amounts, not spellings', () => {
    expect(sameQuantity('1', '1000m')).toBe(true);
    expect(sameQuantity('1Gi', '1073741824')).toBe(true);
    expect(sameQuantity('1Gi', '1G')).toBe(false);
  });
});

describe('qosClass (the kubelet\u2019s rules)', () => {
  const c = (requests: Record<string, string>, limits: Record<string, string> = {}) => ({ requests, limits });

  it('BestEffort: no CPU or memory request or limit anywhere (other resources do not count)', () => {
    expect(qosClass([c({}), c({ 'ephemeral-storage': '1Gi' })])).toBe('BestEffort');
    expect(qosClass([])).toBe('BestEffort');
  });

  it('Guaranteed: every container has CPU and memory limits equal to its requests', () => {
    expect(qosClass([c({ cpu: '1', memory: '1Gi' }, { cpu: '1000m', memory: '1Gi' }), c({ cpu: '200m', memory: '64Mi' }, { cpu: '200m', memory: '64Mi' })])).toBe('Guaranteed');
  });

  it('Burstable: a container without limits, or requests below limits', () => {
    expect(qosClass([c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), c({})])).toBe('Burstable');
    expect(qosClass([c({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })])).toBe('Burstable');
    expect(qosClass([c({ memory: '1Gi' }, { memory: '1Gi' })])).toBe('Burstable');
  });

  it('zero quantities count as unset', () => {
    expect(qosClass([c({ cpu: '0' }, { memory: '0' })])).toBe('BestEffort');
  });
});
