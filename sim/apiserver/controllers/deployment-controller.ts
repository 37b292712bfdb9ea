import { clone, jsonEqual, timestamp, type Json, type KubeObject } from '../kube-object.ts';
import type { StoredObject } from '../object-store.ts';
import { controllerRef, DEPLOYMENT, REPLICASET, scaledValue, templateHash, type ControllerContext } from './controller-context.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const HASH = 'pod-template-hash';

function templateWithoutHash(template: Json): Json {
  const t = clone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH];
  }
  return t;
}

function revisionOf(o: KubeObject): number {
  return Number(o.metadata.annotations?.[REVISION] ?? 0);
}

function setReplicas(ctx: ControllerContext, rs: KubeObject, replicas: number, deploy: KubeObject, extraAnnotations: Record<string, string> = {}): void {
  const current = ctx.store.get(REPLICASET.storage, rs.metadata.namespace!, rs.metadata.name!);
  if (!current) return;
  const next = clone(current.object);
  (next.spec as Json).replicas = replicas;
  const spec: Json = deploy.spec;
  next.metadata.annotations = {
    ...(next.metadata.annotations ?? {}),
    'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
    'deployment.kubernetes.io/max-replicas': String(spec.replicas + maxSurge(deploy)),
    ...extraAnnotations,
  };
  if (jsonEqual(next, current.object)) return;
  ctx.ops.update(REPLICASET, next.metadata.namespace!, next.metadata.name!, next);
}

function maxSurge(d: KubeObject): number {
  const spec: Json = d.spec;
  if (spec.strategy?.type !== 'RollingUpdate') return 0;
  return scaledValue(spec.strategy.rollingUpdate?.maxSurge ?? '25%', spec.replicas, true);
}

function maxUnavailable(d: KubeObject): number {
  const spec: Json = d.spec;
  if (spec.strategy?.type !== 'RollingUpdate') return 0;
  const surge = maxSurge(d);
  const unavailable = Math.min(scaledValue(spec.strategy.rollingUpdate?.maxUnavailable ?? '25%', spec.replicas, false), spec.replicas);
  return surge === 0 && unavailable === 0 ? 1 : unavailable;
}

function condition(type: string, status: string, reason: string, message: string, previous?: Json): Json {
  const now = timestamp();
  const same = previous && previous.status === status;
  return {
    type,
    status,
    lastUpdateTime: same && previous.reason === reason ? previous.lastUpdateTime : now,
    lastTransitionTime: same ? previous.lastTransitionTime : now,
    reason,
    message,
  };
}

/**
 * A Deployment: one ReplicaSet per pod template (named by pod-template-hash), the new one scaled up and the
 * old ones down within maxSurge and maxUnavailable, then status and the Progressing and Available conditions.
 */
