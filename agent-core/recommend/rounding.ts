const MiB = 2 ** 20;
/** Steps stay within this share of the value, so rounding never adds more than a sliver. */
const STEP_SHARE = 0.025;

/** The largest of 1, 2, 5 × 10^k at or below `most`, and at least 1. */
function niceStep(most: number): number {
  if (most < 1) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(most)));
  for (const factor of [5, 2, 1]) if (factor * power <= most) return factor * power;
  return power;
}

/** Rounds up to a multiple of a 1-2-5 step within 2.5 % of the value: never below the target, never far above. */
function roundUpToNiceStep(value: number): number {
  if (!(value > 0)) return 0;
  const step = niceStep(value * STEP_SHARE);
  return Math.ceil(value / step - 1e-9) * step;
}

/** CPU rounded up to whole millicores in steps a person would write (1m at 40m, 2m at 120m, 20m at 1.2 cores). */
export function roundCpuUp(cores: number): number {
  return roundUpToNiceStep(cores * 1000) / 1000;
}

/** Memory rounded up to whole Mi in the same kind of steps (1Mi at 40Mi, 10Mi at 600Mi, 50Mi at 3Gi). */
export function roundMemoryUp(bytes: number): number {
  return roundUpToNiceStep(bytes / MiB) * MiB;
}

/** As Kubernetes quantities: "250m", "1.5", "512Mi", "2Gi". */
export function formatCpu(cores: number | null): string {
  if (cores === null) return 'none';
  const millicores = Math.round(cores * 1000);
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

export function formatMemory(bytes: number | null): string {
  if (bytes === null) return 'none';
  const mebibytes = bytes / MiB;
  if (mebibytes >= 1024 && Number.isInteger(mebibytes / 1024)) return `${mebibytes / 1024}Gi`;
  return Number.isInteger(mebibytes) ? `${mebibytes}Mi` : `${mebibytes.toFixed(1)}Mi`;
}
