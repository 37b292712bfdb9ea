import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';

type WithStatus = KubernetesObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Why a seeded object is not yet what a user would call "up", or undefined when it is. */
export function notReadyReason(obj: WithStatus): string | undefined {
  const spec = obj.spec ?? {};
  const status = obj.status ?? {};
  const wanted = spec.replicas === undefined ? 1 : num(spec.replicas);
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController':
      return num(status.readyReplicas) >= wanted ? undefined : `${num(status.readyReplicas)}/${wanted} ready`;
    case 'DaemonSet': {
      const desired = num(status.desiredNumberScheduled);
      return desired > 0 && num(status.numberReady) >= desired ? undefined : `${num(status.numberReady)}/${desired} ready`;
    }
    case 'Job':
      return num(status.succeeded) + num(status.active) > 0 ? undefined : 'no pod started';
    case 'Pod':
      return status.phase === 'Running' || status.phase === 'Succeeded' ? undefined : `phase ${String(status.phase ?? 'unknown')}`;
    default:
      return undefined;
  }
}

/** Waits until every seeded workload has its pods up; the error names the stragglers. */
export async function waitForWorkloads(api: KubernetesObjectApi, objects: KubernetesObject[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending: string[] = [];
  while (Date.now() < deadline) {
    pending = [];
    for (const obj of objects) {
      const live = (await api.read({ apiVersion: obj.apiVersion!, kind: obj.kind!, metadata: { name: obj.metadata!.name!, namespace: obj.metadata!.namespace } })) as WithStatus;
      const reason = notReadyReason(live);
      if (reason) pending.push(`${obj.kind} ${obj.metadata?.namespace}/${obj.metadata?.name}: ${reason}`);
    }
    if (pending.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`seeded workloads not running after ${timeoutMs / 1000}s:\n  ${pending.join('\n  ')}`);
}