export function syncDeployment(ctx: ControllerContext, stored: StoredObject): void {
  const d = stored.object;
  if (d.metadata.deletionTimestamp) return;
  const spec: Json = d.spec;
  const ns = d.metadata.namespace!;
  const sets = ctx.indexes.dependentsOf(d.metadata.uid!, REPLICASET.storage).map((s) => s.object);
  const wanted = templateWithoutHash(spec.template);
  let newRs = sets.find((s) => jsonEqual(templateWithoutHash((s.spec as Json).template), wanted));
  const old = sets.filter((s) => s !== newRs);
  const maxRevision = Math.max(0, ...sets.map(revisionOf));
  let progressingReason = 'ReplicaSetUpdated';

  if (!newRs && !spec.paused) {
    const hash = templateHash(wanted);
    const template = clone(spec.template);
    template.metadata ??= {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH]: hash };
    const selector = clone(spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH]: hash };
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: ns,
        labels: { ...(spec.template?.metadata?.labels ?? {}), [HASH]: hash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
          'deployment.kubernetes.io/max-replicas': String(spec.replicas + maxSurge(d)),
          [REVISION]: String(maxRevision + 1),
        },
        ownerReferences: [controllerRef(d, 'apps/v1')],
      },
      spec: { replicas: 0, minReadySeconds: spec.minReadySeconds ?? 0, selector, template },
    };
    if (!spec.minReadySeconds) delete (rs.spec as Json).minReadySeconds;
    try {
      newRs = ctx.ops.create(REPLICASET, ns, rs).object;
      progressingReason = 'NewReplicaSetCreated';
    } catch (err) {
      ctx.log(`deployment ${ns}/${d.metadata.name}: ${(err as Error).message}`);
      return;
    }
  } else if (newRs && revisionOf(newRs) < maxRevision) {
    // Rolling back to an older template: it becomes the newest revision.
    setReplicas(ctx, newRs, (newRs.spec as Json).replicas, d, { [REVISION]: String(maxRevision + 1) });
  }

  const replicas: number = spec.replicas;
  const specReplicas = (s: KubeObject) => ((s.spec as Json).replicas ?? 0) as number;
  const available = (s: KubeObject) => ((s.status as Json)?.availableReplicas ?? 0) as number;
  if (newRs && !spec.paused) {
    if (spec.strategy?.type === 'Recreate') {
      for (const s of old) if (specReplicas(s) > 0) setReplicas(ctx, s, 0, d);
      const oldPods = old.reduce((n, s) => n + ((s.status as Json)?.replicas ?? 0), 0);
      if (oldPods === 0 && specReplicas(newRs) !== replicas) setReplicas(ctx, newRs, replicas, d);
    } else {
      // Scale up the new ReplicaSet within maxSurge.
      const total = sets.reduce((n, s) => n + specReplicas(s), 0) + (sets.includes(newRs) ? 0 : specReplicas(newRs));
      const surgeRoom = replicas + maxSurge(d) - total;
      const newCount = specReplicas(newRs);
      if (newCount > replicas) setReplicas(ctx, newRs, replicas, d);
      else if (newCount < replicas && surgeRoom > 0) setReplicas(ctx, newRs, Math.min(replicas, newCount + surgeRoom), d);
      // Scale down old ones within maxUnavailable, their unavailable pods first.
      const allAvailable = available(newRs) + old.reduce((n, s) => n + available(s), 0);
      let room = allAvailable - (replicas - maxUnavailable(d));
      const oldest = [...old].sort((a, b) => revisionOf(a) - revisionOf(b));
      for (const s of oldest) {
        const unhealthy = Math.max(0, specReplicas(s) - available(s));
        if (unhealthy > 0) setReplicas(ctx, s, specReplicas(s) - unhealthy, d);
      }
      for (const s of oldest) {
        if (room <= 0) break;
        const current = Math.min(specReplicas(s), available(s));
        const down = Math.min(current, room);
        if (down > 0) {
          setReplicas(ctx, s, current - down, d);
          room -= down;
        }
      }
    }
  }

  // History: keep revisionHistoryLimit old ReplicaSets with no replicas.
  const emptyOld = old.filter((s) => specReplicas(s) === 0 && ((s.status as Json)?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  const limit: number = spec.revisionHistoryLimit ?? 10;
  for (const s of emptyOld.slice(0, Math.max(0, emptyOld.length - limit))) {
    try {
      ctx.ops.delete(REPLICASET, ns, s.metadata.name!, {});
    } catch {
      // gone already
    }
  }

  writeDeploymentStatus(ctx, d.metadata.name!, ns, newRs, progressingReason);
}

function writeDeploymentStatus(ctx: ControllerContext, name: string, ns: string, newRs: KubeObject | undefined, reason: string): void {
  const current = ctx.store.get(DEPLOYMENT.storage, ns, name);
  if (!current) return;
  const d = current.object;
  const spec: Json = d.spec;
  const sets = ctx.indexes.dependentsOf(d.metadata.uid!, REPLICASET.storage).map((s) => s.object);
  const fresh = newRs && sets.find((s) => s.metadata.uid === newRs.metadata.uid);
  const st = (s: KubeObject | undefined, k: string) => (((s?.status as Json) ?? {})[k] ?? 0) as number;
  const replicas = sets.reduce((n, s) => n + st(s, 'replicas'), 0);
  const ready = sets.reduce((n, s) => n + st(s, 'readyReplicas'), 0);
  const availableCount = sets.reduce((n, s) => n + st(s, 'availableReplicas'), 0);
  const updated = st(fresh, 'replicas');
  const prev: Json[] = (d.status as Json)?.conditions ?? [];
  const prevOf = (type: string) => prev.find((c) => c.type === type);
  const minAvailable = spec.replicas - maxUnavailable(d);
  const availableCondition =
    availableCount >= minAvailable
      ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', prevOf('Available'))
      : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', prevOf('Available'));
  const complete = fresh && updated === spec.replicas && st(fresh, 'availableReplicas') === spec.replicas && replicas === spec.replicas;
  const rsName = fresh?.metadata.name ?? '';
  let progressing: Json;
  if (complete) progressing = condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, prevOf('Progressing'));
  else if (reason === 'NewReplicaSetCreated') progressing = condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, prevOf('Progressing'));
  else progressing = condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, prevOf('Progressing'));
  // A progressing condition that does not change keeps its times, so a steady deployment is not rewritten.
  const keep = (c: Json) => {
    const p = prevOf(c.type);
    return p && p.status === c.status && p.reason === c.reason && p.message === c.message ? p : c;
  };
  const status: Json = {
    observedGeneration: d.metadata.generation,
    replicas,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: availableCount,
    unavailableReplicas: Math.max(0, spec.replicas - availableCount),
    conditions: [keep(availableCondition), keep(progressing)],
  };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (status[k] === 0) delete status[k];
  if (jsonEqual(status, d.status)) return;
  const next = clone(d);
  next.status = status;
  if (fresh) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: String(revisionOf(fresh)) };
  ctx.store.update(DEPLOYMENT.storage, DEPLOYMENT.group, DEPLOYMENT.resource, next);
}
