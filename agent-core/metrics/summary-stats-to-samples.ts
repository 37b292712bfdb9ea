import { parseKubeletTime, type KubeletTime } from './kubelet-time.ts';
import type { CpuStats, MemoryStats } from './summary-schema.ts';
import type { CpuSample, MemorySample } from './summary-samples.ts';

/** A time field that is not RFC 3339: the entry holding it is unusable. */
export class InvalidTimeError extends Error {
  constructor(path: string, text: string) {
    super(`${path}: ${JSON.stringify(text)} is not an RFC 3339 time`);
    this.name = 'InvalidTimeError';
  }
}

/** The time of a field that may be absent; throws InvalidTimeError when present but unreadable. */
export function optionalTime(text: string | null | undefined, path: string): KubeletTime | null {
  if (text === null || text === undefined) return null;
  const time = parseKubeletTime(text);
  if (time === null) throw new InvalidTimeError(path, text);
  return time;
}

// A sample without a time cannot be dated, so it is as good as absent (Go writes a zero time as null).

export function cpuSampleOf(stats: CpuStats, path: string): CpuSample | null {
  const time = optionalTime(stats?.time, `${path}.time`);
  if (!stats || time === null) return null;
  return { time, usageCoreNanoSeconds: stats.usageCoreNanoSeconds ?? null, usageNanoCores: stats.usageNanoCores ?? null };
}

export function memorySampleOf(stats: MemoryStats, path: string): MemorySample | null {
  const time = optionalTime(stats?.time, `${path}.time`);
  if (!stats || time === null) return null;
  return {
    time,
    workingSetBytes: stats.workingSetBytes ?? null,
    rssBytes: stats.rssBytes ?? null,
    usageBytes: stats.usageBytes ?? null,
    availableBytes: stats.availableBytes ?? null,
  };
}
