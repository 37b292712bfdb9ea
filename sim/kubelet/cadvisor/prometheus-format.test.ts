import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatSampleValue } from './prometheus-format.ts';

describe('Prometheus value and label formatting', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [2715.5, '2715.5'],
    [100000, '100000'],
    [999999, '999999'],
    [1048576, '1.048576e+06'],
    [536870912, '5.36870912e+08'],
    [1.6706146304e10, '1.6706146304e+10'],
    [0.0001, '0.0001'],
    [0.00001234, '1.234e-05'],
    [-3e-7, '-3e-07'],
    [1e100, '1e+100'],
    [Number.NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('formats %d as Go does: %s', (value, text) => {
    expect(formatSampleValue(value)).toBe(text);
  });

  it('escapes backslash, quote and line feed in label values', () => {
    expect(escapeLabelValue('plain/path:1.0')).toBe('plain/path:1.0');
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });
});
