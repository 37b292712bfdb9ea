import type { KubeConfig } from '@kubernetes/client-node';
import { errorTargetOf, explainKubeError } from '../kube/explain-error.ts';
import { kubeConfigForContext, type KubeClientOptions } from '../kube/kube-client.ts';
import { kubeRequestJson } from '../kube/kube-request.ts';
import { resolveContext } from '../kube/kubeconfig-context.ts';
import { loadKubeconfig, type KubeconfigLocationOptions } from '../kube/kubeconfig-files.ts';
import { reviewAccess, type AccessResult } from './access-review.ts';
import { discoverResources } from './api-discovery.ts';
import { accessChecks, assessCapabilities, withRuntimeDenial, type CapabilityReport } from './capabilities.ts';
import { clusterUuid } from './entity-uuid.ts';
import { InventoryModel, type EntityChange, type InventoryEntity } from './inventory-model.ts';
import { listEntities, type ListedEntity } from './inventory-listing.ts';
import { maskObject } from './masking.ts';
import { Reflector, type ReflectorError, type ReflectorOptions, type ReflectorState, type ReflectorStatus } from './reflector.ts';
import { Subscribers } from './subscribers.ts';
import { KIND_INFO, WATCHED_KINDS, type WatchedKind } from './watched-kinds.ts';

/** Initial-sync progress of one kind, for the UI's progress display. */
export interface KindSync {
  kind: WatchedKind;
  /** Null when the server serves no version of the kind. */
  apiVersion: string | null;
  state: ReflectorState | 'not-served';
  listed: number;
  remaining?: number;
  synced: boolean;
  watchAllowed: boolean;
  relists: number;
  lastError?: ReflectorError;
}

export type InventoryEvent =
  | EntityChange
  | { type: 'sync'; kind: WatchedKind; progress: KindSync; allSettled: boolean }
  | { type: 'capabilities'; report: CapabilityReport };

/** Tuning for every kind's reflector; the defaults follow client-go. */
export type ReflectorTuning = Pick<
  ReflectorOptions,
  'backoff' | 'relistIntervalMs' | 'forbiddenRetryMs' | 'watchTimeoutSeconds' | 'watchDeadlineGraceMs' | 'pageSize'
>;

export interface InventoryOptions {
  kubeConfig: KubeConfig;
  /** What identifies the cluster in entity UUIDs (default: the uid of namespace kube-system, else the server URL). */
  clusterIdentity?: string;
  /** Per discovery and access-review request (default 10 s). */
  requestTimeoutMs?: number;
  reflector?: ReflectorTuning;
  onListenerError?: (err: unknown) => void;
}

export interface Inventory {
  /** Who the entity UUIDs belong to: the value their UUIDs derive from. */
  readonly clusterIdentity: string;
  /** What the agent may do, and what it loses where it may not; kept current when a 403 shows up at runtime. */
  capabilities(): CapabilityReport;
  entities(): InventoryEntity[];
  entity(uid: string): InventoryEntity | undefined;
  /** One plain object per entity (kind, namespace, name, uid, uuid, owner chain, containers), for the CLI. */
  toJson(): ListedEntity[];
  syncProgress(): KindSync[];
  /** Every kind is synced, refused (403) or not served. */
  settled(): boolean;
  /** Resolves once settled(); rejects after timeoutMs or when stopped first. */
  waitUntilSettled(timeoutMs?: number): Promise<void>;
  subscribe(listener: (event: InventoryEvent) => void): () => void;
  /** Ends every list, watch and wait; resolves when nothing runs any more. */
  stop(): Promise<void>;
}

const isSettled = (k: KindSync) => k.synced || k.state === 'forbidden' || k.state === 'not-served';

export async function defaultClusterIdentity(kc: KubeConfig, timeoutMs: number): Promise<string> {
  try {
    const ns = await kubeRequestJson<{ metadata?: { uid?: string } }>(kc, { path: '/api/v1/namespaces/kube-system', timeoutMs });
    if (ns.metadata?.uid) return `kube-system:${ns.metadata.uid}`;
  } catch {
    // Not allowed to read kube-system: the server's address identifies the cluster well enough.
  }
  return `server:${kc.getCurrentCluster()?.server ?? ''}`;
}

function fromStatus(status: ReflectorStatus): KindSync {
  const { kind, apiVersion, state, listed, remaining, synced, watchAllowed, relists, lastError } = status;
  return { kind, apiVersion, state, listed, ...(remaining === undefined ? {} : { remaining }), synced, watchAllowed, relists, ...(lastError ? { lastError } : {}) };
}

/**
 * Starts the live inventory: discovers which version of each kind the server serves, reviews our access, then lists
 * and watches every kind it may, masking every object before it is stored. Kinds it may not read are reported, not fatal.
 * Throws only when the server cannot be reached for discovery.
 */
