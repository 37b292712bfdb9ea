const SUFFIX_FACTOR: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/;

/** A Kubernetes resource quantity ("250m", "1.5", "128Mi", "1e3") as a number of base units; NaN when malformed. */
export function parseQuantity(text: string): number {
  const match = QUANTITY.exec(text.trim());
  if (!match) return Number.NaN;
  const [, number, exponent, suffix = ''] = match;
  if (exponent) return Number(`${number}${exponent}`);
  const factor = SUFFIX_FACTOR[suffix];
  return factor === undefined ? Number.NaN : Number(number) * factor;
}

/** "1" and "1000m", or "1Gi" and "1073741824", are the same amount. */
export function sameQuantity(a: string, b: string): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a === b;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}
