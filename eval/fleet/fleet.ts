import type { ResourceValues } from '../../agent-core/recommend/index.ts';
import { ProfileBaseline } from '../../sim/profiles/baseline.ts';
import { type ContainerResources, createUsageProfile, hashOf, type ProfileName, SeededRandom } from '../../sim/profiles/index.ts';
import { burstyBatchShape } from '../shapes/bursty-batch.ts';
import { type DemandShape, fromProfile, MS_PER_DAY, MS_PER_MINUTE } from '../shapes/demand-shape.ts';
import { withDrift } from '../shapes/drift.ts';
import { withMinuteNoise } from '../shapes/minute-noise.ts';
import { jvmShape } from '../shapes/jvm-memory.ts';
import { leakPeakBytes, leakWithRestartsShape } from '../shapes/leak-with-restarts.ts';
import { withStepChange } from '../shapes/step-change.ts';
import { withWeekends } from '../shapes/weekends.ts';
import { type ContainerSpec, NODE_CPU_CORES } from '../trace/generate-trace.ts';
import type { SettingsTimeline } from '../trace/settings-timeline.ts';
import type { Range, Variation } from './variation.ts';

const MiB = 2 ** 20;

/** One container of each kind per seed: the shapes the issue lists, each under settings a team might have chosen. */
export const KINDS = ['steady', 'diurnal-weekends', 'spiky', 'bursty-batch', 'leak-restarts', 'step-deploy', 'cpu-bound', 'throttled-peaks', 'jvm', 'idle'] as const;
export type Kind = (typeof KINDS)[number];

export function fleetFor(seeds: readonly number[], variation: Variation): ContainerSpec[] {
  return seeds.flatMap((seed) => KINDS.map((kind) => containerSpec(seed, kind, variation)));
}

/** Draws from one seeded stream per container, so adding a kind never changes another's draws. */
class Draws {
  readonly random: SeededRandom;
  constructor(seed: number, variation: Variation, kind: Kind) {
    this.random = new SeededRandom(hashOf(seed, variation.name, kind, 'settings'));
  }
  in([low, high]: Range): number {
    return this.random.between(low, high);
  }
  logIn([low, high]: Range): number {
    return Math.exp(this.random.between(Math.log(low), Math.log(high)));
  }
  pick<T>(values: readonly T[]): T {
    return values[this.random.integer(0, values.length)]!;
  }
  chance(p: number): boolean {
    return this.random.next() < p;
  }
}

const cores = (v: number) => Math.max(0.01, Math.round(v * 100) / 100);
const mebibytes = (v: number) => Math.max(16, Math.round(v / MiB)) * MiB;

/** Every kind but the CPU-bound one (whose demand sits above its limit by design) jitters from minute to minute. */
export function containerSpec(seed: number, kind: Kind, v: Variation): ContainerSpec {
  const spec = shapedSpec(seed, kind, v);
  if (kind === 'cpu-bound') return spec;
  const sigma = new Draws(seed, v, kind).random.between(...v.minuteNoise);
  return { ...spec, shape: withMinuteNoise(spec.shape, sigma, hashOf(seed, v.name, kind, 'jitter')) };
}

