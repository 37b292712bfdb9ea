import type { Json, KubeObject } from './kube-object.ts';
import type { ObjectStore } from './object-store.ts';

/**
 * The LimitRanger admission plugin for pods: a container without a request or limit gets the namespace's
 * LimitRange Container defaults, and the pod an annotation saying what was set.
 */
export function admitPodLimits(store: ObjectStore, pod: KubeObject): void {
  const ranges = store.list('/limitranges', pod.metadata.namespace);
  if (ranges.length === 0) return;
  const notes: string[] = [];
  const spec: Json = pod.spec;
  for (const range of ranges) {
    for (const limit of ((range.object.spec as Json)?.limits ?? []) as Json[]) {
      if (limit.type !== 'Container') continue;
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Json[]) {
        c.resources ??= {};
        const setRequests: string[] = [];
        const setLimits: string[] = [];
        for (const [r, v] of Object.entries((limit.default ?? {}) as Record<string, string>)) {
          c.resources.limits ??= {};
          if (c.resources.limits[r] === undefined) {
            c.resources.limits[r] = v;
            setLimits.push(r);
          }
        }
        for (const [r, v] of Object.entries((limit.defaultRequest ?? {}) as Record<string, string>)) {
          c.resources.requests ??= {};
          if (c.resources.requests[r] === undefined) {
            c.resources.requests[r] = v;
            setRequests.push(r);
          }
        }
        if (setRequests.length) notes.push(`${setRequests.join(', ')} request for ${spec.initContainers?.includes(c) ? 'init container' : 'container'} ${c.name}`);
        if (setLimits.length) notes.push(`${setLimits.join(', ')} limit for ${spec.initContainers?.includes(c) ? 'init container' : 'container'} ${c.name}`);
      }
    }
  }
  if (notes.length) {
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}
