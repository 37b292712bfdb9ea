import type { PromSample } from './cadvisor-samples.ts';

/**
 * The CPU limit the cgroup enforces, in cores: quota / period (both in microseconds). Null without a quota
 * (cAdvisor reports -1 or nothing for an unlimited container) or without a usable period.
 */
export function cpuLimitCores(quota: PromSample | null, period: PromSample | null): number | null {
  if (quota === null || period === null || quota.value <= 0 || period.value <= 0) return null;
  return quota.value / period.value;
}
