import type { KubeObject } from '../inventory/kube-object.ts';
import { kubeRequestJson } from '../kube/kube-request.ts';
import type { ApplyContext } from './apply-context.ts';
import { controllerCaughtUp, rolloutStatus } from './rollout-status.ts';
import { objectPath, type WorkloadTarget } from './workload-target.ts';

export interface RolloutOutcome {
  state: 'complete' | 'timed-out' | 'failing';
  message: string;
  /** What the new pods reported: CrashLoopBackOff, OOMKilled. */
  problems: string[];
}

/**
 * How long a person is kept waiting on a rollout before being told it has not completed (and offered undo), where
 * the progress deadline (10 minutes by default) would leave them in front of a spinner.
 */
export const INTERACTIVE_ROLLOUT_TIMEOUT_MS = 120_000;

export interface FollowOptions {
  /** Overrides the Deployment's progressDeadlineSeconds (and the 10-minute default of the other kinds). */
  rolloutTimeoutMs?: number;
  onProgress?: (line: string) => void;
  pollMs?: number;
  /**
   * How long to keep an eye on the new pods once the rollout is complete (default 15 s): a limit set too low is
   * often OOM-killed only after the pod first reports ready, which `kubectl rollout status` would call success.
   */
  watchAfterCompleteMs?: number;
}

interface PodList {
  items?: { metadata?: { name?: string; creationTimestamp?: string }; status?: { containerStatuses?: ContainerStatusView[] } }[];
}
interface ContainerStatusView {
  name: string;
  state?: { waiting?: { reason?: string } };
  lastState?: { terminated?: { reason?: string } };
}

type Obj = Record<string, unknown>;
const field = (obj: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Obj)[k] : undefined), obj);

/** Whether a change to this object's pod template makes its controller replace running pods. */
export function rollsOnItsOwn(obj: KubeObject): boolean {
  return rolloutStatus(obj).state !== 'not-rolling';
}

interface ReplicaSetList {
  items?: { metadata?: { annotations?: Record<string, string>; labels?: Record<string, string>; ownerReferences?: { uid?: string }[] } }[];
}

/**
 * The label that marks the pods of the workload's current template, as its controller sets it: the new ReplicaSet's
 * pod-template-hash (Deployment), the update revision (StatefulSet), the template generation (DaemonSet). Undefined
 * when it cannot be told (the pods are then judged by creation time alone).
 */
