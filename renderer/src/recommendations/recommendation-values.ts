import type { RecommendationRow, ResourceValuesView } from '../../../agent-core/contract/app-contract.ts';
import { formatBytes, formatCores } from '../format/units.ts';

export type ResourceField = keyof ResourceValuesView;

export const RESOURCE_FIELDS: readonly { field: ResourceField; label: string; short: string; resource: 'cpu' | 'memory'; limit: boolean }[] = [
  { field: 'cpuRequest', label: 'CPU request', short: 'CPU req', resource: 'cpu', limit: false },
  { field: 'cpuLimit', label: 'CPU limit', short: 'CPU lim', resource: 'cpu', limit: true },
  { field: 'memRequest', label: 'Memory request', short: 'Mem req', resource: 'memory', limit: false },
  { field: 'memLimit', label: 'Memory limit', short: 'Mem lim', resource: 'memory', limit: true },
];

/**
 * How a proposed value moves from the current one. A missing limit is no limit (unbounded): taking it away
 * is 'removed', setting one where there was none is 'added'; a missing request that gets one is 'added' too.
 */
export type ValueChange = 'same' | 'raised' | 'lowered' | 'removed' | 'added';

export function valueChange(current: number | null, proposed: number | null): ValueChange {
  if (current === null && proposed === null) return 'same';
  if (current === null) return 'added';
  if (proposed === null) return 'removed';
  // The core rounds to millicores and whole Mi: closer than a millionth is the same value.
  if (Math.abs(proposed - current) <= Math.abs(current) * 1e-6) return 'same';
  return proposed > current ? 'raised' : 'lowered';
}

/** A value as the table shows it: "250m", "512Mi", or "none" where nothing is set. */
export function formatValue(resource: 'cpu' | 'memory', value: number | null): string {
  if (value === null) return 'none';
  return resource === 'cpu' ? formatCores(value) : formatBytes(value);
}

export const CHANGE_LABEL: Record<ValueChange, string> = {
  same: 'unchanged',
  raised: 'raised',
  lowered: 'lowered',
  removed: 'removed',
  added: 'set',
};

/** The signals the engine reports, in the order of how much they weigh in the risk sort. */
export const SIGNALS: readonly { key: keyof RecommendationRow['signals']; label: string; description: string }[] = [
  { key: 'oomKilled', label: 'OOM-killed', description: 'A container was killed for going over its memory limit' },
  { key: 'pinned', label: 'pinned', description: 'Held at its CPU limit: throttled in most periods most of the time, so its real demand is unknown' },
  { key: 'throttled', label: 'throttled', description: 'Throttled above the threshold: its CPU limit must not go down' },
  { key: 'leaking', label: 'leaking', description: 'Its working set grows within each container life' },
  { key: 'levelShift', label: 'level shift', description: 'Its usage changed level (e.g. after a deploy): the proposal follows the new level' },
];
