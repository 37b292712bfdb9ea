// Kubernetes resource quantities ("500m", "1.5", "128Mi", "1G", "2e3") as plain numbers.

const SUFFIX_FACTORS: Record<string, number> = {
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

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/;

/** The quantity's value (cores for CPU, bytes for memory), or undefined when it is not a quantity. */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const factor = SUFFIX_FACTORS[match[2]!];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}
