import type { V1Container, V1Pod } from '@kubernetes/client-node';
import {
  createUsageProfile,
  hashOf,
  PodTimeline,
  profileSettingsFor,
  SeededRandom,
  type ContainerResources,
  type ContainerTimeline,
  type RestartPolicy,
  type UsageProfile,
} from '../profiles/index.ts';
import { CgroupLabels } from './cgroup-labels.ts';
import { containerIdFor, imageIdFor } from './container-ids.ts';
import { containerTraits, type ContainerTraits } from './container-traits.ts';
import { parseQuantity } from './quantity.ts';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** How long a Job's pod runs, in simulated seconds, when not seeded. */
export const RUN_SECONDS_ANNOTATION = 'sim.cluster-insight.io/run-seconds';
const JOB_RUN_SECONDS: readonly [number, number] = [120, 480];
export const SANDBOX_IMAGE = 'k8s.gcr.io/pause:3.2';

export interface PodContext {
  seed: number;
  nodeCpuCores: number;
  podIP: string;
  hostIP: string;
  /** Simulated time the kubelet admitted the pod (whole seconds). */
  startedAt: number;
}

export interface SimulatedContainer {
  name: string;
  image: string;
  imageId: string;
  resources: ContainerResources;
  profile: UsageProfile;
  traits: ContainerTraits;
  timeline: ContainerTimeline;
  /** Runtime id of the life with this restart count. */
  containerId(restartCount: number): string;
  /** cAdvisor labels of the life with this restart count. */
  labels(restartCount: number): CgroupLabels;
}

export interface InitContainerRun {
  name: string;
  image: string;
  imageId: string;
  containerId: string;
  startedAt: number;
  finishedAt: number;
}

/** A pod as the simulated kubelet runs it: identities, cgroup paths and the usage timeline of its containers. */
export class SimulatedPod {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly qosClass: QosClass;
  readonly cgroupPath: string;
  readonly podIP: string;
  readonly hostIP: string;
  readonly startedAt: number;
  /** A Job's pod completes at this simulated time. */
  readonly completesAt: number | undefined;
  readonly restartPolicy: RestartPolicy;
  readonly initContainers: InitContainerRun[];
  /** Volumes the kubelet reports usage for (secrets, config maps, projected tokens, emptyDirs). */
  readonly volumeNames: string[];
  readonly containers: SimulatedContainer[];
  readonly timeline: PodTimeline;
  readonly sandboxId: string;
  readonly sandboxLabels: CgroupLabels;
  readonly podLabels: CgroupLabels;
  /** Containers (after init containers) start at this simulated time. */
  readonly containersStartAt: number;
  /** Whether the pod can change state by itself (OOM kills, a Job's completion), so must be followed between scrapes. */
  readonly changesOnItsOwn: boolean;
  /** The timeline version last written to the API server, and the one queued to be. */
  reportedVersion = 0;
  queuedVersion = 0;
  /** The pod is being deleted: stats stop and the kubelet confirms the deletion. */
  terminating = false;
  /** Its counters have been handed to the parent cgroups (deleted or finished). */
  retired = false;

