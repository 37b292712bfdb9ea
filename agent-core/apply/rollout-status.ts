import type { KubeObject } from '../inventory/kube-object.ts';

/**
 * Where a rollout stands, read from the controller's own status as `kubectl rollout status` reads it:
 * - waiting: the controller is still replacing pods (progress says how far);
 * - complete: every pod runs the new template and is available;
 * - stalled: the controller gave up (a Deployment past its progress deadline);
 * - not-rolling: the kind or its strategy does not replace pods on its own (OnDelete, a bare ReplicaSet, a CronJob).
 */
export type RolloutStatus =
  | { state: 'waiting' | 'complete' | 'stalled'; progress: string }
  | { state: 'not-rolling'; progress: string };

type Obj = Record<string, unknown>;
const at = (obj: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Obj)[k] : undefined), obj);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' ? v : fallback);

/** Whether the controller has acted on the latest spec: until then its status (and its labels) describe the previous one. */
export function controllerCaughtUp(obj: KubeObject): boolean {
  return num(at(obj, 'status', 'observedGeneration')) >= num(obj.metadata?.generation);
}

function unobserved(obj: KubeObject): RolloutStatus | undefined {
  return controllerCaughtUp(obj) ? undefined : { state: 'waiting', progress: `waiting for the ${obj.kind} controller to see generation ${num(obj.metadata?.generation)}` };
}

function deploymentStatus(d: KubeObject): RolloutStatus {
  const wanted = num(at(d, 'spec', 'replicas'), 1);
  const updated = num(at(d, 'status', 'updatedReplicas'));
  const available = num(at(d, 'status', 'availableReplicas'));
  const total = num(at(d, 'status', 'replicas'));
  const progress = `${updated} of ${wanted} updated, ${available} available, ${Math.max(0, total - updated)} old`;
  const conditions = (at(d, 'status', 'conditions') ?? []) as { type?: string; reason?: string }[];
  if (conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return { state: 'stalled', progress };
  if (updated < wanted || total > updated || available < updated) return { state: 'waiting', progress };
  return { state: 'complete', progress: `${wanted} of ${wanted} replicas updated and available` };
}

function statefulSetStatus(s: KubeObject): RolloutStatus {
  const wanted = num(at(s, 'spec', 'replicas'), 1);
  if (at(s, 'spec', 'updateStrategy', 'type') === 'OnDelete') return { state: 'not-rolling', progress: 'OnDelete: pods change only when deleted' };
  const ready = num(at(s, 'status', 'readyReplicas'));
  const updated = num(at(s, 'status', 'updatedReplicas'));
  const revision = String(at(s, 'status', 'updateRevision') ?? '');
  const partition = num(at(s, 'spec', 'updateStrategy', 'rollingUpdate', 'partition'));
  const progress = `${updated} of ${wanted} at revision ${revision || '?'}, ${ready} ready`;
  if (ready < wanted) return { state: 'waiting', progress };
  if (partition > 0) {
    // Only ordinals at or above the partition roll; the rest stay on the old revision by design.
    return updated < wanted - partition ? { state: 'waiting', progress } : { state: 'complete', progress: `${wanted - partition} pods above partition ${partition} at revision ${revision}` };
  }
  if (revision !== String(at(s, 'status', 'currentRevision') ?? '')) return { state: 'waiting', progress };
  return { state: 'complete', progress: `${wanted} of ${wanted} pods at revision ${revision}, ready` };
}

function daemonSetStatus(ds: KubeObject): RolloutStatus {
  if (at(ds, 'spec', 'updateStrategy', 'type') === 'OnDelete') return { state: 'not-rolling', progress: 'OnDelete: pods change only when deleted' };
  const desired = num(at(ds, 'status', 'desiredNumberScheduled'));
  const updated = num(at(ds, 'status', 'updatedNumberScheduled'));
  const available = num(at(ds, 'status', 'numberAvailable'));
  const progress = `${updated} of ${desired} nodes updated, ${available} available`;
  if (updated < desired || available < desired) return { state: 'waiting', progress };
  return { state: 'complete', progress: `${desired} of ${desired} nodes updated and available` };
}

export function rolloutStatus(obj: KubeObject): RolloutStatus {
  const status = { Deployment: deploymentStatus, StatefulSet: statefulSetStatus, DaemonSet: daemonSetStatus }[obj.kind ?? ''];
  if (!status) return { state: 'not-rolling', progress: `a ${obj.kind} does not replace its pods on its own` };
  const judged = status(obj);
  return judged.state === 'not-rolling' ? judged : (unobserved(obj) ?? judged);
}
