// Kubernetes users read CPU in millicores or cores and memory in binary units (Mi, Gi); these match kubectl's
// vocabulary rather than SI prefixes.

const DASH = '—';

/** 0.25 → "250m", 1.5 → "1.5 cores", null → "—". */
export function formatCores(cores: number | null | undefined): string {
  if (cores === null || cores === undefined || !Number.isFinite(cores)) return DASH;
  if (cores === 0) return '0';
  if (Math.abs(cores) < 1) {
    const milli = cores * 1000;
    return `${milli < 10 ? trim(milli, 1) : Math.round(milli)}m`;
  }
  return `${trim(cores, cores < 10 ? 2 : 1)} ${Math.abs(cores) === 1 ? 'core' : 'cores'}`;
}

const BINARY_UNITS = [
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
] as const;

/** 134217728 → "128Mi", 1.5 GiB → "1.5Gi", null → "—". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return DASH;
  if (bytes === 0) return '0';
  for (const [unit, size] of BINARY_UNITS) {
    // Below 1Gi stay in Mi ("768Mi" reads better than "0.75Gi"), as kubectl manifests usually do.
    if (Math.abs(bytes) >= size) return `${trim(bytes / size, bytes / size < 10 ? 2 : 1)}${unit}`;
  }
  return `${Math.round(bytes)}B`;
}

/** A ratio 0..1 as a percentage: 0.1234 → "12.3%". */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  return formatPercent(ratio * 100);
}

export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return DASH;
  if (percent === 0) return '0%';
  if (Math.abs(percent) < 0.1) return '<0.1%';
  return `${trim(percent, Math.abs(percent) < 10 ? 1 : 0)}%`;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return n.toLocaleString();
}

/** Up to `digits` decimals, without trailing zeros. */
function trim(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}
