import { describe, expect, it } from 'vitest';
import { formatBytes, formatCores, formatPercent, formatRatio } from './units.ts';

describe('formatCores', () => {
  it('uses millicores below one core and cores above', () => {
    expect(formatCores(0.25)).toBe('250m');
    expect(formatCores(0.0015)).toBe('1.5m');
    expect(formatCores(1)).toBe('1 core');
    expect(formatCores(1.5)).toBe('1.5 cores');
    expect(formatCores(24)).toBe('24 cores');
  });
  it('shows a dash for missing values', () => {
    expect(formatCores(null)).toBe('—');
    expect(formatCores(Number.NaN)).toBe('—');
  });
});

describe('formatBytes', () => {
  it('uses binary units, staying in Mi below a Gi', () => {
    expect(formatBytes(128 * 2 ** 20)).toBe('128Mi');
    expect(formatBytes(768 * 2 ** 20)).toBe('768Mi');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5Gi');
    expect(formatBytes(512)).toBe('512B');
    expect(formatBytes(null)).toBe('—');
  });
});

describe('percentages', () => {
  it('formats ratios and small shares', () => {
    expect(formatRatio(0.1234)).toBe('12%');
    expect(formatRatio(0.05)).toBe('5%');
    expect(formatPercent(0.05)).toBe('<0.1%');
    expect(formatPercent(0)).toBe('0%');
  });
});
