// Entities as the gateway receives them: a snapshot (in parts) on each connection, then deltas from the watch.
// Objects come from the inventory, already masked (env values, args, last-applied-configuration); with hashed names
// the raw object is left out, since names are all over it.
import type { EntityChange, InventoryEntity } from '../inventory/index.ts';
import type { NameHasher } from './name-privacy.ts';

export const SNAPSHOT_PART_SIZE = 500;

export interface RelayEntity {
  uuid: string;
  uid: string;
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  resourceVersion: string;
  ownerChain: { kind: string; name: string; uuid: string }[];
  controllerUuid?: string;
  containers: { name: string; init: boolean; image?: string; requests: unknown; limits: unknown; restarts?: number; lastTerminationReason?: string }[];
  qosClass?: string;
  nodeName?: string;
  phase?: string;
  labels?: Record<string, string>;
  /** The masked object; absent when names are hashed. */
  object?: unknown;
}

export type EntitiesBody =
  | { mode: 'snapshot'; snapshotId: string; part: number; parts: number; entities: RelayEntity[] }
  | { mode: 'delta'; changes: { type: EntityChange['type']; entity: RelayEntity }[] };

export function relayEntity(e: InventoryEntity, names: NameHasher): RelayEntity {
  const hashed = names.enabled;
  return {
    uuid: e.uuid,
    uid: e.uid,
    kind: e.kind,
    apiVersion: e.apiVersion,
    namespace: names.name(e.namespace),
    name: names.name(e.name),
    resourceVersion: e.resourceVersion,
    ownerChain: e.ownerChain.map((o) => ({ kind: o.kind, name: names.name(o.name), uuid: o.uuid })),
    controllerUuid: e.controller?.uuid,
    containers: e.containers.map((c) => ({
      name: names.name(c.name),
      init: c.init,
      image: hashed ? undefined : c.image,
      requests: c.requests,
      limits: c.limits,
      restarts: c.restarts,
      lastTerminationReason: c.lastTerminationReason,
    })),
    qosClass: e.qosClass,
    nodeName: names.name(e.nodeName),
    phase: e.phase,
    labels: hashed ? undefined : e.labels,
    object: hashed ? undefined : e.object,
  };
}

/** The snapshot as packet bodies of at most SNAPSHOT_PART_SIZE entities each (at least one, even when empty). */
export function snapshotBodies(entities: readonly InventoryEntity[], names: NameHasher, snapshotId: string): EntitiesBody[] {
  const parts = Math.max(1, Math.ceil(entities.length / SNAPSHOT_PART_SIZE));
  const bodies: EntitiesBody[] = [];
  for (let part = 0; part < parts; part++) {
    const slice = entities.slice(part * SNAPSHOT_PART_SIZE, (part + 1) * SNAPSHOT_PART_SIZE);
    bodies.push({ mode: 'snapshot', snapshotId, part, parts, entities: slice.map((e) => relayEntity(e, names)) });
  }
  return bodies;
}

export function deltaBody(changes: readonly EntityChange[], names: NameHasher): EntitiesBody {
  return { mode: 'delta', changes: changes.map((c) => ({ type: c.type, entity: relayEntity(c.entity, names) })) };
}
