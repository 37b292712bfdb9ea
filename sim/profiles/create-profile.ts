import { ProfileBaseline } from './baseline.ts';
import { hashOf, unitInterval } from './seeded-random.ts';
import { cpuBoundProfile } from './shapes/cpu-bound.ts';
import { diurnalProfile } from './shapes/diurnal.ts';
import { idleProfile } from './shapes/idle.ts';
import { leakProfile } from './shapes/leak.ts';
import { spikyProfile } from './shapes/spiky.ts';
import { steadyProfile } from './shapes/steady.ts';
import type { ProfileInput, ProfileName, UsageProfile } from './usage-profile.ts';

const SHAPES: Record<ProfileName, (baseline: ProfileBaseline) => UsageProfile> = {
  steady: steadyProfile,
  diurnal: diurnalProfile,
  spiky: spikyProfile,
  leak: leakProfile,
  'cpu-bound': cpuBoundProfile,
  idle: idleProfile,
};

/** How often each profile is chosen for pods without the profile annotation. */
const SHARE_WITHOUT_ANNOTATION: ReadonlyArray<readonly [ProfileName, number]> = [
  ['steady', 0.3],
  ['diurnal', 0.25],
  ['spiky', 0.15],
  ['idle', 0.15],
  ['cpu-bound', 0.1],
  ['leak', 0.05],
];

/** The profile of a pod without the annotation: the same for all its containers, from the seed and the pod's name. */
export function defaultProfileName(seed: number, namespace: string, pod: string): ProfileName {
  let draw = unitInterval(hashOf(seed, 'profile', namespace, pod));
  for (const [name, share] of SHARE_WITHOUT_ANNOTATION) {
    if (draw < share) return name;
    draw -= share;
  }
  return 'steady';
}

export function createUsageProfile(input: ProfileInput & { profile?: ProfileName }): UsageProfile {
  const name = input.profile ?? defaultProfileName(input.seed, input.identity.namespace, input.identity.pod);
  return SHAPES[name](new ProfileBaseline(input));
}
