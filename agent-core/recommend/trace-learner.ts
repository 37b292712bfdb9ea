import { type ResourceValues } from './container-history.ts';
import { ContainerDigest } from './container-digest.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { recommendFromDigest, type RecommendOptions } from './recommend.ts';
import type { Recommendation } from './recommendation.ts';
import { TraceFormatError, type TraceSample } from './trace-format.ts';

interface ContainerTrace {
  digest: ContainerDigest;
  current: ResourceValues;
  lastT: number;
  learned: boolean;
}

/**
 * Learns from a trace's samples as they stream by, before a split time only, one digest per container:
 * memory stays proportional to the containers, not the trace. Samples of a container must come in time
 * order (containers may interleave).
 */
export class TraceLearner {
  readonly #containers = new Map<string, ContainerTrace>();

  constructor(
    readonly splitAt: number,
    readonly options: RecommendOptions = {},
  ) {}

  add(sample: TraceSample, line: number): void {
    let trace = this.#containers.get(sample.container);
    if (!trace) {
      trace = { digest: new ContainerDigest(this.options.policy?.windowDays ?? DEFAULT_POLICY.windowDays), current: settingsOf(sample), lastT: -Infinity, learned: false };
      this.#containers.set(sample.container, trace);
    }
    if (sample.t <= trace.lastT) {
      const problem = sample.t === trace.lastT ? 'repeats the minute' : 'goes back in time from';
      throw new TraceFormatError(line, `${sample.container} ${problem} ${new Date(trace.lastT).toISOString()}: sort the trace by time for each container, one sample per minute`);
    }
    trace.lastT = sample.t;
    if (sample.t >= this.splitAt) return;
    if (trace.learned && !sameSettings(trace.current, sample)) trace.digest.noteChange(sample.t);
    trace.current = settingsOf(sample);
    trace.learned = true;
    trace.digest.addMinute(0, sample.t, sample.cpu ?? NaN, sample.mem ?? NaN, sample.throttled ?? NaN, sample.oom);
  }

  /** One recommendation per container, in order of first appearance. */
  recommendations(): Recommendation[] {
    // Without a split, each container is judged as of its own newest minute.
    const now = Number.isFinite(this.splitAt) ? this.splitAt - 1 : undefined;
    return [...this.#containers].map(([key, trace]) => recommendFromDigest(trace.digest, { key, current: trace.current }, { ...this.options, now }));
  }
}

const settingsOf = (s: TraceSample): ResourceValues => ({ cpuRequest: s.cpuRequest, cpuLimit: s.cpuLimit, memRequest: s.memRequest, memLimit: s.memLimit });
const sameSettings = (a: ResourceValues, b: ResourceValues) =>
  a.cpuRequest === b.cpuRequest && a.cpuLimit === b.cpuLimit && a.memRequest === b.memRequest && a.memLimit === b.memLimit;
