// Value and label formatting of the Prometheus text exposition format as client_golang writes it.

/** Go's strconv.FormatFloat(v, 'g', -1, 64): shortest digits, exponent form from 1e6 and below 1e-4. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e6) return String(value);
  const exponential = value.toExponential();
  const e = exponential.indexOf('e');
  const exponent = exponential.slice(e + 2);
  return `${exponential.slice(0, e + 2)}${exponent.length < 2 ? `0${exponent}` : exponent}`;
}

/** Escapes a label value: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;
}

export const label = (name: string, value: string): string => `${name}="${escapeLabelValue(value)}"`;
