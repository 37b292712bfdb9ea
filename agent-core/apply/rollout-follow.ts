import type { KubeObject } from '../inventory/kube-object.ts';
import { kubeRequestJson } from '../kube/kube-request.ts';
import type { ApplyContext } from './apply-context.ts';
import { objectPath, type WorkloadTarget } from './workload-target.ts';

export interface RolloutOutcome {
  state: 'complete' | 'timed-out' | 'failing';
  message: string;
  /** What the new pods reported: CrashLoopBackOff, OOMKilled. */
  problems: string[];
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
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The new pods' troubles: those created since the apply, crash-looping or OOM-killed. */
async function podProblems(ctx: ApplyContext, target: WorkloadTarget, deployment: KubeObject, since: Date): Promise<string[]> {
  const labels = (field(deployment, 'spec', 'selector', 'matchLabels') ?? {}) as Record<string, string>;
  const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = await kubeRequestJson<PodList>(ctx.kc, {
    path: `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods`,
    query: selector ? { labelSelector: selector } : {},
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
  return problems;
}

/**
 * Polls a Deployment until its controller has seen the change (observedGeneration ≥ generation) and every replica is
 * updated and available, as `kubectl rollout status` does; gives up at the progress deadline (or `rolloutTimeoutMs`),
 * and early when the new pods crash-loop or are OOM-killed: the user should undo rather than wait.
 */
export async function followRollout(
  ctx: ApplyContext,
  target: WorkloadTarget,
  applied: KubeObject,
  since: Date,
  options: { rolloutTimeoutMs?: number; onProgress?: (line: string) => void; pollMs?: number } = {},
): Promise<RolloutOutcome> {
  const deadlineMs = options.rolloutTimeoutMs ?? num(field(applied, 'spec', 'progressDeadlineSeconds') ?? 600) * 1000;
  const deadline = Date.now() + deadlineMs;
  const generation = applied.metadata?.generation;
  let last = '';
  for (;;) {
    const d = await kubeRequestJson<KubeObject>(ctx.kc, { path: objectPath(target), timeoutMs: ctx.timeoutMs ?? 15_000 });
    const wanted = num(field(d, 'spec', 'replicas') ?? 1);
    const status = d.status ?? {};
    const observed = num(status.observedGeneration) >= num(d.metadata?.generation ?? generation);
    const updated = num(status.updatedReplicas);
    const available = num(status.availableReplicas);
    const total = num(status.replicas);
    const progress = `${updated} of ${wanted} updated, ${available} available, ${total - updated} old`;
    if (progress !== last) options.onProgress?.((last = progress));
    if (observed && updated === wanted && total === wanted && available >= wanted) {
      return { state: 'complete', message: `${wanted} of ${wanted} replicas updated and available`, problems: [] };
    }
    const problems = await podProblems(ctx, target, d, since);
    if (problems.length) return { state: 'failing', message: `new pods are failing (${problems.join(', ')}); consider undo`, problems };
    const conditions = (status.conditions ?? []) as { type?: string; reason?: string }[];
    if (conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
      return { state: 'timed-out', message: `the Deployment exceeded its progress deadline (${progress}); consider undo`, problems };
    }
    if (Date.now() > deadline) return { state: 'timed-out', message: `not complete within ${Math.round(deadlineMs / 1000)} s (${progress}); consider undo`, problems };
    await new Promise((r) => setTimeout(r, options.pollMs ?? 1000));
  }
}
