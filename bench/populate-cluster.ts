// Creates the bench's workload on the test cluster and waits until every pod is Running.
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiClient, forEachLimited } from './api-client.ts';
import { sleep } from './measure.ts';
import { workloadMix } from './workload-mix.ts';

const RESOURCES: Record<string, string> = {
  Namespace: 'namespaces',
  LimitRange: 'limitranges',
  Pod: 'pods',
  ReplicationController: 'replicationcontrollers',
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
};

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

export function collectionPath(obj: Obj): string {
  const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const resource = RESOURCES[obj.kind];
  if (!resource) throw new Error(`no resource known for ${obj.kind}`);
  return obj.metadata.namespace ? `${base}/namespaces/${obj.metadata.namespace}/${resource}` : `${base}/${resource}`;
}

export interface PopulateResult {
  pods: number;
  barePods: number;
  controllerPods: number;
  seconds: number;
  /** batch/v1 or, before Kubernetes 1.21, batch/v1beta1. */
  cronJobApiVersion: string;
}

async function cronJobApiVersion(api: ApiClient): Promise<string> {
  const answer = await api.request('GET', '/apis/batch/v1');
  const served = answer.status === 200 && (JSON.parse(answer.body.toString('utf8')) as { resources: { kind: string }[] }).resources.some((r) => r.kind === 'CronJob');
  return served ? 'batch/v1' : 'batch/v1beta1';
}

type PodSummary = { metadata: { namespace: string; name: string }; spec: { nodeName?: string }; status?: { phase?: string; conditions?: { type: string; status: string; message?: string }[] } };

/** Pods that exist, and those not (yet) Running. */
async function podCounts(api: ApiClient): Promise<{ total: number; notRunning: PodSummary[] }> {
  const first = await api.getJson<{ items: unknown[]; metadata: { remainingItemCount?: number } }>('/api/v1/pods?limit=1');
  const total = first.items.length + (first.metadata.remainingItemCount ?? 0);
  const pending = await api.getJson<{ items: PodSummary[] }>(`/api/v1/pods?fieldSelector=${encodeURIComponent('status.phase!=Running')}`);
  return { total, notRunning: pending.items };
}

const describePod = (p: PodSummary) =>
  `${p.metadata.namespace}/${p.metadata.name} on ${p.spec.nodeName ?? '(unscheduled)'}: ${p.status?.phase ?? 'no phase'}` +
  (p.status?.conditions?.filter((c) => c.status !== 'True').map((c) => ` ${c.type}=${c.status}${c.message ? ` (${c.message})` : ''}`).join('') ?? '');

export interface PopulateOptions {
  nodes: number;
  pods: number;
  nodeNames: readonly string[];
  log: (line: string) => void;
  timeoutMs?: number;
  /**
   * Called for the node of a pod that stays Pending although bound: a simulated kubelet whose tick lands exactly on
   * a pod's container start never starts it until something reads the node's stats (see the bench's report).
   */
  nudgeNode?: (nodeName: string) => void;
}

export async function populateCluster(kc: KubeConfig, opts: PopulateOptions): Promise<PopulateResult> {
  const began = Date.now();
  const api = new ApiClient(kc, 32);
  try {
    const mix = workloadMix({ ...opts, cronJobApiVersion: await cronJobApiVersion(api) });
    for (const ns of mix.namespaces) await api.create(collectionPath(ns), ns);
    // Pods need the namespace's default service account and its token first.
    for (const ns of mix.namespaces) {
      for (;;) {
        const sa = await api.request('GET', `/api/v1/namespaces/${ns.metadata.name}/serviceaccounts/default`);
        if (sa.status === 200 && ((JSON.parse(sa.body.toString('utf8')) as { secrets?: unknown[] }).secrets?.length ?? 0) > 0) break;
        await sleep(200);
      }
    }
    for (const obj of mix.controllers) await api.create(collectionPath(obj), obj);
    const { cronJob, job } = mix.cronJobChild;
    const created = await api.getJson<{ metadata: { uid: string } }>(`${collectionPath(cronJob)}/${cronJob.metadata.name}`);
    const ownedJob = {
      ...job,
      metadata: { ...job.metadata, ownerReferences: [{ apiVersion: cronJob.apiVersion, kind: 'CronJob', name: cronJob.metadata.name, uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }] },
    };
    await api.create(collectionPath(ownedJob), ownedJob);
    opts.log(`created ${mix.namespaces.length} namespaces and ${mix.controllers.length + 1} controllers (${mix.controllerPods} pods to come); creating ${mix.barePods.length} bare pods`);

    let posted = 0;
    await forEachLimited(mix.barePods, 32, async (pod) => {
      await api.create(collectionPath(pod), pod);
      if (++posted % 2000 === 0) opts.log(`  ${posted} bare pods created (${((Date.now() - began) / 1000).toFixed(0)} s)`);
    });

    const expected = mix.barePods.length + mix.controllerPods;
    const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
    let loggedAt = Date.now();
    let progress = { running: -1, at: Date.now() };
    for (;;) {
      const { total, notRunning } = await podCounts(api);
      const running = total - notRunning.length;
      const line = `  pods: ${total} of ${expected} created, ${running} Running (${((Date.now() - began) / 1000).toFixed(0)} s)`;
      if (total >= expected && notRunning.length === 0) break;
      if (running !== progress.running) progress = { running, at: Date.now() };
      if (total >= expected && Date.now() - progress.at > 10_000 && opts.nudgeNode) {
        const stuck = new Set(notRunning.filter((p) => p.spec.nodeName && p.status?.phase === 'Pending').map((p) => p.spec.nodeName!));
        if (stuck.size) opts.log(`  nudging ${stuck.size} simulated kubelet(s) with Pending pods: ${[...stuck].slice(0, 5).join(', ')}${stuck.size > 5 ? ', …' : ''}`);
        for (const node of stuck) opts.nudgeNode(node);
      }
      if (Date.now() - loggedAt >= 15_000) {
        opts.log(line);
        loggedAt = Date.now();
      }
      if (Date.now() > deadline || Date.now() - progress.at > 90_000) {
        throw new Error(`the workload did not come up:${line}; not Running:\n    ${notRunning.slice(0, 10).map(describePod).join('\n    ')}`);
      }
      await sleep(3000);
    }
    return { pods: expected, barePods: mix.barePods.length, controllerPods: mix.controllerPods, seconds: (Date.now() - began) / 1000, cronJobApiVersion: mix.cronJobApiVersion };
  } finally {
    api.close();
  }
}
