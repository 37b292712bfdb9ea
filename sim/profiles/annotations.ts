import { isProfileName, type ProfileName, type ProfileOverrides } from './usage-profile.ts';

// Pod annotations that steer the simulated usage. Each key applies to every container of the pod;
// the same key suffixed with `.CONTAINER` (e.g. `sim.cluster-insight.io/cpu-cores.app`) applies to one.
export const PROFILE_ANNOTATION = 'sim.cluster-insight.io/profile';
/** Mean CPU demand in cores: the expected average usage is min(this, CPU limit). */
export const CPU_CORES_ANNOTATION = 'sim.cluster-insight.io/cpu-cores';
/** Base working set in bytes (leak: the working set at each container start). */
export const MEMORY_BYTES_ANNOTATION = 'sim.cluster-insight.io/memory-bytes';

export interface ContainerProfileSettings extends ProfileOverrides {
  profile?: ProfileName;
}

type Annotations = Readonly<Record<string, string>> | undefined;

export function profileSettingsFor(annotations: Annotations, container: string): ContainerProfileSettings {
  const read = (key: string) => annotations?.[`${key}.${container}`] ?? annotations?.[key];
  const profile = read(PROFILE_ANNOTATION)?.trim();
  return {
    profile: profile && isProfileName(profile) ? profile : undefined,
    cpuCores: positiveNumber(read(CPU_CORES_ANNOTATION)),
    memoryBytes: positiveNumber(read(MEMORY_BYTES_ANNOTATION)),
  };
}

function positiveNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
