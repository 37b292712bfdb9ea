import type { NodeCadvisor } from './cadvisor-samples.ts';
import { containerKey } from './container-key.ts';
import { containerMinute, type ContainerMinute } from './container-minute.ts';
import { observationTimeNs, type ContainerObservation } from './container-observation.ts';
import type { MetricsProblem, ReportProblem } from './metrics-problem.ts';
import { nodeMinute, nodeSampleTimeNs, type NodeMinute } from './node-minute.ts';
import { ProblemLog } from './problem-log.ts';
import { plausibleCoresBound } from './rate-bounds.ts';
import { restartReason } from './restart-detection.ts';
import type { NodeSummary, SummaryNodeStats } from './summary-samples.ts';

/** What one collection cycle read from one node. Either answer may be missing when its fetch failed. */
export interface NodeCycle {
  readonly node: string;
  readonly summary: NodeSummary | null;
  readonly cadvisor: NodeCadvisor | null;
  /** The node's CPU capacity in cores (status.capacity.cpu), when known: rates beyond it are dropped as faults. */
  readonly nodeCpuCapacityCores?: number | null;
}

/** The minute records of one node's cycle, and everything skipped, dropped or flagged on the way. */
export interface NodeCycleRecords {
  readonly node: string;
  readonly containers: readonly ContainerMinute[];
  readonly nodeMinute: NodeMinute | null;
  readonly problems: readonly MetricsProblem[];
}

export interface MetricsTrackerOptions {
  /** Forget a container's previous sample once it has been missing from this many of its node's cycles. */
  readonly forgetAfterCycles?: number;
}

const DEFAULT_FORGET_AFTER_CYCLES = 5;

interface ContainerBaseline {
  /** The latest sample of each endpoint for the current incarnation. */
  readonly observation: ContainerObservation;
  /** The kubelet time of the latest record: a sample no newer than this is stale. */
  readonly sampleTimeNs: bigint | null;
  readonly lastSeenCycle: number;
}

interface NodeState {
  cycle: number;
  readonly containers: Map<string, ContainerBaseline>;
  totals: { readonly stats: SummaryNodeStats; readonly sampleTimeNs: bigint } | null;
}

/**
 * Turns each node's successive kubelet answers into per-minute records: it keeps the previous sample of every
 * container (per node, forgetting containers gone for `forgetAfterCycles` cycles) and rates each counter over
 * the interval between the kubelet's own sample times. Pure and synchronous; call it once per node per cycle.
 */
export class MetricsTracker {
  private readonly nodes = new Map<string, NodeState>();
  private readonly forgetAfterCycles: number;

  constructor(options: MetricsTrackerOptions = {}) {
    const forgetAfterCycles = options.forgetAfterCycles ?? DEFAULT_FORGET_AFTER_CYCLES;
    if (!Number.isInteger(forgetAfterCycles) || forgetAfterCycles < 1) {
      throw new RangeError(`forgetAfterCycles must be a whole number of cycles, at least 1 (got ${forgetAfterCycles}).`);
    }
    this.forgetAfterCycles = forgetAfterCycles;
  }

  /** The records of one node's cycle. */
  ingest(cycle: NodeCycle): NodeCycleRecords {
    for (const answer of [cycle.summary, cycle.cadvisor]) {
      if (answer && answer.node !== cycle.node) throw new Error(`An answer of node "${answer.node}" was given as node "${cycle.node}"'s.`);
    }
    const state = this.stateOf(cycle.node);
    state.cycle += 1;
    const log = new ProblemLog(cycle.node);
    const coresBound = plausibleCoresBound(cycle.nodeCpuCapacityCores);

    const containers: ContainerMinute[] = [];
    for (const observation of observationsOf(cycle)) {
      const record = this.observeContainer(cycle.node, state, observation, coresBound, log);
      if (record !== null) containers.push(record);
    }
    const totals = cycle.summary?.nodeStats ?? null;
    const nodeRecord = totals === null ? null : this.observeNode(cycle.node, state, totals, coresBound, log);
    this.forgetUnseen(state);
    return {
      node: cycle.node,
      containers,
      nodeMinute: nodeRecord,
      problems: [...(cycle.summary?.problems ?? []), ...(cycle.cadvisor?.problems ?? []), ...log.problems()],
    };
  }

  /** Drops everything kept for a node (call it when the node leaves the cluster). */
  forgetNode(node: string): void {
    this.nodes.delete(node);
  }

  /** How many containers' previous samples are kept, over all nodes. */
  get trackedContainerCount(): number {
    let count = 0;
    for (const state of this.nodes.values()) count += state.containers.size;
    return count;
  }

