import { isPlainObject, type Json } from './kube-object.ts';

const BINARY: [string, number][] = [['Ei', 60], ['Pi', 50], ['Ti', 40], ['Gi', 30], ['Mi', 20], ['Ki', 10]];
const DECIMAL: [string, number][] = [['E', 18], ['P', 15], ['T', 12], ['G', 9], ['M', 6], ['k', 3], ['', 0], ['m', -3], ['u', -6], ['n', -9]];
const DECIMAL_FACTOR: Record<string, number> = Object.fromEntries(DECIMAL.map(([s, e]) => [s, e]));
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** value × 10^exp as an exact decimal string of digits (BigInt arithmetic on the mantissa). */
function toNanoUnits(number: string, exp10: number): bigint | undefined {
  // Work in units of 10^-9 so every decimal suffix stays integral.
  const [intPart, frac = ''] = number.replace(/^\+/, '').split('.');
  const negative = intPart!.startsWith('-');
  const digits = `${intPart!.replace('-', '')}${frac}`;
  let scale = exp10 + 9 - frac.length;
  let value = BigInt(digits || '0');
  if (scale >= 0) value *= 10n ** BigInt(scale);
  else {
    const div = 10n ** BigInt(-scale);
    // Round up, as the real server does for precision below a nano.
    value = (value + div - 1n) / div;
    scale = 0;
  }
  return negative ? -value : value;
}

/**
 * A quantity in the canonical form the API server stores and returns (resource.Quantity's String()):
 * "1024Mi" → "1Gi", "0.5" → "500m", "1000m" → "1", "1.5Gi" → "1536Mi". Exponent forms and anything
 * unparseable are returned unchanged.
 */
export function canonicalQuantity(text: string): string {
  const m = QUANTITY.exec(text.trim());
  if (!m || m[2]) return text;
  const [, number, , suffix = ''] = m;
  const binary = BINARY.find(([s]) => s === suffix);
  let nanos: bigint | undefined;
  if (binary) {
    const n = toNanoUnits(number!, 0);
    if (n === undefined) return text;
    nanos = n * 2n ** BigInt(binary[1]);
  } else {
    nanos = toNanoUnits(number!, DECIMAL_FACTOR[suffix] ?? 0);
  }
  if (nanos === undefined) return text;
  const negative = nanos < 0n;
  const abs = negative ? -nanos : nanos;
  const sign = negative ? '-' : '';
  if (abs === 0n) return '0';
  const GIGA = 1_000_000_000n;
  if (binary && abs % GIGA === 0n) {
    const bytes = abs / GIGA;
    if (bytes >= 1024n) {
      for (const [s, e] of BINARY) {
        const f = 2n ** BigInt(e);
        if (bytes % f === 0n) return `${sign}${bytes / f}${s}`;
      }
      return `${sign}${bytes}`;
    }
  }
  // Decimal SI: the largest power of 1000 that keeps the mantissa an integer.
  for (const [s, e] of DECIMAL) {
    const unit = 10n ** BigInt(e + 9);
    if (abs % unit === 0n) return `${sign}${abs / unit}${s}`;
  }
  return `${sign}${abs}n`;
}

const QUANTITY_MAPS = new Set(['requests', 'limits', 'capacity', 'allocatable', 'max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio', 'hard', 'used', 'overhead']);

/** Canonicalizes every resource list (requests, limits, capacity, LimitRange bounds…) inside an object. */
export function canonicalizeQuantities(value: Json, key = ''): void {
  if (Array.isArray(value)) {
    for (const v of value) canonicalizeQuantities(v);
    return;
  }
  if (!isPlainObject(value)) return;
  const v = value as Record<string, Json>;
  if (QUANTITY_MAPS.has(key) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number')) {
    for (const [k, x] of Object.entries(v)) v[k] = canonicalQuantity(String(x));
    return;
  }
  for (const [k, x] of Object.entries(v)) if (x && typeof x === 'object') canonicalizeQuantities(x, k);
}
