import type { Check } from './check.ts';
import { AVAILABILITY_CHECKS } from './availability-checks.ts';
import { IMAGE_CHECKS } from './image-checks.ts';
import { NETWORKING_CHECKS } from './networking-checks.ts';
import { PROBE_CHECKS } from './probe-checks.ts';
import { RESOURCE_CHECKS } from './resource-checks.ts';
import { SECURITY_CHECKS } from './security-checks.ts';

/** Every check, in the order findings of one severity are listed. */
export const ALL_CHECKS: readonly Check[] = [
  ...RESOURCE_CHECKS,
  ...PROBE_CHECKS,
  ...AVAILABILITY_CHECKS,
  ...SECURITY_CHECKS,
  ...NETWORKING_CHECKS,
  ...IMAGE_CHECKS,
];
