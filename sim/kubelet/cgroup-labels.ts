import { label } from './cadvisor/prometheus-format.ts';

export interface CgroupIdentity {
  /** The container's name in its pod; "" for pod, QoS, system and root cgroups; "POD" for the sandbox. */
  container: string;
  /** The cgroup path, e.g. /kubepods/burstable/pod<uid>/<64-hex container id>. */
  id: string;
  image: string;
  /** The runtime's name for the container (docker: k8s_<container>_<pod>_<namespace>_<uid>_<restarts>). */
  name: string;
  namespace: string;
  pod: string;
}

/**
 * The kubelet's cAdvisor label set for one cgroup, rendered once per container life in the pieces that
 * extra labels slot between: client_golang writes label pairs sorted by name.
 */
export class CgroupLabels {
  readonly identity: CgroupIdentity;
  /** container="…" */
  readonly head: string;
  /** id="…",image="…",name="…",namespace="…",pod="…" */
  readonly afterHead: string;
  /** container="…",id="…",image="…" */
  readonly throughImage: string;
  /** name="…",namespace="…",pod="…" */
  readonly tail: string;
  /** All six labels. */
  readonly all: string;

  constructor(identity: CgroupIdentity) {
    this.identity = identity;
    this.head = label('container', identity.container);
    const idAndImage = `${label('id', identity.id)},${label('image', identity.image)}`;
    this.tail = `${label('name', identity.name)},${label('namespace', identity.namespace)},${label('pod', identity.pod)}`;
    this.afterHead = `${idAndImage},${this.tail}`;
    this.throughImage = `${this.head},${idAndImage}`;
    this.all = `${this.head},${this.afterHead}`;
  }

  /** Sort key matching client_golang's order of series: label values in label-name order. */
  get sortKey(): string {
    return `${this.identity.container}\u0000${this.identity.id}`;
  }
}

/** A cgroup of the node itself (root, QoS classes, system services): every label but id empty. */
export const nodeCgroupLabels = (id: string): CgroupLabels =>
  new CgroupLabels({ container: '', id, image: '', name: '', namespace: '', pod: '' });