  constructor(manifest: V1Pod, context: PodContext) {
    const { seed, startedAt } = context;
    const metadata = manifest.metadata!;
    const spec = manifest.spec!;
    this.uid = metadata.uid!;
    this.name = metadata.name!;
    this.namespace = metadata.namespace ?? 'default';
    this.podIP = context.podIP;
    this.hostIP = context.hostIP;
    this.startedAt = startedAt;
    this.restartPolicy = (spec.restartPolicy as RestartPolicy | undefined) ?? 'Always';
    this.qosClass = (manifest.status?.qosClass as QosClass | undefined) ?? qosClassOf(spec.containers);
    this.cgroupPath = cgroupPathFor(this.qosClass, this.uid);

    this.initContainers = (spec.initContainers ?? []).map((c, i) => ({
      name: c.name,
      image: c.image ?? '',
      imageId: imageIdFor(c.image ?? ''),
      containerId: containerIdFor(seed, this.uid, c.name, 0),
      startedAt: startedAt + 1000 * (i + 1),
      finishedAt: startedAt + 1000 * (i + 2),
    }));
    this.volumeNames = (spec.volumes ?? []).filter((v) => v.secret || v.configMap || v.projected || v.emptyDir || v.downwardAPI).map((v) => v.name);
    const containersStartAt = startedAt + 1000 * (this.initContainers.length + 1);
    this.containersStartAt = containersStartAt;
    const isJob = metadata.ownerReferences?.some((o) => o.kind === 'Job') ?? false;
    this.completesAt = isJob ? containersStartAt + 1000 * jobRunSeconds(manifest, seed) : undefined;

    const resources = spec.containers.map(resourcesOf);
    const podCpuLimit = resources.every((r) => r.cpuLimitCores) ? resources.reduce((sum, r) => sum + r.cpuLimitCores!, 0) : undefined;
    const profiles = spec.containers.map((c, i) => {
      const { profile, ...overrides } = profileSettingsFor(metadata.annotations, c.name);
      const identity = { namespace: this.namespace, pod: this.name, container: c.name };
      return createUsageProfile({ seed, identity, resources: resources[i]!, nodeCpuCores: context.nodeCpuCores, overrides, profile });
    });
    this.timeline = new PodTimeline({
      startsAt: startedAt,
      cpuLimitCores: podCpuLimit,
      containers: spec.containers.map((_, i) => ({
        profile: profiles[i]!,
        cpuLimitCores: resources[i]!.cpuLimitCores,
        memoryLimitBytes: resources[i]!.memoryLimitBytes,
        nodeCpuCores: context.nodeCpuCores,
        startsAt: containersStartAt,
        restartPolicy: this.restartPolicy,
        completesAt: this.completesAt,
      })),
    });
    this.containers = spec.containers.map((c, i) => this.#simulatedContainer(c, seed, resources[i]!, profiles[i]!, this.timeline.containers[i]!));
    this.changesOnItsOwn = this.completesAt !== undefined || resources.some((r) => r.memoryLimitBytes !== undefined);

    this.sandboxId = containerIdFor(seed, this.uid, 'POD', 0);
    this.sandboxLabels = new CgroupLabels({
      container: 'POD',
      id: `${this.cgroupPath}/${this.sandboxId}`,
      image: SANDBOX_IMAGE,
      name: `k8s_POD_${this.name}_${this.namespace}_${this.uid}_0`,
      namespace: this.namespace,
      pod: this.name,
    });
    this.podLabels = new CgroupLabels({ container: '', id: this.cgroupPath, image: '', name: '', namespace: this.namespace, pod: this.name });
  }

  /** True once every container has terminated for good. */
  get finished(): boolean {
    return this.timeline.containers.every((c) => c.state.kind === 'terminated');
  }

  #simulatedContainer(
    container: V1Container,
    seed: number,
    resources: ContainerResources,
    profile: UsageProfile,
    timeline: ContainerTimeline,
  ): SimulatedContainer {
    const image = container.image ?? '';
    const { uid, name: pod, namespace, cgroupPath } = this;
    let cached: { restartCount: number; labels: CgroupLabels } | undefined;
    const containerId = (restartCount: number) => containerIdFor(seed, uid, container.name, restartCount);
    return {
      name: container.name,
      image,
      imageId: imageIdFor(image),
      resources,
      profile,
      traits: containerTraits(seed, uid, container.name),
      timeline,
      containerId,
      labels(restartCount) {
        if (cached?.restartCount !== restartCount) {
          const id = containerId(restartCount);
          const labels = new CgroupLabels({
            container: container.name,
            id: `${cgroupPath}/${id}`,
            image,
            name: `k8s_${container.name}_${pod}_${namespace}_${uid}_${restartCount}`,
            namespace,
            pod,
          });
          cached = { restartCount, labels };
        }
        return cached.labels;
      },
    };
  }
}

function resourcesOf(container: V1Container): ContainerResources {
  const { requests = {}, limits = {} } = container.resources ?? {};
  return {
    cpuRequestCores: parseQuantity(requests.cpu),
    cpuLimitCores: parseQuantity(limits.cpu),
    memoryRequestBytes: parseQuantity(requests.memory),
    memoryLimitBytes: parseQuantity(limits.memory),
  };
}

/** The API server sets status.qosClass; this is its rule, for pods seen before it did. */
export function qosClassOf(containers: readonly V1Container[]): QosClass {
  const all = containers.map((c) => c.resources ?? {});
  const hasAny = all.some((r) => Object.keys(r.requests ?? {}).length > 0 || Object.keys(r.limits ?? {}).length > 0);
  if (!hasAny) return 'BestEffort';
  const guaranteed = all.every((r) =>
    (['cpu', 'memory'] as const).every((k) => r.limits?.[k] !== undefined && parseQuantity(r.requests?.[k] ?? r.limits[k]) === parseQuantity(r.limits[k])),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function cgroupPathFor(qosClass: QosClass, uid: string): string {
  if (qosClass === 'Guaranteed') return `/kubepods/pod${uid}`;
  return `/kubepods/${qosClass.toLowerCase()}/pod${uid}`;
}

function jobRunSeconds(manifest: V1Pod, seed: number): number {
  const annotated = Number(manifest.metadata?.annotations?.[RUN_SECONDS_ANNOTATION]);
  if (Number.isFinite(annotated) && annotated > 0) return Math.round(annotated);
  return new SeededRandom(hashOf(seed, 'job-run', manifest.metadata!.namespace ?? '', manifest.metadata!.name!)).integer(...JOB_RUN_SECONDS);
}
