import type { ContainerMinuteSample, WorkloadIdentity } from '../sample-types.ts';

export const MIB = 1024 * 1024;
/** A Monday 08:00 UTC: on an hour boundary, so minute n of a test is minute n of its hour. */
export const T0 = Date.UTC(2025, 0, 6, 8);
export const minuteAt = (n: number) => T0 + n * 60_000;

export const WEB: WorkloadIdentity = { kind: 'Deployment', namespace: 'shop', name: 'web', uid: 'uid-web' };
export const DB: WorkloadIdentity = { kind: 'StatefulSet', namespace: 'shop', name: 'db', uid: 'uid-db' };

/** A container's sample at minute n of the test; usage follows n so every minute is recognisable. */
export function sampleAt(containerKey: string, n: number, overrides: Partial<ContainerMinuteSample> = {}): ContainerMinuteSample {
  return {
    containerKey,
    workload: WEB,
    minute: minuteAt(n),
    cpuCores: (100 + (n % 50)) / 1000,
    memoryWorkingSetBytes: 100 * MIB + n * 1024,
    memoryRssBytes: 80 * MIB - n * 1024,
    throttledRatio: (n % 10) / 100,
    cpuRequest: 0.5,
    cpuLimit: 1,
    memRequest: 128 * MIB,
    memLimit: 256 * MIB,
    ...overrides,
  };
}
