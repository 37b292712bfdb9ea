import { timestamp, type Json } from '../kube-object.ts';
import type { StoredObject } from '../object-store.ts';
import { createPod, JOB, podFromTemplate, POD, writeStatus, type ControllerContext } from './controller-context.ts';

/** A Job: up to parallelism active pods until completions have Succeeded; failed pods retried up to backoffLimit. */
export function syncJob(ctx: ControllerContext, stored: StoredObject): void {
  const job = stored.object;
  if (job.metadata.deletionTimestamp) return;
  const spec: Json = job.spec;
  const prev: Json = job.status ?? {};
  const pods = ctx.indexes.dependentsOf(job.metadata.uid!, POD.storage).map((p) => p.object);
  const phase = (p: (typeof pods)[number]) => (p.status as Json)?.phase;
  const succeeded = pods.filter((p) => phase(p) === 'Succeeded').length;
  const failed = pods.filter((p) => phase(p) === 'Failed').length;
  const active = pods.filter((p) => !p.metadata.deletionTimestamp && phase(p) !== 'Succeeded' && phase(p) !== 'Failed').length;
  const completions: number | undefined = spec.completions;
  const done = completions !== undefined ? succeeded >= completions : succeeded > 0 && active === 0;
  const backoffExceeded = failed > (spec.backoffLimit ?? 6);
  const finished = (prev.conditions ?? []).some((c: Json) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (!done && !backoffExceeded && !finished && !spec.suspend) {
    const remaining = completions !== undefined ? completions - succeeded : spec.parallelism;
    const want = Math.min(spec.parallelism ?? 1, remaining) - active;
    for (let i = 0; i < want; i++) createPod(ctx, podFromTemplate(job, 'batch/v1', spec.template));
  }
  const nowActive = ctx.indexes.dependentsOf(job.metadata.uid!, POD.storage).filter((p) => !p.object.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes((p.object.status as Json)?.phase)).length;
  const status: Json = { ...prev, startTime: prev.startTime ?? timestamp() };
  status.active = nowActive;
  status.succeeded = succeeded;
  status.failed = failed;
  for (const k of ['active', 'succeeded', 'failed']) if (status[k] === 0) delete status[k];
  if ((done || backoffExceeded) && !finished) {
    const now = timestamp();
    status.conditions = [
      ...(prev.conditions ?? []),
      done
        ? { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now }
        : { type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
    ];
    if (done) status.completionTime = now;
  }
  writeStatus(ctx, JOB, stored, status);
}
