import type { ContainerTimeline, Termination } from '../profiles/index.ts';
import type { SimulatedContainer, SimulatedPod } from './simulated-pod.ts';
import { rfc3339 } from './time-format.ts';

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** The pod's status as the kubelet would write it, for a strategic-merge patch of pods/status. */
export function podStatusPatch(pod: SimulatedPod) {
  const timelines = pod.containers.map((c) => c.timeline);
  const phase = phaseOf(timelines);
  const ready = timelines.every((t) => t.state.kind === 'running');
  const readySince = ready
    ? Math.max(...timelines.map((t) => (t.state.kind === 'running' ? t.state.startedAt : 0)))
    : Math.max(pod.startedAt, ...timelines.map((t) => t.lastTermination?.finishedAt ?? 0));
  const readiness = phase === 'Running' || phase === 'Pending' ? (ready ? {} : { reason: 'ContainersNotReady', message: notReadyMessage(pod) }) : { reason: 'PodCompleted' };
  const started = rfc3339(pod.startedAt);
  const condition = (type: string, status: boolean, at: string, extra = {}) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
    ...extra,
  });
  return {
    // The uid makes the patch a precondition: a pod recreated under the same name is not overwritten.
    metadata: { uid: pod.uid },
    status: {
      phase,
      conditions: [
        condition('Initialized', true, started, phase === 'Succeeded' || phase === 'Failed' ? { reason: 'PodCompleted' } : {}),
        condition('Ready', ready, rfc3339(readySince), readiness),
        condition('ContainersReady', ready, rfc3339(readySince), readiness),
        condition('PodScheduled', true, started),
      ],
      hostIP: pod.hostIP,
      podIP: pod.podIP,
      podIPs: [{ ip: pod.podIP }],
      startTime: started,
      ...(pod.initContainers.length > 0 && {
        initContainerStatuses: pod.initContainers.map((init) => ({
          name: init.name,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: rfc3339(init.startedAt),
              finishedAt: rfc3339(init.finishedAt),
              containerID: `docker://${init.containerId}`,
            },
          },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: init.image,
          imageID: init.imageId,
          containerID: `docker://${init.containerId}`,
        })),
      }),
      containerStatuses: pod.containers.map((c) => containerStatus(pod, c)),
      qosClass: pod.qosClass,
    },
  };
}

function phaseOf(timelines: readonly ContainerTimeline[]): Phase {
  if (timelines.some((t) => t.state.kind === 'waiting' && t.state.reason === 'ContainerCreating')) return 'Pending';
  if (!timelines.every((t) => t.state.kind === 'terminated')) return 'Running';
  return timelines.every((t) => t.lastTermination?.exitCode === 0) ? 'Succeeded' : 'Failed';
}

function containerStatus(pod: SimulatedPod, container: SimulatedContainer) {
  const { timeline } = container;
  const { state } = timeline;
  const currentId = container.containerId(timeline.restartCount);
  const terminated = (t: Termination, id: string) => ({
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      startedAt: rfc3339(t.startedAt),
      finishedAt: rfc3339(t.finishedAt),
      containerID: `docker://${id}`,
    },
  });
  const last = timeline.lastTermination;
  // Running: the last termination ended the previous life. Backing off: it ended this restart count's life.
  const previousLife = state.kind === 'running' ? timeline.restartCount - 1 : timeline.restartCount;
  const lastState = state.kind !== 'terminated' && last ? terminated(last, container.containerId(previousLife)) : {};
  return {
    name: container.name,
    state:
      state.kind === 'running'
        ? { running: { startedAt: rfc3339(state.startedAt) } }
        : state.kind === 'terminated'
          ? terminated(state.termination, currentId)
          : {
              waiting: {
                reason: state.reason,
                ...(state.reason === 'CrashLoopBackOff' && {
                  message: `back-off 10s restarting failed container=${container.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
                }),
              },
            },
    lastState,
    ready: state.kind === 'running',
    restartCount: timeline.restartCount,
    image: container.image,
    imageID: container.imageId,
    containerID: `docker://${currentId}`,
    started: state.kind === 'running',
  };
}

function notReadyMessage(pod: SimulatedPod): string {
  const names = pod.containers.filter((c) => c.timeline.state.kind !== 'running').map((c) => c.name);
  return `containers with unready status: [${names.join(' ')}]`;
}