function shapedSpec(seed: number, kind: Kind, v: Variation): ContainerSpec {
  const d = new Draws(seed, v, kind);
  const identity = { namespace: `${v.name}-s${seed}`, pod: `${kind}-0`, container: 'app' };
  const key = `${identity.namespace}/Deployment/${kind}/app`;
  const input = (resources: ContainerResources) => ({ seed, identity, resources, nodeCpuCores: NODE_CPU_CORES });
  const simShape = (profile: ProfileName, resources: ContainerResources) => fromProfile(createUsageProfile({ ...input(resources), profile }));
  // The team's settings: requests sized generously, limits on some containers and not others.
  const cpuRequest = cores(d.logIn([0.1, 2]));
  const memRequest = mebibytes(d.logIn([128 * MiB, 4096 * MiB]));
  const cpuLimit = d.chance(0.5) ? null : cores(cpuRequest * d.in([1.5, 3]));
  const memLimit = d.chance(0.3) ? null : mebibytes(memRequest * d.in([1, 1.5]));
  const settings: ResourceValues = { cpuRequest, cpuLimit, memRequest, memLimit };
  const resources = toResources(settings);
  const constant = (values: ResourceValues): SettingsTimeline => [{ fromMinute: 0, values }];
  const drift = (shape: DemandShape) => (v.driftPerDay > 0 ? withDrift(shape, v.startMs, (d.chance(0.5) ? 1 : -1) * v.driftPerDay * d.in([0.3, 1])) : shape);

  switch (kind) {
    case 'steady': {
      // One in ten runs with no requests or limits at all (BestEffort).
      const bare = d.chance(0.1);
      const s = bare ? { cpuRequest: null, cpuLimit: null, memRequest: null, memLimit: null } : settings;
      return { key, kind, shape: drift(simShape('steady', toResources(s))), settings: constant(s) };
    }
    case 'diurnal-weekends':
      return { key, kind, shape: drift(withWeekends(simShape('diurnal', resources), d.in(v.weekendCpuFactor))), settings: constant(settings) };
    case 'spiky': {
      const shape = simShape('spiky', resources);
      return { key, kind, shape: v.spikyWeekends ? withWeekends(shape, d.in(v.weekendCpuFactor)) : shape, settings: constant(settings) };
    }
    case 'bursty-batch': {
      const baseline = new ProfileBaseline(input(resources));
      const options = { periodHours: d.pick(v.batchPeriodHours), burstMinutes: d.in(v.batchBurstMinutes), burstFactor: d.in(v.batchBurstFactor), memoryFactor: d.in([1.1, 1.5]), jitterMinutes: 15 };
      return { key, kind, shape: burstyBatchShape(baseline, options), settings: constant(settings) };
    }
    case 'leak-restarts': {
      const baseline = new ProfileBaseline(input({ ...resources, memoryLimitBytes: undefined }));
      const options = { restartEveryHours: d.pick(v.leakRestartEveryHours), growthPerLife: d.in(v.leakGrowthPerLife), growthJitter: v.leakGrowthJitter };
      const leakLimit = mebibytes(leakPeakBytes(baseline, options) / d.in(v.leakPeakOverLimit));
      const s = { ...settings, memLimit: leakLimit, memRequest: mebibytes(leakLimit * d.in([0.6, 1])) };
      return { key, kind, shape: leakWithRestartsShape(baseline, options), settings: constant(s) };
    }
    case 'step-deploy': {
      const base = v.name === 'project' ? (seed % 2 ? simShape('diurnal', resources) : simShape('steady', resources)) : seed % 2 ? simShape('spiky', resources) : withWeekends(simShape('diurnal', resources), d.in(v.weekendCpuFactor));
      const up = d.chance(0.5);
      const factor = d.in(up ? v.stepCpuUp : v.stepCpuDown);
      const deployAt = v.startMs + Math.round((d.in(v.stepDay) * MS_PER_DAY) / MS_PER_MINUTE) * MS_PER_MINUTE;
      const memoryFactor = 1 + (factor - 1) / 2;
      // Half the teams resize with the rollout.
      const resized = d.chance(0.5);
      const after: ResourceValues = resized
        ? { cpuRequest: cores(cpuRequest * factor), cpuLimit: cpuLimit === null ? null : cores(cpuLimit * factor), memRequest: mebibytes(memRequest * memoryFactor), memLimit: memLimit === null ? null : mebibytes(memLimit * memoryFactor) }
        : settings;
      const timeline = resized ? [{ fromMinute: 0, values: settings }, { fromMinute: (deployAt - v.startMs) / MS_PER_MINUTE, values: after }] : constant(settings);
      return { key, kind, shape: withStepChange(base, deployAt, factor, memoryFactor), settings: timeline };
    }
    case 'cpu-bound': {
      const s = { ...settings, cpuLimit: cores(cpuRequest * d.in([1, 2])) };
      return { key, kind, shape: simShape('cpu-bound', toResources(s)), settings: constant(s) };
    }
    case 'throttled-peaks': {
      const shape = v.name === 'project' ? simShape('diurnal', { ...resources, cpuLimitCores: undefined }) : simShape('spiky', { ...resources, cpuLimitCores: undefined });
      const s = { ...settings, cpuLimit: cores(peakDemand(shape, v.startMs) * d.in(v.peakLimitShare)) };
      return { key, kind, shape, settings: constant(s) };
    }
    case 'jvm': {
      const baseline = new ProfileBaseline(input({ ...resources, memoryLimitBytes: undefined }));
      const heapBytes = baseline.baseMemoryBytes * d.in([1.5, 3]);
      const options = { heapBytes, warmupMinutes: d.in(v.jvmWarmupMinutes), deployEveryHours: d.pick(v.jvmDeployEveryHours), gcSawShare: d.in(v.jvmGcSaw) };
      const workingSet = baseline.baseMemoryBytes * 0.3 + heapBytes;
      const request = mebibytes(workingSet * d.in(v.name === 'project' ? [1.05, 1.4] : [0.9, 1.4]));
      const s = { ...settings, memRequest: request, memLimit: d.chance(0.3) ? null : mebibytes(request * d.in([1, 1.3])) };
      return { key, kind, shape: jvmShape(baseline, options), settings: constant(s) };
    }
    case 'idle':
      return { key, kind, shape: simShape('idle', resources), settings: constant(settings) };
  }
}

function toResources(s: ResourceValues): ContainerResources {
  return {
    cpuRequestCores: s.cpuRequest ?? undefined,
    cpuLimitCores: s.cpuLimit ?? undefined,
    memoryRequestBytes: s.memRequest ?? undefined,
    memoryLimitBytes: s.memLimit ?? undefined,
  };
}

/** The highest minute-mean demand of a shape over its first day (cells averaged as the agent would). */
function peakDemand(shape: DemandShape, startMs: number): number {
  let peak = 0;
  for (let m = 0; m < 1440; m++) {
    let sum = 0;
    for (let c = 0; c < 6; c++) sum += shape.cpuCoresAt(startMs + m * MS_PER_MINUTE + c * 10_000 + 5_000);
    peak = Math.max(peak, sum / 6);
  }
  return peak;
}
