import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { V1Pod } from '@kubernetes/client-node';
import type { VirtualClock } from '../clock.ts';
import { renderCadvisor } from './cadvisor/render-cadvisor.ts';
import type { ApiQueue } from './api-queue.ts';
import { KubeApiError, type KubeApi } from './kube-api.ts';
import { chargeRetired, noRetiredCounters, rootDisk } from './node-cgroups.ts';
import type { NodeMachine } from './node-machine.ts';
import { NODE_SOFTWARE } from './node-object.ts';
import { collectNodeStats, type NodeStats } from './node-stats.ts';
import { podStats } from './pod-cgroups.ts';
import { PodIpPool } from './pod-ip-pool.ts';
import { podStatusPatch } from './pod-status.ts';
import type { PodSink } from './pod-watch.ts';
import { SimulatedPod } from './simulated-pod.ts';
import { renderSummary } from './summary.ts';

const gzipAsync = promisify(gzip);
export const HOST_IP = '127.0.0.1';
/** Rendered texts (about a megabyte each) are dropped this long after use, so idle nodes hold no copies. */
const RENDER_CACHE_MS = 5000;
/** Pods older than this when adopted (after a fleet restart) are treated as new: their recorded start is not ours. */
const MAX_ADOPTED_AGE_MS = 30 * 24 * 3600_000;

export type Endpoint = 'summary' | 'summary-cpu-memory' | 'cadvisor';

export interface SimulatedNodeOptions {
  machine: NodeMachine;
  /** Picks the node's /24 of pod IPs: unique within the fleet. */
  podCidrIndex: number;
  seed: number;
  clock: VirtualClock;
  /** Only writes: pod status and deletions (a stub in unit tests). */
  api: Pick<KubeApi, 'patch' | 'delete'>;
  queue: ApiQueue;
}

interface Sample {
  timeMs: number;
  stats: NodeStats;
  texts: Map<Endpoint, string>;
  gzipped: Map<Endpoint, Promise<Buffer>>;
  evictTimer?: ReturnType<typeof setTimeout>;
}

/**
 * One hollow kubelet: runs the pods bound to its node (simulated), reports their status to the API server,
 * confirms their deletion, and answers /stats/summary and /metrics/cadvisor from one cached sample per
 * simulated second.
 */
export class SimulatedNode implements PodSink {
  readonly name: string;
  readonly machine: NodeMachine;
  readonly ipPool: PodIpPool;
  readonly #options: SimulatedNodeOptions;
  readonly #pods = new Map<string, SimulatedPod>();
  readonly #retired = noRetiredCounters();
  #sample: Sample | undefined;

  constructor(options: SimulatedNodeOptions) {
    this.#options = options;
    this.machine = options.machine;
    this.name = options.machine.name;
    this.ipPool = new PodIpPool(options.podCidrIndex);
  }

  get pods(): ReadonlyMap<string, SimulatedPod> {
    return this.#pods;
  }

  /** The sample time: the virtual clock in whole seconds, as metav1.Time carries them. */
  sampleTime(): number {
    return Math.floor(this.#options.clock.now() / 1000) * 1000;
  }

  podChanged(manifest: V1Pod): void {
    const uid = manifest.metadata!.uid!;
    const known = this.#pods.get(uid);
    if (manifest.metadata!.deletionTimestamp) {
      if (known) this.#terminate(known);
      else this.#confirmDeletion(manifest.metadata!.namespace!, manifest.metadata!.name!, uid);
      return;
    }
    if (known) return;
    const phase = manifest.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    this.#admit(manifest);
  }

  podGone(manifest: V1Pod): void {
    const pod = this.#pods.get(manifest.metadata!.uid!);
    if (!pod) return;
    this.#retire(pod, this.sampleTime());
    this.ipPool.release(pod.podIP);
    this.#pods.delete(pod.uid);
  }

  /** Follows pods that change by themselves (OOM kills, Job completions) and reports status changes. */
  tick(): void {
    const now = this.sampleTime();
    for (const pod of this.#pods.values()) {
      if (pod.terminating) continue;
      // Until its containers have started (a start lands in the cell after the cursor, so `<=`: a tick exactly at
      // the start time must not be the last), and for ever when the pod can change by itself.
      if (!pod.retired && (pod.changesOnItsOwn || pod.timeline.cursor <= pod.containersStartAt)) pod.timeline.advanceTo(now);
      if (pod.finished) this.#retire(pod, now);
      const version = pod.timeline.version;
      if (version > 0 && version !== pod.reportedVersion && version !== pod.queuedVersion) this.#reportStatus(pod);
    }
  }

  /** The node's stats at the current sample time, computed once per sample. */
  stats(): NodeStats {
    return this.#currentSample().stats;
  }

  render(endpoint: Endpoint): string {
    const sample = this.#currentSample();
    let text = sample.texts.get(endpoint);
    if (text === undefined) {
      text =
        endpoint === 'cadvisor'
          ? renderCadvisor(sample.stats, NODE_SOFTWARE)
          : renderSummary(sample.stats, { onlyCpuAndMemory: endpoint === 'summary-cpu-memory' });
      sample.texts.set(endpoint, text);
      this.#evictRendersLater(sample);
    }
    return text;
  }

  renderGzipped(endpoint: Endpoint): Promise<Buffer> {
    const sample = this.#currentSample();
    let zipped = sample.gzipped.get(endpoint);
    if (!zipped) {
      zipped = gzipAsync(this.render(endpoint));
      sample.gzipped.set(endpoint, zipped);
      this.#evictRendersLater(sample);
    }
    return zipped;
  }

  #evictRendersLater(sample: Sample): void {
    sample.evictTimer ??= setTimeout(() => {
      sample.texts.clear();
      sample.gzipped.clear();
      sample.evictTimer = undefined;
    }, RENDER_CACHE_MS).unref();
  }

