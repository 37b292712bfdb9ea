import type { RecommendationRow } from '../../../agent-core/contract/app-contract.ts';
import { formatBytes, formatCores } from './units.ts';

type Effect = RecommendationRow['effect'];

// Below these a change is rounding noise (the core rounds to millicores and Mi): shown as no change.
const CORES_EPSILON = 0.0005;
const BYTES_EPSILON = 2 ** 19;

export type SavingsDirection = 'frees' | 'adds' | 'none';

export function savingsDirection(value: number, kind: 'cpu' | 'memory'): SavingsDirection {
  if (!Number.isFinite(value) || Math.abs(value) < (kind === 'cpu' ? CORES_EPSILON : BYTES_EPSILON)) return 'none';
  return value > 0 ? 'frees' : 'adds';
}

/** Requests freed, signed for a table cell: 0.25 → "250m", -0.184 → "−184m" (more is requested), 0 → "0". */
export function formatCoresFreed(cores: number): string {
  const direction = savingsDirection(cores, 'cpu');
  if (direction === 'none') return '0';
  return `${direction === 'adds' ? '−' : ''}${formatCores(Math.abs(cores))}`;
}

/** As formatCoresFreed, in binary units: 100663296 → "96Mi", -461373440 → "−440Mi". */
export function formatBytesFreed(bytes: number): string {
  const direction = savingsDirection(bytes, 'memory');
  if (direction === 'none') return '0';
  return `${direction === 'adds' ? '−' : ''}${formatBytes(Math.abs(bytes))}`;
}

/** The effect in words: "Frees 250m CPU and 96Mi memory of requests across the replicas". */
export function savingsSentence(effect: Pick<Effect, 'cpuCoresFreed' | 'memoryBytesFreed'>): string {
  const parts: { frees: string[]; adds: string[] } = { frees: [], adds: [] };
  const cpu = savingsDirection(effect.cpuCoresFreed, 'cpu');
  const memory = savingsDirection(effect.memoryBytesFreed, 'memory');
  if (cpu !== 'none') parts[cpu].push(`${formatCores(Math.abs(effect.cpuCoresFreed))} CPU`);
  if (memory !== 'none') parts[memory].push(`${formatBytes(Math.abs(effect.memoryBytesFreed))} memory`);
  const sentences: string[] = [];
  if (parts.frees.length) sentences.push(`Frees ${parts.frees.join(' and ')} of requests across the replicas`);
  if (parts.adds.length) sentences.push(`${parts.frees.length ? 'requests' : 'Requests'} ${parts.adds.join(' and ')} more`);
  return sentences.length ? `${sentences.join('; ')}.` : 'Requests stay as they are.';
}

export interface SavingsTotals {
  cpuFreed: number;
  cpuAdded: number;
  memoryFreed: number;
  memoryAdded: number;
}

/** What a set of recommendations frees and adds in all, apart: a net figure would hide both. */
export function savingsTotals(rows: readonly Pick<RecommendationRow, 'effect'>[]): SavingsTotals {
  const totals: SavingsTotals = { cpuFreed: 0, cpuAdded: 0, memoryFreed: 0, memoryAdded: 0 };
  for (const { effect } of rows) {
    if (effect.cpuCoresFreed > 0) totals.cpuFreed += effect.cpuCoresFreed;
    else totals.cpuAdded -= effect.cpuCoresFreed;
    if (effect.memoryBytesFreed > 0) totals.memoryFreed += effect.memoryBytesFreed;
    else totals.memoryAdded -= effect.memoryBytesFreed;
  }
  return totals;
}
