import { expect } from 'vitest';
import type { Inventory } from '../agent-core/inventory/index.ts';
import { KIND_INFO, type WatchedKind } from '../agent-core/inventory/watched-kinds.ts';
import type { Kubectl } from './kubectl.ts';

type Listed = { items: { metadata: { name: string; namespace?: string; uid: string } }[] };

const kubectlResource = (kind: WatchedKind) => (KIND_INFO[kind].group ? `${KIND_INFO[kind].resource}.${KIND_INFO[kind].group}` : KIND_INFO[kind].resource);

export async function kubectlIdentities(k: Kubectl, kind: WatchedKind, namespace?: string): Promise<string[]> {
  const scope = namespace ? ['-n', namespace] : ['-A'];
  const listed = await k.json<Listed>('get', kubectlResource(kind), ...scope, '-o', 'json');
  return listed.items.map((i) => `${i.metadata.namespace ?? ''}/${i.metadata.name} ${i.metadata.uid}`).sort();
}

export function inventoryIdentities(inventory: Pick<Inventory, 'entities'>, kind: WatchedKind, namespace?: string): string[] {
  return inventory
    .entities()
    .filter((e) => e.kind === kind && (namespace === undefined || e.namespace === namespace))
    .map((e) => `${e.namespace ?? ''}/${e.name} ${e.uid}`)
    .sort();
}

/** Waits until, for every kind, the inventory holds exactly what kubectl lists (names and uids); the cluster is live. */
export async function expectConverged(
  inventory: Pick<Inventory, 'entities'>,
  k: Kubectl,
  kinds: readonly WatchedKind[],
  namespace?: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const differences: string[] = [];
    for (const kind of kinds) {
      const expected = await kubectlIdentities(k, kind, namespace);
      const actual = inventoryIdentities(inventory, kind, namespace);
      if (JSON.stringify(expected) !== JSON.stringify(actual)) differences.push(`${kind}: kubectl ${JSON.stringify(expected)} inventory ${JSON.stringify(actual)}`);
    }
    if (differences.length === 0) return;
    if (Date.now() > deadline) expect(differences).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
  }
}
