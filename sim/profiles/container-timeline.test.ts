import { describe, expect, it } from 'vitest';
import { OOM_EXIT_CODE, RESTART_BACKOFF_MS, type ContainerTimelineOptions, type LifeCounters } from './container-timeline.ts';
import { PodTimeline } from './pod-timeline.ts';
import { CELL_MS, type UsageProfile } from './usage-profile.ts';

const MiB = 1024 * 1024;
const START = Date.UTC(2026, 0, 15, 12, 0, 3);

/** 0.3 cores; memory 100 MiB growing 10 MiB per simulated minute from each start. */
const leaking: UsageProfile = {
  name: 'leak',
  meanCpuCores: 0.3,
  baseMemoryBytes: 100 * MiB,
  cpuCoresAt: () => 0.3,
  memoryBytesAt: (t, lifeStart) => 100 * MiB + ((t - lifeStart) / 60_000) * 10 * MiB,
};

const container = (overrides: Partial<ContainerTimelineOptions> = {}): ContainerTimelineOptions => ({
  profile: leaking,
  cpuLimitCores: 0.5,
  memoryLimitBytes: 200 * MiB,
  nodeCpuCores: 8,
  startsAt: START + 1000,
  restartPolicy: 'Always',
  ...overrides,
});

function sampleEvery(stepMs: number, untilMs: number, options = container()) {
  const pod = new PodTimeline({ startsAt: START, containers: [options] });
  const samples = [];
  for (let t = START + stepMs; t <= untilMs; t += stepMs) {
    pod.advanceTo(t);
    const sample = pod.containers[0]!.sampleAt(t);
    if (sample) samples.push(sample);
  }
  return { pod, samples };
}

const counterKeys: Array<keyof LifeCounters> = ['cpuCoreSeconds', 'cfsPeriods', 'cfsThrottledPeriods', 'cfsThrottledSeconds'];

describe('container timeline', () => {
  it('integrates usage and CFS counters from the container start', () => {
    const { samples } = sampleEvery(60_000, START + 5 * 60_000);
    const last = samples.at(-1)!;
    const runSeconds = (last.timeMs - (START + 1000)) / 1000;
    expect(last.counters.cpuCoreSeconds).toBeCloseTo(0.3 * runSeconds, 6);
    expect(last.counters.cfsPeriods).toBeCloseTo(10 * runSeconds, 6);
  });

  it('keeps counters monotonic within a life and resets them to 0 on an OOM restart', () => {
    const { pod, samples } = sampleEvery(7_000, START + 40 * 60_000);
    const timeline = pod.containers[0]!;
    expect(timeline.restartCount).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < samples.length; i++) {
      const [before, after] = [samples[i - 1]!, samples[i]!];
      if (after.restartCount === before.restartCount) {
        for (const key of counterKeys) expect(after.counters[key]).toBeGreaterThanOrEqual(before.counters[key]);
      } else {
        expect(after.restartCount).toBe(before.restartCount + 1);
        expect(after.counters.cpuCoreSeconds).toBeLessThan(before.counters.cpuCoreSeconds);
        expect(after.startedAt).toBeGreaterThan(before.startedAt);
        expect(after.counters.cpuCoreSeconds).toBeCloseTo(0.3 * ((after.timeMs - after.startedAt) / 1000), 6);
      }
      expect(after.podLifetimeCpuCoreSeconds).toBeGreaterThanOrEqual(before.podLifetimeCpuCoreSeconds);
      expect(after.workingSetBytes).toBeLessThanOrEqual(200 * MiB);
    }
  });

  it('records the OOM kill: reason, exit code 137, and the back-off before the restart', () => {
    const { pod } = sampleEvery(CELL_MS, START + 11 * 60_000);
    const timeline = pod.containers[0]!;
    const kill = timeline.lastTermination!;
    expect(kill).toMatchObject({ reason: 'OOMKilled', exitCode: OOM_EXIT_CODE, startedAt: START + 1000 });
    // 100 MiB → 200 MiB at 10 MiB/min: the first cell boundary at or after 10 minutes.
    expect(kill.finishedAt).toBe(Math.ceil((START + 1000 + 10 * 60_000) / CELL_MS) * CELL_MS);
    expect(timeline.oomKills).toBe(1);
    const running = timeline.state;
    expect(running.kind === 'running' && running.startedAt).toBe(kill.finishedAt + RESTART_BACKOFF_MS);
  });

  it('gives the same counters whatever the sampling pattern', () => {
    const end = START + 37 * 60_000 + 4321;
    const coarse = new PodTimeline({ startsAt: START, containers: [container()] });
    coarse.advanceTo(end);
    const { pod: fine } = sampleEvery(1234, end);
    fine.advanceTo(end);
    expect(fine.containers[0]!.sampleAt(end)).toEqual(coarse.containers[0]!.sampleAt(end));
  });

  it('leaves a container terminated after an OOM kill when the restart policy is Never', () => {
    const { pod } = sampleEvery(CELL_MS, START + 30 * 60_000, container({ restartPolicy: 'Never' }));
    const timeline = pod.containers[0]!;
    expect(timeline.state.kind).toBe('terminated');
    expect(timeline.restartCount).toBe(0);
    expect(timeline.sampleAt(START + 30 * 60_000)).toBeUndefined();
  });

  it("completes a Job's container with exit code 0 and freezes its counters", () => {
    const completesAt = START + 5 * 60_000;
    const { pod } = sampleEvery(CELL_MS, START + 10 * 60_000, container({ memoryLimitBytes: undefined, completesAt }));
    const timeline = pod.containers[0]!;
    expect(timeline.state).toMatchObject({ kind: 'terminated', termination: { reason: 'Completed', exitCode: 0, finishedAt: completesAt } });
    expect(timeline.podLifetimeCpuCoreSeconds).toBeCloseTo(0.3 * ((completesAt - START - 1000) / 1000), 6);
  });

  it('throttles the pod cgroup against the sum of its containers’ limits', () => {
    const pod = new PodTimeline({
      startsAt: START,
      cpuLimitCores: 1,
      containers: [container({ memoryLimitBytes: undefined }), container({ memoryLimitBytes: undefined })],
    });
    pod.advanceTo(START + 10 * 60_000);
    expect(pod.podCfs.periods).toBeGreaterThan(0);
    expect(pod.podCfs.throttledPeriods).toBeLessThanOrEqual(pod.podCfs.periods);
  });
});
