import { UserFacingError } from '../kube/user-facing-error.ts';

/** Cores as the API server writes them back: millicores ("250m"), whole cores without a suffix ("2"). */
export function formatCpu(cores: number): string {
  const millis = Math.round(cores * 1000);
  if (!(millis > 0)) throw new UserFacingError('invalid-value', `Not previewed: a CPU value must be at least 1m, not ${cores} cores. The recommendation is wrong here; report it, and set the value by hand meanwhile.`);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

const MI = 1024 * 1024;

/** Bytes as Mi when exact (what people write), else plain bytes (never rounded: a limit must not move silently). */
export function formatMemory(bytes: number): string {
  const whole = Math.round(bytes);
  if (!(whole > 0)) throw new UserFacingError('invalid-value', `Not previewed: a memory value must be positive, not ${bytes} bytes. The recommendation is wrong here; report it, and set the value by hand meanwhile.`);
  return whole % MI === 0 ? `${whole / MI}Mi` : String(whole);
}
