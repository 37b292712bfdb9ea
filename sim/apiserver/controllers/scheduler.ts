import { parseQuantity } from '../../../agent-core/contract/quantity.ts';
import { clone, timestamp, type Json, type KubeObject } from '../kube-object.ts';
import { NODE, POD, type ControllerContext } from './controller-context.ts';

function quantity(text: unknown): number {
  if (text === undefined || text === null) return 0;
  const v = parseQuantity(String(text));
  return Number.isNaN(v) ? 0 : v;
}

function podRequests(spec: Json): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of spec?.containers ?? []) {
    cpu += quantity(c.resources?.requests?.cpu);
    memory += quantity(c.resources?.requests?.memory);
  }
  for (const c of spec?.initContainers ?? []) {
    cpu = Math.max(cpu, quantity(c.resources?.requests?.cpu));
    memory = Math.max(memory, quantity(c.resources?.requests?.memory));
  }
  return { cpu, memory };
}

function nodeReady(node: KubeObject): boolean {
  return ((node.status as Json)?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
}

function tolerates(pod: Json, taint: Json): boolean {
  return (pod.spec?.tolerations ?? []).some(
    (t: Json) =>
      (t.effect === undefined || t.effect === '' || t.effect === taint.effect) &&
      (t.operator === 'Exists' ? t.key === undefined || t.key === '' || t.key === taint.key : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')),
  );
}

/** requiredDuringScheduling node affinity on metadata.name (as DaemonSet pods carry) and labels. */
function affinityAllows(pod: Json, node: KubeObject): boolean {
  const terms: Json[] = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return true;
  const labels = node.metadata.labels ?? {};
  const test = (e: Json, value: string | undefined) => {
    switch (e.operator) {
      case 'In':
        return value !== undefined && (e.values ?? []).includes(value);
      case 'NotIn':
        return value === undefined || !(e.values ?? []).includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  };
  return terms.some(
    (term) =>
      (term.matchFields ?? []).every((e: Json) => test(e, e.key === 'metadata.name' ? node.metadata.name : undefined)) &&
      (term.matchExpressions ?? []).every((e: Json) => test(e, labels[e.key])),
  );
}

/**
 * The default scheduler, much reduced: a pending pod goes to the next Ready node (round robin) whose taints it
 * tolerates, whose labels match its nodeSelector and affinity, and with room for its requests and pod count.
 */
export class Scheduler {
  #next = 0;
  readonly #unschedulableNoted = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {}

  /** Schedules the pending pods among `candidates` ("namespace/name"), or among all pods when not given. */
  schedulePending(candidates?: Iterable<string>): void {
    const all = candidates
      ? [...candidates].map((key) => {
          const [ns, name] = key.split('/') as [string, string];
          return this.ctx.store.get(POD.storage, ns, name);
        })
      : this.ctx.store.list(POD.storage);
    const pending = all.filter((p): p is NonNullable<typeof p> => !!p && !(p.object.spec as Json)?.nodeName && !p.object.metadata.deletionTimestamp);
    if (pending.length === 0) return;
    const nodes = this.ctx.store.list(NODE.storage).map((n) => n.object).filter((n) => nodeReady(n) && !(n.spec as Json)?.unschedulable);
    const used = new Map<string, { cpu: number; memory: number; pods: number }>();
    const usage = (node: string) => {
      let u = used.get(node);
      if (!u) {
        u = { cpu: 0, memory: 0, pods: 0 };
        for (const p of this.ctx.indexes.podsOn(node)) {
          const phase = (p.object.status as Json)?.phase;
          if (phase === 'Succeeded' || phase === 'Failed') continue;
          const r = podRequests(p.object.spec);
          u.cpu += r.cpu;
          u.memory += r.memory;
          u.pods++;
        }
        used.set(node, u);
      }
      return u;
    };
    for (const { object: pod } of pending) {
      const spec: Json = pod.spec;
      const want = podRequests(spec);
      let chosen: KubeObject | undefined;
      for (let i = 0; i < nodes.length && !chosen; i++) {
        const node = nodes[(this.#next + i) % nodes.length]!;
        const alloc: Json = (node.status as Json)?.allocatable ?? {};
        const u = usage(node.metadata.name!);
        if (spec.nodeSelector && !Object.entries(spec.nodeSelector as Record<string, string>).every(([k, v]) => node.metadata.labels?.[k] === v)) continue;
        if (!affinityAllows(pod, node)) continue;
        if (((node.spec as Json)?.taints ?? []).some((t: Json) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod, t))) continue;
        if (u.pods + 1 > (quantity(alloc.pods) || 110)) continue;
        if (alloc.cpu !== undefined && u.cpu + want.cpu > quantity(alloc.cpu) + 1e-9) continue;
        if (alloc.memory !== undefined && u.memory + want.memory > quantity(alloc.memory)) continue;
        chosen = node;
        this.#next = (this.#next + i + 1) % Math.max(1, nodes.length);
      }
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (!chosen) {
        if (!this.#unschedulableNoted.has(key)) {
          this.#unschedulableNoted.add(key);
          this.#markUnschedulable(pod, nodes.length);
        }
        continue;
      }
      this.#unschedulableNoted.delete(key);
      const u = usage(chosen.metadata.name!);
      u.cpu += want.cpu;
      u.memory += want.memory;
      u.pods++;
      this.#bind(pod, chosen.metadata.name!);
    }
  }

  #bind(pod: KubeObject, node: string): void {
    const current = this.ctx.store.get(POD.storage, pod.metadata.namespace!, pod.metadata.name!);
    if (!current || (current.object.spec as Json)?.nodeName) return;
    const next = clone(current.object);
    (next.spec as Json).nodeName = node;
    const status: Json = (next.status ??= {});
    status.conditions = [
      ...((status.conditions ?? []) as Json[]).filter((c) => c.type !== 'PodScheduled'),
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp() },
    ];
    this.ctx.store.update(POD.storage, POD.group, POD.resource, next);
  }

  #markUnschedulable(pod: KubeObject, nodeCount: number): void {
    const current = this.ctx.store.get(POD.storage, pod.metadata.namespace!, pod.metadata.name!);
    if (!current) return;
    const next = clone(current.object);
    const status: Json = (next.status ??= {});
    status.conditions = [
      ...((status.conditions ?? []) as Json[]).filter((c) => c.type !== 'PodScheduled'),
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: timestamp(),
        reason: 'Unschedulable',
        message: `0/${nodeCount} nodes are available: ${nodeCount} node(s) didn't fit the pod.`,
      },
    ];
    this.ctx.store.update(POD.storage, POD.group, POD.resource, next);
  }
}