  #currentSample(): Sample {
    const timeMs = this.sampleTime();
    if (this.#sample?.timeMs === timeMs) return this.#sample;
    const live: SimulatedPod[] = [];
    for (const pod of this.#pods.values()) {
      if (pod.terminating || pod.retired || pod.startedAt > timeMs) continue;
      pod.timeline.advanceTo(timeMs);
      if (pod.finished) this.#retire(pod, timeMs);
      else live.push(pod);
    }
    const stats = collectNodeStats(this.machine, timeMs, live, this.#retired);
    this.#sample = { timeMs, stats, texts: new Map(), gzipped: new Map() };
    return this.#sample;
  }

  #admit(manifest: V1Pod): void {
    const now = this.sampleTime();
    const recordedStart = Date.parse(manifest.status?.startTime as unknown as string);
    const adopted = manifest.status?.hostIP === HOST_IP && recordedStart <= now && recordedStart > now - MAX_ADOPTED_AGE_MS;
    const hostNetwork = manifest.spec?.hostNetwork === true;
    const podIP = hostNetwork ? HOST_IP : this.ipPool.allocate(adopted ? manifest.status?.podIP : undefined);
    const pod = new SimulatedPod(manifest, {
      seed: this.#options.seed,
      nodeCpuCores: this.machine.cpuCores,
      podIP,
      hostIP: HOST_IP,
      startedAt: adopted ? recordedStart : now,
    });
    this.#pods.set(pod.uid, pod);
  }

  #terminate(pod: SimulatedPod): void {
    if (pod.terminating) return;
    this.#retire(pod, this.sampleTime());
    pod.terminating = true;
    this.#confirmDeletion(pod.namespace, pod.name, pod.uid);
  }

  /** Stops reporting the pod's cgroups and charges its counters to its parents. */
  #retire(pod: SimulatedPod, timeMs: number): void {
    if (pod.retired) return;
    pod.retired = true;
    if (pod.startedAt > timeMs) return;
    pod.timeline.advanceTo(timeMs);
    chargeRetired(this.#retired, podStats(pod, timeMs, rootDisk(this.machine, timeMs, 0)));
    this.#sample = undefined;
  }

  #reportStatus(pod: SimulatedPod): void {
    const { api, queue } = this.#options;
    pod.queuedVersion = pod.timeline.version;
    queue.enqueue(`status/${pod.uid}`, async () => {
      if (pod.terminating || !this.#pods.has(pod.uid)) return;
      const version = pod.timeline.version;
      try {
        await api.patch(`/api/v1/namespaces/${pod.namespace}/pods/${pod.name}/status`, podStatusPatch(pod), 'strategic');
        pod.reportedVersion = version;
      } catch (err) {
        pod.queuedVersion = pod.reportedVersion;
        throw err;
      }
    });
  }

  /** What the kubelet does once containers are gone: delete for good, only the pod with this uid. */
  #confirmDeletion(namespace: string, name: string, uid: string): void {
    const { api, queue } = this.#options;
    queue.enqueue(`delete/${uid}`, async () => {
      try {
        await api.delete(`/api/v1/namespaces/${namespace}/pods/${name}`, {
          apiVersion: 'v1',
          kind: 'DeleteOptions',
          gracePeriodSeconds: 0,
          preconditions: { uid },
        });
      } catch (err) {
        if (err instanceof KubeApiError && (err.status === 404 || err.status === 409)) return;
        throw err;
      }
    });
  }
}
