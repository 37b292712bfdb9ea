import type { Json, KubeObject } from './kube-object.ts';
import { selectorText } from './selectors.ts';

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date' | 'number' | 'boolean';
  format?: string;
  priority?: number;
  description?: string;
}

/** kubectl's short human durations: 45s, 3m12s, 47m, 5h3m, 2d4h, 300d. */
export function humanAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

const age = (o: KubeObject) => (o.metadata.creationTimestamp ? humanAge(Date.now() - Date.parse(o.metadata.creationTimestamp)) : '<unknown>');
const name: Column = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.' };
const ageCol: Column = { name: 'Age', type: 'string', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' };

function podStatus(o: KubeObject): string {
  const st: Json = o.status ?? {};
  if (o.metadata.deletionTimestamp) return 'Terminating';
  let reason: string = st.reason ?? st.phase ?? 'Unknown';
  for (const c of (st.containerStatuses ?? []) as Json[]) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason && reason !== 'Running') reason = c.state.terminated.reason;
  }
  return reason;
}

function containersAndImages(template: Json): [string, string] {
  const cs: Json[] = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

const TABLES: Record<string, { columns: Column[]; cells: (o: KubeObject) => unknown[] }> = {
  Pod: {
    columns: [
      name,
      { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.' },
      { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
      { name: 'Restarts', type: 'string', description: 'The number of times the containers in this pod have been restarted.' },
      ageCol,
      { name: 'IP', type: 'string', priority: 1 },
      { name: 'Node', type: 'string', priority: 1 },
      { name: 'Nominated Node', type: 'string', priority: 1 },
      { name: 'Readiness Gates', type: 'string', priority: 1 },
    ],
    cells: (o) => {
      const st: Json = o.status ?? {};
      const statuses: Json[] = st.containerStatuses ?? [];
      const total = ((o.spec as Json)?.containers ?? []).length;
      const ready = statuses.filter((c) => c.ready).length;
      const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
      return [o.metadata.name, `${ready}/${total}`, podStatus(o), String(restarts), age(o), st.podIP ?? '<none>', (o.spec as Json)?.nodeName ?? '<none>', '<none>', '<none>'];
    },
  },
  Deployment: {
    columns: [name, { name: 'Ready', type: 'string' }, { name: 'Up-to-date', type: 'string' }, { name: 'Available', type: 'string' }, ageCol,
      { name: 'Containers', type: 'string', priority: 1 }, { name: 'Images', type: 'string', priority: 1 }, { name: 'Selector', type: 'string', priority: 1 }],
    cells: (o) => {
      const s: Json = o.spec ?? {};
      const st: Json = o.status ?? {};
      return [o.metadata.name, `${st.readyReplicas ?? 0}/${s.replicas ?? 0}`, st.updatedReplicas ?? 0, st.availableReplicas ?? 0, age(o), ...containersAndImages(s.template), selectorText(s.selector)];
    },
  },
  ReplicaSet: {
    columns: [name, { name: 'Desired', type: 'integer' }, { name: 'Current', type: 'integer' }, { name: 'Ready', type: 'integer' }, ageCol,
      { name: 'Containers', type: 'string', priority: 1 }, { name: 'Images', type: 'string', priority: 1 }, { name: 'Selector', type: 'string', priority: 1 }],
    cells: (o) => {
      const s: Json = o.spec ?? {};
      const st: Json = o.status ?? {};
      return [o.metadata.name, s.replicas ?? 0, st.replicas ?? 0, st.readyReplicas ?? 0, age(o), ...containersAndImages(s.template), selectorText(s.selector)];
    },
  },
  ReplicationController: {
    columns: [name, { name: 'Desired', type: 'integer' }, { name: 'Current', type: 'integer' }, { name: 'Ready', type: 'integer' }, ageCol,
      { name: 'Containers', type: 'string', priority: 1 }, { name: 'Images', type: 'string', priority: 1 }, { name: 'Selector', type: 'string', priority: 1 }],
    cells: (o) => {
      const s: Json = o.spec ?? {};
      const st: Json = o.status ?? {};
      return [o.metadata.name, s.replicas ?? 0, st.replicas ?? 0, st.readyReplicas ?? 0, age(o), ...containersAndImages(s.template), selectorText({ matchLabels: s.selector })];
    },
  },
  StatefulSet: {
    columns: [name, { name: 'Ready', type: 'string' }, ageCol, { name: 'Containers', type: 'string', priority: 1 }, { name: 'Images', type: 'string', priority: 1 }],
    cells: (o) => {
      const s: Json = o.spec ?? {};
      return [o.metadata.name, `${(o.status as Json)?.readyReplicas ?? 0}/${s.replicas ?? 0}`, age(o), ...containersAndImages(s.template)];
    },
  },
  DaemonSet: {
    columns: [name, { name: 'Desired', type: 'integer' }, { name: 'Current', type: 'integer' }, { name: 'Ready', type: 'integer' }, { name: 'Up-to-date', type: 'integer' },
      { name: 'Available', type: 'integer' }, { name: 'Node Selector', type: 'string' }, ageCol, { name: 'Containers', type: 'string', priority: 1 }, { name: 'Images', type: 'string', priority: 1 }],
    cells: (o) => {
      const st: Json = o.status ?? {};
      const sel = Object.entries(((o.spec as Json)?.template?.spec?.nodeSelector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
      return [o.metadata.name, st.desiredNumberScheduled ?? 0, st.currentNumberScheduled ?? 0, st.numberReady ?? 0, st.updatedNumberScheduled ?? 0, st.numberAvailable ?? 0, sel || '<none>', age(o), ...containersAndImages((o.spec as Json)?.template)];
    },
  },
  Job: {
    columns: [name, { name: 'Completions', type: 'string' }, { name: 'Duration', type: 'string' }, ageCol],
    cells: (o) => {
      const s: Json = o.spec ?? {};
      const st: Json = o.status ?? {};
      const end = st.completionTime ? Date.parse(st.completionTime) : Date.now();
      const duration = st.startTime ? humanAge(end - Date.parse(st.startTime)) : '';
      return [o.metadata.name, `${st.succeeded ?? 0}/${s.completions ?? 1}`, duration, age(o)];
    },
  },
  CronJob: {
    columns: [name, { name: 'Schedule', type: 'string' }, { name: 'Suspend', type: 'boolean' }, { name: 'Active', type: 'integer' }, { name: 'Last Schedule', type: 'string' }, ageCol],
    cells: (o) => {
      const s: Json = o.spec ?? {};
      const st: Json = o.status ?? {};
      const last = st.lastScheduleTime ? humanAge(Date.now() - Date.parse(st.lastScheduleTime)) : '<none>';
      return [o.metadata.name, s.schedule, !!s.suspend, (st.active ?? []).length, last, age(o)];
    },
  },
  Node: {
    columns: [name, { name: 'Status', type: 'string' }, { name: 'Roles', type: 'string' }, ageCol, { name: 'Version', type: 'string' },
      { name: 'Internal-IP', type: 'string', priority: 1 }, { name: 'External-IP', type: 'string', priority: 1 }, { name: 'OS-Image', type: 'string', priority: 1 },
      { name: 'Kernel-Version', type: 'string', priority: 1 }, { name: 'Container-Runtime', type: 'string', priority: 1 }],
    cells: (o) => {
      const st: Json = o.status ?? {};
      const ready = (st.conditions ?? []).find((c: Json) => c.type === 'Ready');
      let status = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
      if ((o.spec as Json)?.unschedulable) status += ',SchedulingDisabled';
      const roles = Object.keys(o.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.split('/')[1]).join(',');
      const addr = (type: string) => (st.addresses ?? []).find((a: Json) => a.type === type)?.address ?? '<none>';
      const info: Json = st.nodeInfo ?? {};
      return [o.metadata.name, status, roles || '<none>', age(o), info.kubeletVersion ?? '', addr('InternalIP'), addr('ExternalIP'), info.osImage ?? '', info.kernelVersion ?? '', info.containerRuntimeVersion ?? ''];
    },
  },
  Namespace: {
    columns: [name, { name: 'Status', type: 'string' }, ageCol],
    cells: (o) => [o.metadata.name, (o.status as Json)?.phase ?? 'Active', age(o)],
  },
  PodDisruptionBudget: {
    columns: [name, { name: 'Min Available', type: 'string' }, { name: 'Max Unavailable', type: 'string' }, { name: 'Allowed Disruptions', type: 'integer' }, ageCol],
    cells: (o) => {
      const s: Json = o.spec ?? {};
      return [o.metadata.name, s.minAvailable ?? 'N/A', s.maxUnavailable ?? 'N/A', (o.status as Json)?.disruptionsAllowed ?? 0, age(o)];
    },
  },
  HorizontalPodAutoscaler: {
    columns: [name, { name: 'Reference', type: 'string' }, { name: 'Targets', type: 'string' }, { name: 'MinPods', type: 'string' }, { name: 'MaxPods', type: 'string' }, { name: 'Replicas', type: 'string' }, ageCol],
    cells: (o) => {
      const s: Json = o.spec ?? {};
      const ref = s.scaleTargetRef ? `${s.scaleTargetRef.kind}/${s.scaleTargetRef.name}` : '';
      const cpu = (s.metrics ?? []).find((m: Json) => m.resource?.name === 'cpu')?.resource?.target?.averageUtilization ?? s.targetCPUUtilizationPercentage;
      return [o.metadata.name, ref, cpu !== undefined ? `<unknown>/${cpu}%` : '<none>', s.minReplicas ?? 1, s.maxReplicas, (o.status as Json)?.currentReplicas ?? 0, age(o)];
    },
  },
  LimitRange: {
    columns: [name, { name: 'Created At', type: 'date' }],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp],
  },
};

const GENERIC = { columns: [name, ageCol], cells: (o: KubeObject) => [o.metadata.name, age(o)] };

function partialMetadata(o: KubeObject) {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/** A meta.k8s.io/v1 Table of objects of one kind, as `kubectl get` asks for. */
export function table(kind: string, objects: KubeObject[], resourceVersion: string, includeObject: string, continueToken?: string, remaining?: number) {
  const t = TABLES[kind] ?? GENERIC;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion, ...(continueToken && { continue: continueToken }), ...(remaining !== undefined && { remainingItemCount: remaining }) },
    columnDefinitions: t.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 })),
    rows: objects.map((o) => ({
      cells: t.cells(o),
      object: includeObject === 'None' ? undefined : includeObject === 'Object' ? o : partialMetadata(o),
    })),
  };
}

/** Whether the Accept header asks for a Table. */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => /as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}