  private stateOf(node: string): NodeState {
    let state = this.nodes.get(node);
    if (state === undefined) {
      state = { cycle: 0, containers: new Map(), totals: null };
      this.nodes.set(node, state);
    }
    return state;
  }

  private observeContainer(node: string, state: NodeState, current: ContainerObservation, coresBound: number, log: ProblemLog): ContainerMinute | null {
    const key = containerKey(current.ref);
    const report: ReportProblem = (kind, detail) => log.add(kind, key, `Node "${node}": ${key}: ${detail}`);
    const baseline = state.containers.get(key);
    const sampleTimeNs = observationTimeNs(current);
    const keep = (observation: ContainerObservation, timeNs: bigint | null): void => {
      state.containers.set(key, { observation, sampleTimeNs: timeNs, lastSeenCycle: state.cycle });
    };

    if (sampleTimeNs === null) {
      report('missing-sample-time', 'nothing in the kubelet answers dates this sample, so it belongs to no minute; no record.');
      keep(latestOfEach(baseline?.observation, current), baseline?.sampleTimeNs ?? null);
      return null;
    }
    if (baseline?.sampleTimeNs != null && sampleTimeNs <= baseline.sampleTimeNs) {
      report('stale-sample', staleDetail(baseline.sampleTimeNs, sampleTimeNs));
      keep(latestOfEach(baseline.observation, current), sampleTimeNs);
      return null;
    }
    const restart = baseline ? restartReason(baseline.observation, current) : null;
    if (restart !== null) report('restart', `restarted: ${restart}; no rates for this interval.`);
    const previous = restart === null ? (baseline?.observation ?? null) : null;
    keep(restart === null ? latestOfEach(baseline?.observation, current) : current, sampleTimeNs);
    return containerMinute({ previous, current, sampleTimeNs, restarted: restart !== null, coresBound, report });
  }

  private observeNode(node: string, state: NodeState, current: SummaryNodeStats, coresBound: number, log: ProblemLog): NodeMinute | null {
    const report: ReportProblem = (kind, detail) => log.add(kind, null, `Node "${node}": ${detail}`);
    const sampleTimeNs = nodeSampleTimeNs(current);
    if (sampleTimeNs === null) {
      report('missing-sample-time', 'the node totals carry no sample time, so they belong to no minute; no node record.');
      return null;
    }
    const previous = state.totals;
    state.totals = { stats: current, sampleTimeNs };
    if (previous !== null && sampleTimeNs <= previous.sampleTimeNs) {
      report('stale-sample', `node totals: ${staleDetail(previous.sampleTimeNs, sampleTimeNs)}`);
      return null;
    }
    return nodeMinute({ node, previous: previous?.stats ?? null, current, sampleTimeNs, coresBound, report });
  }

  private forgetUnseen(state: NodeState): void {
    for (const [key, baseline] of state.containers) {
      if (state.cycle - baseline.lastSeenCycle >= this.forgetAfterCycles) state.containers.delete(key);
    }
  }
}

type Mutable<T> = { -readonly [field in keyof T]: T[field] };

/** Every container either endpoint reported, with what each said about it. */
function observationsOf(cycle: NodeCycle): ContainerObservation[] {
  const observations = new Map<string, Mutable<ContainerObservation>>();
  for (const summary of cycle.summary?.containers ?? []) {
    const ref = { namespace: summary.namespace, pod: summary.pod, container: summary.container };
    observations.set(containerKey(ref), { ref, summary, cadvisor: null });
  }
  for (const cadvisor of cycle.cadvisor?.containers ?? []) {
    const key = containerKey(cadvisor);
    const existing = observations.get(key);
    if (existing) existing.cadvisor = cadvisor;
    else observations.set(key, { ref: { namespace: cadvisor.namespace, pod: cadvisor.pod, container: cadvisor.container }, summary: null, cadvisor });
  }
  return [...observations.values()];
}

// An endpoint whose fetch failed this cycle leaves its previous sample as the baseline: the next rate then
// spans the longer interval, which is still a true average.
function latestOfEach(previous: ContainerObservation | undefined, current: ContainerObservation): ContainerObservation {
  return { ref: current.ref, summary: current.summary ?? previous?.summary ?? null, cadvisor: current.cadvisor ?? previous?.cadvisor ?? null };
}

function staleDetail(previousNs: bigint, currentNs: bigint): string {
  return currentNs === previousNs
    ? 'the kubelet served the same sample again (Δt = 0); no record for it.'
    : `the kubelet's sample time went back by ${Number(previousNs - currentNs) / 1e9} s; no record for it.`;
}
