import { ApiError } from '../api-error.ts';
import { clone, type KubeObject } from '../kube-object.ts';
import { RESOURCE_TYPES } from '../resource-types.ts';
import { NAMESPACE, NODE, POD, type ControllerContext } from './controller-context.ts';

const byStorage = new Map(RESOURCE_TYPES.map((t) => [t.storage, t]));

function deleteRef(ctx: ControllerContext, ref: string): void {
  const [storage, ns, name] = ref.split('|') as [string, string, string];
  const t = byStorage.get(storage);
  if (!t) return;
  try {
    ctx.ops.delete(t, ns, name, {});
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 404)) ctx.log(`garbage collector: ${(err as Error).message}`);
  }
}

/**
 * Dependents whose owners are gone are deleted (background propagation); an owner being deleted in the
 * foreground goes once its dependents have. Pods on a deleted node are removed (the pod GC).
 */
export function collectGarbage(ctx: ControllerContext): void {
  const { indexes } = ctx;
  for (const [ownerUid, refs] of [...indexes.dependents]) {
    if (indexes.liveUids.has(ownerUid)) continue;
    for (const ref of [...refs]) {
      const [storage, ns, name] = ref.split('|') as [string, string, string];
      const dep = ctx.store.get(storage, ns, name);
      if (!dep) continue;
      const owners = dep.object.metadata.ownerReferences ?? [];
      // Only when every owner is gone (an object with a live owner stays).
      if (owners.every((o) => !indexes.liveUids.has(o.uid))) deleteRef(ctx, ref);
    }
  }
  for (const t of RESOURCE_TYPES) {
    if (t.kind === 'Namespace') continue;
    for (const o of ctx.store.list(t.storage)) {
      const meta = o.object.metadata;
      if (!meta.deletionTimestamp || !meta.finalizers?.includes('foregroundDeletion')) continue;
      const deps = indexes.dependents.get(meta.uid!);
      if (deps && deps.size > 0) {
        for (const ref of [...deps]) deleteRef(ctx, ref);
        continue;
      }
      const next = clone(o.object);
      next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== 'foregroundDeletion');
      if (next.metadata.finalizers.length === 0) ctx.store.delete(t.storage, t.group, t.resource, meta.namespace ?? '', meta.name!);
      else ctx.store.update(t.storage, t.group, t.resource, next);
    }
  }
  const nodes = new Set(ctx.store.list(NODE.storage).map((n) => n.object.metadata.name));
  for (const node of [...indexes.podsByNode.keys()]) {
    if (nodes.has(node)) continue;
    for (const p of indexes.podsOn(node)) {
      try {
        ctx.ops.delete(POD, p.object.metadata.namespace!, p.object.metadata.name!, { gracePeriodSeconds: 0 });
      } catch {
        // gone already
      }
    }
  }
}

/** Namespaces being deleted: their contents go, then the namespace. */
export function finalizeNamespaces(ctx: ControllerContext): void {
  for (const stored of ctx.store.list(NAMESPACE.storage)) {
    const ns: KubeObject = stored.object;
    if (!ns.metadata.deletionTimestamp) continue;
    const name = ns.metadata.name!;
    let left = 0;
    const seen = new Set<string>();
    for (const t of RESOURCE_TYPES) {
      if (!t.namespaced || seen.has(t.storage)) continue;
      seen.add(t.storage);
      for (const o of [...ctx.store.list(t.storage, name)]) {
        left++;
        if (o.object.metadata.deletionTimestamp) continue;
        try {
          ctx.ops.delete(t, name, o.object.metadata.name!, {});
        } catch {
          // gone already
        }
      }
    }
    if (left === 0) {
      try {
        ctx.store.delete(NAMESPACE.storage, '', 'namespaces', '', name);
      } catch {
        // gone already
      }
    }
  }
}
