import type { Inventory } from '../inventory/index.ts';

/**
 * A value derived from the inventory, recomputed only after the inventory changed: the readiness report over
 * 10k workloads costs a few hundred milliseconds, too much for every table refresh.
 */
export function memoOverInventory<T>(compute: (inventory: Inventory) => T): (inventory: Inventory) => T {
  const cached = new WeakMap<Inventory, { value: T; stale: boolean }>();
  return (inventory) => {
    let entry = cached.get(inventory);
    if (!entry) {
      const fresh: { value: T; stale: boolean } = { value: compute(inventory), stale: false };
      inventory.subscribe(() => (fresh.stale = true));
      cached.set(inventory, fresh);
      return fresh.value;
    }
    if (entry.stale) entry = Object.assign(entry, { value: compute(inventory), stale: false });
    return entry.value;
  };
}
