import { expect, it } from 'vitest';
import type { Inventory, InventoryEvent } from '../inventory/index.ts';
import { memoOverInventory } from './inventory-memo.ts';

function fakeInventory() {
  const listeners = new Set<(event: InventoryEvent) => void>();
  const inventory = { subscribe: (l: (event: InventoryEvent) => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as Inventory;
  return { inventory, change: () => listeners.forEach((l) => l({ type: 'capabilities', report: { checks: [], capabilities: [] } })) };
}

it('recomputes only after the inventory changed, per inventory', () => {
  let computed = 0;
  const memo = memoOverInventory(() => ++computed);
  const a = fakeInventory();
  const b = fakeInventory();
  expect([memo(a.inventory), memo(a.inventory)]).toEqual([1, 1]);
  a.change();
  expect([memo(a.inventory), memo(a.inventory)]).toEqual([2, 2]);
  expect(memo(b.inventory)).toBe(3);
  expect(memo(a.inventory)).toBe(2);
});