async function currentTemplateLabel(ctx: ApplyContext, target: WorkloadTarget, workload: KubeObject, selector: string): Promise<string | undefined> {
  if (workload.kind === 'StatefulSet') {
    const revision = field(workload, 'status', 'updateRevision');
    return typeof revision === 'string' && revision ? `controller-revision-hash=${revision}` : undefined;
  }
  if (workload.kind === 'DaemonSet') {
    const generation = workload.metadata?.generation;
    return generation === undefined ? undefined : `pod-template-generation=${generation}`;
  }
  if (workload.kind !== 'Deployment') return undefined;
  const revision = workload.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  if (!revision) return undefined;
  const sets = await kubeRequestJson<ReplicaSetList>(ctx.kc, {
    path: `/apis/${target.apiVersion}/namespaces/${encodeURIComponent(target.namespace)}/replicasets`,
    query: selector ? { labelSelector: selector } : {},
    timeoutMs: ctx.timeoutMs ?? 15_000,
  });
  const current = (sets.items ?? []).find(
    (rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision && rs.metadata?.ownerReferences?.some((o) => o.uid === workload.metadata?.uid),
  );
  const hash = current?.metadata?.labels?.['pod-template-hash'];
  return hash ? `pod-template-hash=${hash}` : undefined;
}

/** The label selector of the pods of the workload's current template (see currentTemplateLabel). */
async function newPodsSelector(ctx: ApplyContext, target: WorkloadTarget, workload: KubeObject): Promise<string> {
  const labels = (field(workload, 'spec', 'selector', 'matchLabels') ?? {}) as Record<string, string>;
  const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  return [selector, await currentTemplateLabel(ctx, target, workload, selector)].filter(Boolean).join(',');
}

/**
 * The new pods' troubles, crash-looping or OOM-killed: pods of the current template (`selector`) created since the
 * apply. Not those of a template the change replaced, even when it is an undo of a change whose pods still fail.
 */
async function podProblems(ctx: ApplyContext, target: WorkloadTarget, selector: string, since: Date): Promise<string[]> {
  const pods = await kubeRequestJson<PodList>(ctx.kc, {
    path: `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods`,
    query: { labelSelector: selector },
    timeoutMs: ctx.timeoutMs ?? 15_000,
  });
  const problems: string[] = [];
  for (const pod of pods.items ?? []) {
    // Created before the apply (less a second of clock skew): an old pod's troubles are not the change's.
    if (Date.parse(pod.metadata?.creationTimestamp ?? '') < since.getTime() - 1000) continue;
    for (const c of pod.status?.containerStatuses ?? []) {
      if (c.state?.waiting?.reason === 'CrashLoopBackOff') problems.push(`${pod.metadata?.name}/${c.name}: CrashLoopBackOff`);
      if (c.lastState?.terminated?.reason === 'OOMKilled') problems.push(`${pod.metadata?.name}/${c.name}: OOMKilled`);
    }
  }
  return [...new Set(problems)];
}

const failing = (problems: string[]): RolloutOutcome => ({ state: 'failing', message: `new pods are failing (${problems.join(', ')}); consider undo`, problems });

async function watchAfterComplete(ctx: ApplyContext, target: WorkloadTarget, workload: KubeObject, since: Date, progress: string, options: FollowOptions): Promise<RolloutOutcome> {
  const until = Date.now() + (options.watchAfterCompleteMs ?? 15_000);
  // The rollout is complete: the current template no longer changes, so neither do its pods' labels.
  const selector = await newPodsSelector(ctx, target, workload);
  for (;;) {
    const problems = await podProblems(ctx, target, selector, since);
    if (problems.length) return failing(problems);
    if (Date.now() >= until) return { state: 'complete', message: progress, problems: [] };
    options.onProgress?.(`${progress}; watching the new pods for ${Math.ceil((until - Date.now()) / 1000)} s more`);
    await new Promise((r) => setTimeout(r, Math.min(options.pollMs ?? 1000, Math.max(0, until - Date.now()))));
  }
}

/**
 * Polls a Deployment, StatefulSet or DaemonSet until its controller has seen the change and every pod runs the new
 * template and is available, as `kubectl rollout status` does; gives up at the progress deadline (or
 * `rolloutTimeoutMs`), and early when the new pods crash-loop or are OOM-killed: the user should undo rather than wait.
 */
export async function followRollout(ctx: ApplyContext, target: WorkloadTarget, applied: KubeObject, since: Date, options: FollowOptions = {}): Promise<RolloutOutcome> {
  const deadlineSeconds = field(applied, 'spec', 'progressDeadlineSeconds');
  const deadlineMs = options.rolloutTimeoutMs ?? (typeof deadlineSeconds === 'number' ? deadlineSeconds : 600) * 1000;
  const deadline = Date.now() + deadlineMs;
  let last = '';
  for (;;) {
    const current = await kubeRequestJson<KubeObject>(ctx.kc, { path: objectPath(target), timeoutMs: ctx.timeoutMs ?? 15_000 });
    const status = rolloutStatus(current);
    if (status.progress !== last) options.onProgress?.((last = status.progress));
    if (status.state === 'not-rolling') return { state: 'complete', message: status.progress, problems: [] };
    if (status.state === 'complete') return watchAfterComplete(ctx, target, current, since, status.progress, options);
    // Only once the controller has seen the change do its labels name the new pods (not a template being replaced).
    const problems = controllerCaughtUp(current) ? await podProblems(ctx, target, await newPodsSelector(ctx, target, current), since) : [];
    if (problems.length) return failing(problems);
    if (status.state === 'stalled') return { state: 'timed-out', message: `the ${target.kind} exceeded its progress deadline (${status.progress}); consider undo`, problems };
    if (Date.now() > deadline) return { state: 'timed-out', message: `not complete within ${Math.round(deadlineMs / 1000)} s (${status.progress}); consider undo`, problems };
    await new Promise((r) => setTimeout(r, options.pollMs ?? 1000));
  }
}
