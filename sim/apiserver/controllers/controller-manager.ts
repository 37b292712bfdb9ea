import type { ObjectStore, StoreEvent } from '../object-store.ts';
import type { ResourceOperations } from '../resource-operations.ts';
import { updateAutoscalers, ensureServiceAccounts, updateDisruptionBudgets, watchNodeHealth } from './cluster-upkeep.ts';
import { DAEMONSET, DEPLOYMENT, Indexes, JOB, NAMESPACE, NODE, POD, RC, REPLICASET, STATEFULSET, type ControllerContext } from './controller-context.ts';
import { syncDaemonSet } from './daemon-set-controller.ts';
import { syncDeployment } from './deployment-controller.ts';
import { collectGarbage, finalizeNamespaces } from './garbage-collector.ts';
import { syncJob } from './job-controller.ts';
import { syncReplicaSet } from './replica-set-controller.ts';
import { Scheduler } from './scheduler.ts';
import { syncStatefulSet } from './stateful-set-controller.ts';

const WORKLOADS = new Map([
  [DEPLOYMENT.storage, DEPLOYMENT],
  [REPLICASET.storage, REPLICASET],
  [RC.storage, RC],
  [STATEFULSET.storage, STATEFULSET],
  [DAEMONSET.storage, DAEMONSET],
  [JOB.storage, JOB],
]);

const TICK_MS = 25;
const RESYNC_MS = 2_000;

/**
 * kube-controller-manager and kube-scheduler in-process: controllers driven by the store's events (the object
 * that changed, its owner), plus a periodic resync of everything.
 */
export class ControllerManager {
  readonly #ctx: ControllerContext;
  readonly #scheduler: Scheduler;
  /** uid → where the workload lives */
  readonly #workloads = new Map<string, { storage: string; ns: string; name: string }>();
  readonly #dirty = new Set<string>();
  #schedule = false;
  /** Pods waiting for a node ("namespace/name"); a full pass when #scheduleAll is set. */
  readonly #pending = new Set<string>();
  #scheduleAll = false;
  #gc = false;
  #namespaces = false;
  #nodesChanged = false;
  #timer: NodeJS.Timeout | undefined;
  #resync: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #running = false;

  constructor(store: ObjectStore, ops: ResourceOperations, log: (line: string) => void) {
    const indexes = new Indexes(store);
    this.#ctx = { store, ops, indexes, log };
    this.#scheduler = new Scheduler(this.#ctx);
  }

  start(): void {
    this.#running = true;
    this.#unsubscribe = this.#ctx.store.onEvent((e) => this.#observe(e));
    this.#resync = setInterval(() => this.resyncAll(), RESYNC_MS);
    this.resyncAll();
  }

  stop(): void {
    this.#running = false;
    this.#unsubscribe?.();
    clearInterval(this.#resync);
    clearTimeout(this.#timer);
  }

  #observe(e: StoreEvent): void {
    this.#ctx.indexes.observe(e);
    const o = e.object;
    const uid = o.metadata.uid!;
    if (WORKLOADS.has(e.storage)) {
      if (e.type === 'DELETED') this.#workloads.delete(uid);
      else this.#workloads.set(uid, { storage: e.storage, ns: e.namespace, name: o.metadata.name! });
      this.#dirty.add(uid);
    }
    for (const ref of o.metadata.ownerReferences ?? []) this.#dirty.add(ref.uid);
    if (e.storage === POD.storage) {
      const key = `${e.namespace}/${o.metadata.name}`;
      if (e.type !== 'DELETED' && !(o.spec as { nodeName?: string })?.nodeName && !o.metadata.deletionTimestamp) {
        this.#pending.add(key);
        this.#schedule = true;
      } else {
        this.#pending.delete(key);
        // A pod leaving a node frees room for the ones still waiting.
        if (this.#pending.size > 0) this.#schedule = true;
      }
    }
    if (e.storage === NODE.storage && e.type !== 'MODIFIED') this.#nodesChanged = true;
    if (e.storage === NODE.storage && this.#pending.size > 0) this.#schedule = true;
    if (e.type === 'DELETED') this.#gc = true;
    if (e.storage === NAMESPACE.storage) this.#namespaces = true;
    if (e.namespace && e.type === 'DELETED') this.#namespaces = true;
    this.#kick();
  }

  #kick(): void {
    if (this.#timer || !this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#run();
    }, TICK_MS);
  }

  #run(): void {
    try {
      if (this.#nodesChanged) {
        this.#nodesChanged = false;
        for (const [uid, w] of this.#workloads) if (w.storage === DAEMONSET.storage) this.#dirty.add(uid);
      }
      const dirty = [...this.#dirty];
      this.#dirty.clear();
      for (const uid of dirty) this.#sync(uid);
      if (this.#schedule) {
        this.#schedule = false;
        if (this.#scheduleAll) {
          this.#scheduleAll = false;
          this.#scheduler.schedulePending();
        } else this.#scheduler.schedulePending(this.#pending);
      }
      if (this.#gc) {
        this.#gc = false;
        collectGarbage(this.#ctx);
      }
      if (this.#namespaces) {
        this.#namespaces = false;
        ensureServiceAccounts(this.#ctx);
        finalizeNamespaces(this.#ctx);
      }
    } catch (err) {
      this.#ctx.log(`controller manager: ${(err as Error).stack ?? err}`);
    }
  }

  #sync(uid: string): void {
    const w = this.#workloads.get(uid);
    if (!w) return;
    const stored = this.#ctx.store.get(w.storage, w.ns, w.name);
    if (!stored || stored.object.metadata.uid !== uid) return;
    switch (w.storage) {
      case DEPLOYMENT.storage:
        return syncDeployment(this.#ctx, stored);
      case REPLICASET.storage:
        return syncReplicaSet(this.#ctx, REPLICASET, stored);
      case RC.storage:
        return syncReplicaSet(this.#ctx, RC, stored);
      case STATEFULSET.storage:
        return syncStatefulSet(this.#ctx, stored);
      case DAEMONSET.storage:
        return syncDaemonSet(this.#ctx, stored);
      case JOB.storage:
        return syncJob(this.#ctx, stored);
    }
  }

  /** Everything once more: catches time-based changes (availability, node health) no event announces. */
  resyncAll(): void {
    if (!this.#running) return;
    try {
      for (const uid of this.#workloads.keys()) this.#dirty.add(uid);
      this.#schedule = true;
      this.#scheduleAll = true;
      this.#gc = true;
      this.#namespaces = true;
      watchNodeHealth(this.#ctx);
      updateDisruptionBudgets(this.#ctx);
      updateAutoscalers(this.#ctx);
      this.#run();
    } catch (err) {
      this.#ctx.log(`controller manager resync: ${(err as Error).stack ?? err}`);
    }
  }
}
