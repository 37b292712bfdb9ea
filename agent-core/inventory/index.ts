// The live inventory: list + watch of workload specs, masked, with owner chains, LimitRange defaults and QoS.
export {
  startInventory,
  startInventoryForContext,
  type Inventory,
  type InventoryEvent,
  type InventoryForContextOptions,
  type InventoryOptions,
  type KindSync,
  type ReflectorTuning,
} from './inventory.ts';
export type { EntityChange, InventoryEntity } from './inventory-model.ts';
export type { ContainerView } from './container-views.ts';
export type { OwnerLink } from './owner-chain.ts';
export type { ResourceSource, ResourceValue, ResourceValues } from './limit-range-defaults.ts';
export type { QosClass } from './qos.ts';
export type { ListedContainer, ListedEntity, ListedOwner } from './inventory-listing.ts';
export type { Capability, CapabilityName, CapabilityReport, CapabilityStatus } from './capabilities.ts';
export type { AccessCheck, AccessResult } from './access-review.ts';
export type { ReflectorError, ReflectorState } from './reflector.ts';
export { MASK, maskObject } from './masking.ts';
export { autoscalerKey, autoscalerSpec, type AutoscalerSpec } from './autoscaler-spec.ts';
export { WATCHED_KINDS, type WatchedKind } from './watched-kinds.ts';
