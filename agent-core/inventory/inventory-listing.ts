import type { InventoryEntity } from './inventory-model.ts';
import type { ResourceValues } from './limit-range-defaults.ts';
import { WATCHED_KINDS } from './watched-kinds.ts';

export interface ListedOwner {
  kind: string;
  name: string;
  uid: string;
  uuid: string;
}

export interface ListedContainer {
  name: string;
  init: boolean;
  requests: ResourceValues;
  limits: ResourceValues;
  restarts?: number;
  lastTerminationReason?: string;
}

/** One entity as `cluster-insight inventory --json` prints it. */
export interface ListedEntity {
  kind: string;
  namespace: string | null;
  name: string;
  uid: string;
  uuid: string;
  /** Nearest owner first. */
  ownerChain: ListedOwner[];
  /** The top-level controller (the last owner), null for a top-level object or bare pod. */
  controller: ListedOwner | null;
  qosClass: string | null;
  containers: ListedContainer[];
}

const owner = ({ kind, name, uid, uuid }: ListedOwner): ListedOwner => ({ kind, name, uid, uuid });

function container(c: InventoryEntity['containers'][number]): ListedContainer {
  return {
    name: c.name,
    init: c.init,
    requests: c.requests,
    limits: c.limits,
    ...(c.restarts === undefined ? {} : { restarts: c.restarts }),
    ...(c.lastTerminationReason ? { lastTerminationReason: c.lastTerminationReason } : {}),
  };
}

const kindOrder = (kind: string) => (WATCHED_KINDS as readonly string[]).indexOf(kind);

/** The entities as plain JSON, in a stable order: by kind (pods first), then namespace, then name. */
export function listEntities(entities: InventoryEntity[]): ListedEntity[] {
  return [...entities]
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name))
    .map((e) => ({
      kind: e.kind,
      namespace: e.namespace ?? null,
      name: e.name,
      uid: e.uid,
      uuid: e.uuid,
      ownerChain: e.ownerChain.map(owner),
      controller: e.controller ? owner(e.controller) : null,
      qosClass: e.qosClass ?? null,
      containers: e.containers.map(container),
    }));
}
