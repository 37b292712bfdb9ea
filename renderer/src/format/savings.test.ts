import { describe, expect, it } from 'vitest';
import { formatBytesFreed, formatCoresFreed, savingsDirection, savingsSentence, savingsTotals } from './savings.ts';

const MI = 2 ** 20;

describe('savings', () => {
  it('signs what is freed and what is added', () => {
    expect(formatCoresFreed(0.25)).toBe('250m');
    expect(formatCoresFreed(0.09000000000000001)).toBe('90m');
    expect(formatCoresFreed(-0.184)).toBe('−184m');
    expect(formatCoresFreed(1.5)).toBe('1.5 cores');
    expect(formatBytesFreed(96 * MI)).toBe('96Mi');
    expect(formatBytesFreed(-440 * MI)).toBe('−440Mi');
  });
  it('treats rounding noise as no change', () => {
    expect(formatCoresFreed(0.0001)).toBe('0');
    expect(formatBytesFreed(-1024)).toBe('0');
    expect(savingsDirection(Number.NaN, 'cpu')).toBe('none');
  });
  it('says it in words', () => {
    expect(savingsSentence({ cpuCoresFreed: 0.25, memoryBytesFreed: 96 * MI })).toBe('Frees 250m CPU and 96Mi memory of requests across the replicas.');
    expect(savingsSentence({ cpuCoresFreed: -0.5, memoryBytesFreed: 0 })).toBe('Requests 500m CPU more.');
    expect(savingsSentence({ cpuCoresFreed: 0.1, memoryBytesFreed: -64 * MI })).toBe('Frees 100m CPU of requests across the replicas; requests 64Mi memory more.');
    expect(savingsSentence({ cpuCoresFreed: 0, memoryBytesFreed: 0 })).toBe('Requests stay as they are.');
  });
  it('totals freed and added apart', () => {
    const effect = (cpuCoresFreed: number, memoryBytesFreed: number) => ({ effect: { cpuCoresFreed, memoryBytesFreed, risksRemoved: [] } });
    expect(savingsTotals([effect(0.5, 100), effect(-0.2, -50), effect(0.1, 0)])).toEqual({ cpuFreed: 0.6, cpuAdded: 0.2, memoryFreed: 100, memoryAdded: 50 });
  });
});
