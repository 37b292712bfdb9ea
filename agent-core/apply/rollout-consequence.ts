import type { KubeObject } from '../inventory/kube-object.ts';

/** What a changed pod template does to running pods, in words and a count, before anything changes. */
export interface RolloutConsequence {
  /** all: every pod is replaced; partial: some (a StatefulSet partition); none: running pods keep the old values. */
  rolls: 'all' | 'partial' | 'none';
  podsReplaced: number;
  summary: string;
}

type Obj = Record<string, unknown>;
const at = (obj: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Obj)[k] : undefined), obj);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
const str = (v: unknown, fallback: string): string => (typeof v === 'number' || typeof v === 'string' ? String(v) : fallback);

/** From the object as the server would store it (its defaults filled in). */
export function rolloutConsequence(obj: KubeObject): RolloutConsequence {
  const kind = obj.kind;
  const replicas = num(at(obj, 'spec', 'replicas'), 1);
  const pods = (n: number) => `${n} pod${n === 1 ? '' : 's'}`;
  switch (kind) {
    case 'Deployment': {
      if (at(obj, 'spec', 'strategy', 'type') === 'Recreate') {
        return { rolls: 'all', podsReplaced: replicas, summary: `Recreate: all ${pods(replicas)} are stopped, then replaced (the workload is down in between).` };
      }
      const surge = str(at(obj, 'spec', 'strategy', 'rollingUpdate', 'maxSurge'), '25%');
      const unavailable = str(at(obj, 'spec', 'strategy', 'rollingUpdate', 'maxUnavailable'), '25%');
      return { rolls: 'all', podsReplaced: replicas, summary: `Rolling update: ${pods(replicas)} replaced through a new ReplicaSet (maxSurge ${surge}, maxUnavailable ${unavailable}).` };
    }
    case 'StatefulSet': {
      if (at(obj, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
        return { rolls: 'none', podsReplaced: 0, summary: `OnDelete: the StatefulSet does not roll; each of its ${pods(replicas)} gets the new values only when deleted.` };
      }
      const partition = num(at(obj, 'spec', 'updateStrategy', 'rollingUpdate', 'partition'), 0);
      const replaced = Math.max(0, replicas - partition);
      if (partition > 0) {
        return {
          rolls: replaced > 0 ? 'partial' : 'none',
          podsReplaced: replaced,
          summary: `Partition ${partition}: only ordinals ≥ ${partition} roll (${pods(replaced)}, highest first, one at a time); the others keep the old values until the partition is lowered.`,
        };
      }
      return { rolls: 'all', podsReplaced: replicas, summary: `Rolling update: ${pods(replicas)} replaced one at a time, highest ordinal first.` };
    }
    case 'DaemonSet': {
      const scheduled = num(at(obj, 'status', 'desiredNumberScheduled'), 0);
      if (at(obj, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
        return { rolls: 'none', podsReplaced: 0, summary: `OnDelete: the DaemonSet does not roll; each of its ${pods(scheduled)} gets the new values only when deleted.` };
      }
      const unavailable = str(at(obj, 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'), '1');
      return { rolls: 'all', podsReplaced: scheduled, summary: `Rolling update: ${pods(scheduled)} (one per node) replaced, maxUnavailable ${unavailable}.` };
    }
    case 'ReplicaSet':
    case 'ReplicationController':
      return { rolls: 'none', podsReplaced: 0, summary: `A bare ${kind} does not roll on its own: its ${pods(replicas)} keep the old values; only pods created from now on (after a deletion or a scale-up) get the new ones.` };
    case 'CronJob':
      return { rolls: 'none', podsReplaced: 0, summary: 'No pod is replaced: Jobs already running keep the old values; the next scheduled runs get the new ones.' };
    default:
      return { rolls: 'none', podsReplaced: 0, summary: `${kind} pods are not replaced.` };
  }
}
