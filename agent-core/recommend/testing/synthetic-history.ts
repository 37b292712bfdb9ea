import type { ContainerHistory, MinuteSeries, ResourceValues } from '../container-history.ts';

export const MiB = 2 ** 20;
export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** A Monday, 00:00 UTC. */
export const START = Date.UTC(2026, 0, 5);

export interface MinuteValues {
  cpu: number;
  mem: number;
  throttled?: number;
  oom?: boolean;
}

/** A series of `minutes` minutes from `start`, each from `valueAt(i)`; NaN where it returns undefined. */
export function seriesOf(minutes: number, valueAt: (i: number, t: number) => MinuteValues | undefined, start = START): MinuteSeries {
  const t = new Float64Array(minutes);
  const cpuCores = new Float64Array(minutes);
  const memoryBytes = new Float64Array(minutes);
  const throttledRatio = new Float64Array(minutes);
  const oomKills: number[] = [];
  for (let i = 0; i < minutes; i++) {
    t[i] = start + i * MINUTE;
    const v = valueAt(i, t[i]!);
    cpuCores[i] = v?.cpu ?? NaN;
    memoryBytes[i] = v?.mem ?? NaN;
    throttledRatio[i] = v?.throttled ?? NaN;
    if (v?.oom) oomKills.push(t[i]!);
  }
  return { t, cpuCores, memoryBytes, throttledRatio, oomKills };
}

export const settings = (s: Partial<ResourceValues> = {}): ResourceValues => ({ cpuRequest: 1, cpuLimit: null, memRequest: 1024 * MiB, memLimit: null, ...s });

export function historyOf(series: MinuteSeries, current: Partial<ResourceValues> = {}, extra: Partial<ContainerHistory> = {}): ContainerHistory {
  return { key: 'shop/Deployment/web/app', series: [series], current: settings(current), ...extra };
}

/** Deterministic jitter in [-0.5, 0.5) per minute (an LCG), so tests need no randomness. */
export function jitter(i: number, salt = 1): number {
  const x = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b);
  return ((x >>> 0) % 10_000) / 10_000 - 0.5;
}
