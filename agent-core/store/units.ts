// The store keeps integers on disk, in the coarsest unit that still answers every question asked of
// it: CPU in millicores (Kubernetes' own smallest CPU unit), memory in KiB (charts show MiB, requests
// are set in Mi), throttling in thousandths. Small integers are what make a minute fit in a few bytes.

export const MS_PER_MINUTE = 60_000;
export const MINUTES_PER_HOUR = 60;
export const MS_PER_DAY = 24 * MINUTES_PER_HOUR * MS_PER_MINUTE;

/** Minutes since the epoch, for a ms timestamp that is already on a minute boundary. */
export function minuteIndexOf(minuteMs: number): number {
  if (!Number.isSafeInteger(minuteMs) || minuteMs % MS_PER_MINUTE !== 0 || minuteMs < 0) {
    throw new RangeError(`A sample's minute must be a non-negative ms timestamp on a minute boundary, not ${minuteMs}.`);
  }
  return minuteMs / MS_PER_MINUTE;
}

export const hourOfMinute = (minute: number): number => Math.floor(minute / MINUTES_PER_HOUR);
export const floorToMinute = (ms: number): number => Math.floor(ms / MS_PER_MINUTE);
export const ceilToMinute = (ms: number): number => Math.ceil(ms / MS_PER_MINUTE);

const present = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

export const coresToMillicores = (cores: number | null | undefined): number | null => (present(cores) ? Math.max(0, Math.round(cores * 1000)) : null);
export const bytesToKib = (bytes: number | null | undefined): number | null => (present(bytes) ? Math.max(0, Math.round(bytes / 1024)) : null);
export const ratioToPermille = (ratio: number | null | undefined): number | null =>
  present(ratio) ? Math.min(1000, Math.max(0, Math.round(ratio * 1000))) : null;
/** Requests and limits are exact quantities (128Mi, 1Gi, 500M), so memory settings keep whole bytes. */
export const wholeBytes = (bytes: number | null | undefined): number | null => (present(bytes) ? Math.max(0, Math.round(bytes)) : null);

export const millicoresToCores = (millicores: number): number => millicores / 1000;
export const kibToBytes = (kib: number): number => kib * 1024;
export const permilleToRatio = (permille: number): number => permille / 1000;
