import type { ResourceValues } from './container-history.ts';

/**
 * A recommendation's id: "rec-" and 16 hex digits hashing the container key with the proposed values in
 * millicores and bytes. The same proposal for the same container always gets the same id, across runs
 * and machines, so a dismissal or an applied mark sticks to it; a different proposal is a new id.
 */
export function recommendationId(container: string, proposed: ResourceValues): string {
  const text = [container, milli(proposed.cpuRequest), milli(proposed.cpuLimit), proposed.memRequest ?? '-', proposed.memLimit ?? '-'].join('|');
  return `rec-${hex(hash32(text, 0x9e3779b9))}${hex(hash32(text, 0x85ebca6b))}`;
}

const milli = (cores: number | null) => (cores === null ? '-' : Math.round(cores * 1000));
const hex = (n: number) => n.toString(16).padStart(8, '0');

/** FNV-1a over UTF-16 code units from a seed, then murmur3's finaliser: two seeds give 64 well-mixed bits. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
