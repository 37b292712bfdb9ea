// Deterministic randomness for the simulator: every "random" choice is a hash of the fleet seed and
// the identity of what is being chosen, so a run can be replayed exactly.

/** Murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines a 32-bit hash with an integer (which may exceed 32 bits, such as a time-cell index). */
export function hashInteger(h: number, value: number): number {
  const low = value >>> 0;
  const high = Math.floor(value / 0x1_0000_0000) >>> 0;
  return fmix32(Math.imul(h ^ low, 0x9e3779b1) + fmix32(high ^ 0x7f4a7c15));
}

/** Combines a 32-bit hash with a string (FNV-1a over UTF-16 code units, then mixed). */
export function hashText(h: number, text: string): number {
  let x = (h ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < text.length; i++) {
    x ^= text.charCodeAt(i);
    x = Math.imul(x, 0x01000193);
  }
  return fmix32(x);
}

/** A hash of a seed and a path of names and numbers. */
export function hashOf(seed: number, ...parts: ReadonlyArray<string | number>): number {
  let h = fmix32(seed >>> 0);
  for (const part of parts) h = typeof part === 'number' ? hashInteger(h, part) : hashText(h, part);
  return h;
}

/** Maps a 32-bit hash to [0, 1). */
export function unitInterval(hash: number): number {
  return hash / 0x1_0000_0000;
}

/** A seeded stream (mulberry32) for choosing several parameters of one thing in order. */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** Uniform in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** An integer in [low, high). */
  integer(low: number, high: number): number {
    return Math.floor(this.between(low, high));
  }

  /** Lowercase hex digits, for fake container ids and digests. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    return out.slice(0, length);
  }
}