export async function startInventory(options: InventoryOptions): Promise<Inventory> {
  const kc = options.kubeConfig;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const discovered = await discoverResources(kc, timeoutMs);
  const clusterIdentity = options.clusterIdentity ?? (await defaultClusterIdentity(kc, timeoutMs));
  let access: AccessResult[] = await reviewAccess(kc, accessChecks(), timeoutMs);
  const relistIntervalMs = options.reflector?.relistIntervalMs ?? 300_000;
  let report: CapabilityReport = { checks: access, capabilities: assessCapabilities(access, relistIntervalMs) };

  const events = new Subscribers<InventoryEvent>(options.onListenerError);
  const model = new InventoryModel(clusterUuid(clusterIdentity), options.onListenerError);
  model.subscribe((change) => events.emit(change));

  const progress = new Map<WatchedKind, KindSync>(
    discovered.unserved.map((kind) => [kind, { kind, apiVersion: null, state: 'not-served', listed: 0, synced: false, watchAllowed: false, relists: 0 }]),
  );
  const settledWaiters = new Set<() => void>();
  const allSettled = () => WATCHED_KINDS.every((kind) => progress.get(kind) && isSettled(progress.get(kind)!));

  const recordDenial = (kind: WatchedKind, verb: 'list' | 'watch', reason: string) => {
    const denial = { verb, group: KIND_INFO[kind].group, resource: KIND_INFO[kind].resource };
    if (access.some((a) => a.verb === verb && a.group === denial.group && a.resource === denial.resource && a.allowed === false)) return;
    access = withRuntimeDenial(access, denial, reason);
    report = { checks: access, capabilities: assessCapabilities(access, relistIntervalMs) };
    events.emit({ type: 'capabilities', report });
  };

  const onStatus = (status: ReflectorStatus) => {
    const previous = progress.get(status.kind);
    const current = fromStatus(status);
    progress.set(status.kind, current);
    if (status.state === 'forbidden') recordDenial(status.kind, 'list', status.lastError?.message ?? '403 Forbidden');
    if (previous?.watchAllowed && !status.watchAllowed) recordDenial(status.kind, 'watch', status.lastError?.message ?? '403 Forbidden');
    const settledNow = allSettled();
    events.emit({ type: 'sync', kind: status.kind, progress: current, allSettled: settledNow });
    if (settledNow) for (const wake of settledWaiters) wake();
  };

  const reflectors = [...discovered.served.values()].map((resource) => {
    const watchReview = access.find((a) => a.verb === 'watch' && a.resource === resource.resource && a.group === resource.group);
    const reflector = new Reflector({
      ...options.reflector,
      kubeConfig: kc,
      resource,
      store: model.storeFor(resource.kind),
      transform: maskObject,
      watch: watchReview?.allowed !== false,
      onStatus,
    });
    progress.set(resource.kind, fromStatus(reflector.snapshot()));
    return reflector;
  });
  for (const reflector of reflectors) reflector.start();

  let stopped = false;
  return {
    clusterIdentity,
    capabilities: () => report,
    entities: () => model.entities(),
    entity: (uid) => model.entity(uid),
    toJson: () => listEntities(model.entities()),
    syncProgress: () => WATCHED_KINDS.map((kind) => progress.get(kind)!).filter(Boolean),
    settled: allSettled,
    waitUntilSettled(waitMs = 120_000) {
      if (allSettled()) return Promise.resolve();
      if (stopped) return Promise.reject(new Error('the inventory was stopped'));
      return new Promise<void>((resolve, reject) => {
        const done = (err?: Error) => {
          clearTimeout(timer);
          settledWaiters.delete(wake);
          if (err) reject(err);
          else resolve();
        };
        const wake = () => (stopped ? done(new Error('the inventory was stopped before it settled')) : allSettled() && done());
        const timer = setTimeout(() => {
          const pending = WATCHED_KINDS.filter((kind) => !isSettled(progress.get(kind)!)).join(', ');
          done(new Error(`the inventory did not settle within ${waitMs / 1000} s (still syncing: ${pending})`));
        }, waitMs);
        settledWaiters.add(wake);
      });
    },
    subscribe: (listener) => events.subscribe(listener),
    async stop() {
      stopped = true;
      await Promise.all(reflectors.map((r) => r.stop()));
      for (const wake of settledWaiters) wake();
    },
  };
}

export interface InventoryForContextOptions extends KubeconfigLocationOptions, KubeClientOptions, Omit<InventoryOptions, 'kubeConfig'> {
  /** Default: the current-context. */
  context?: string;
}

/** Loads the kubeconfig as kubectl does and starts the inventory for a context; failures are explained UserFacingErrors. */
export async function startInventoryForContext(options: InventoryForContextOptions = {}): Promise<Inventory> {
  const resolved = resolveContext(loadKubeconfig(options), options.context);
  const kubeConfig = kubeConfigForContext(resolved, { execTimeoutMs: options.execTimeoutMs });
  try {
    return await startInventory({ ...options, kubeConfig });
  } catch (err) {
    throw explainKubeError(err, errorTargetOf(resolved, options.requestTimeoutMs ?? 10_000));
  }
}
