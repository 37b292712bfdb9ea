import { containerResources } from '../inventory/container-resources.ts';
import type { Inventory } from '../inventory/index.ts';
import type { HpaLookup } from './hpa-scaling.ts';
import { ContainerDigest, DEFAULT_WINDOW_DAYS, recommendFromDigest, type ContainerFlags, type Recommendation } from '../recommend/index.ts';
import type { MetricsStore, WorkloadIdentity } from '../store/index.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
// A cycle writes each node's newest minute by that kubelet's clock, and clocks differ by a minute or so: minutes
// this close to the newest may still get samples, so they are fed once they are this far behind.
const SETTLE_MINUTES = 2;
const PERSIST_EVERY_MS = 5 * MINUTE;
// Ids a container's recommendation had before, kept so that a request naming one (a gateway's, a dialog's) still
// finds that container. The bound is over all containers (4 ids each on average), so quiet containers leave room
// for the few whose proposals move often; an id costs about 100 bytes.
const FORMER_IDS_PER_CONTAINER = 4;

/** A recommendation with the workload it is for, as the app and the CLI show it. */
export interface WorkloadRecommendation extends Recommendation {
  workload: WorkloadIdentity;
  containerName: string;
  computedAt: number;
}

interface Tracked {
  digest: ContainerDigest;
  workload: WorkloadIdentity;
  containerName: string;
  settingsSeen: Set<number>;
  /** Bumped whenever the digest is fed: a recommendation is recomputed only when this or its inputs moved. */
  fed: number;
  last?: { fed: number; inputs: string; recommendation: Recommendation };
}

export interface FlagsSource {
  /** Which workloads an HPA scales on CPU (or memory) utilisation, as of now. */
  hpaLookup?: () => HpaLookup;
}

/**
 * Recommendations kept current as minutes arrive: one digest per container of a workload, fed each new settled
 * minute from the store (the whole window once, at the first update), then every recommendation recomputed from
 * the digests alone, which costs days × buckets per container rather than a pass over its minutes.
 */
export class LiveRecommendations {
  private readonly tracked = new Map<string, Tracked>();
  /** OOM kills fed so far ("time/ns/pod/container"); pruned with the window. */
  private readonly oomsSeen = new Set<string>();
  private fedUpTo = Number.NEGATIVE_INFINITY;
  private latest: WorkloadRecommendation[];
  private persistedAt = Number.NEGATIVE_INFINITY;
  /** Every id handed out, current or former, to the container key it was computed for (oldest first, bounded). */
  private readonly containerOfId = new Map<string, string>();

  constructor(
    private readonly store: MetricsStore,
    private readonly inventory: Inventory,
    /** persist: false for a reader beside a running agent (the CLI), which must not write its store. */
    private readonly options: FlagsSource & { windowDays?: number; persist?: boolean } = {},
  ) {
    // What the last run stored, until this run has fed its first minutes.
    this.latest = store.recommendations().map((r) => r.body as WorkloadRecommendation);
    for (const r of this.latest) this.containerOfId.set(r.id, r.container);
  }

  current(): WorkloadRecommendation[] {
    return this.latest;
  }

  /**
   * The current recommendation for the container an id was computed for: the same id while the proposal holds, the
   * new one after new data moved it (an id hashes the proposed values). Undefined for an id never handed out here,
   * or once too many newer ones followed it, or when the container no longer gets one.
   */
  currentFor(id: string): WorkloadRecommendation | undefined {
    const exact = this.latest.find((r) => r.id === id);
    if (exact) return exact;
    const container = this.containerOfId.get(id);
    return container === undefined ? undefined : this.latest.find((r) => r.container === container);
  }

  /** Feeds what arrived since the last call and recomputes; returns how many and how long. */
  update(nowMs = Date.now()): { containers: number; feedMs: number; recomputeMs: number } {
    const started = performance.now();
    this.feed();
    const fed = performance.now();
    this.latest = this.recompute(nowMs);
    const done = performance.now();
    if (this.options.persist !== false && nowMs - this.persistedAt >= PERSIST_EVERY_MS) {
      this.persistedAt = nowMs;
      this.store.replaceRecommendations(this.latest.map((r) => ({ id: r.id, workloadUid: r.workload.uid, container: r.container, computedAt: r.computedAt, body: r })));
    }
    return { containers: this.latest.length, feedMs: fed - started, recomputeMs: done - fed };
  }

  private feed(): void {
    const newest = this.store.latestMinuteMs();
    if (newest === null) return;
    const windowDays = this.options.windowDays ?? DEFAULT_WINDOW_DAYS;
    const to = newest - SETTLE_MINUTES * MINUTE;
    const from = Math.max(this.fedUpTo, to - windowDays * DAY);
    if (to <= from) return;
    // OOM kills over the whole window: the collector records a kill when it sees the restart, which may be after
    // the minutes around it were fed; those late ones are added on their own below.
    const oomsBySeries = new Map<string, number[]>();
    for (const event of this.store.events({ from: to - windowDays * DAY, to, kinds: ['OOMKilled'] })) {
      const key = `${event.namespace}/${event.pod}/${event.container}`;
      if (this.oomsSeen.has(`${event.time}/${key}`)) continue;
      oomsBySeries.set(key, [...(oomsBySeries.get(key) ?? []), event.time]);
    }
    for (const series of this.store.allSeriesMinutes({ from, to })) {
      const info = series.series;
      if (info.kind !== 'container' || !info.workload.uid || series.t.length === 0) continue;
      const [, pod = '', containerName = ''] = info.containerKey.split('/');
      const key = `${info.workload.namespace}/${info.workload.kind}/${info.workload.name}/${containerName}`;
      let tracked = this.tracked.get(key);
      if (!tracked) this.tracked.set(key, (tracked = { digest: new ContainerDigest(windowDays), workload: info.workload, containerName, settingsSeen: new Set(), fed: 0 }));
      // A kill belongs to the minute it happened in: one within this chunk's minutes goes with its minute (and its
      // memory level); one before them came late and is added alone; one after them waits for the next chunk
      // (a restarting container may have no sample for the minute it was killed in).
      const kills = oomsBySeries.get(info.containerKey) ?? [];
      const first = series.t[0]!;
      const end = series.t[series.t.length - 1]! + MINUTE;
      const inChunk = kills.filter((t) => t >= first && t < end);
      tracked.fed++;
      tracked.digest.addSeries(
        { t: series.t, cpuCores: series.cpuCores, memoryBytes: series.memoryWorkingSetBytes, throttledRatio: series.throttledRatio, oomKills: inChunk },
        pod,
      );
      for (const t of kills) {
        if (t >= end) continue;
        if (t < first) tracked.digest.addMinute(pod, t, Number.NaN, Number.NaN, Number.NaN, true);
        this.oomsSeen.add(`${t}/${info.containerKey}`);
      }
      oomsBySeries.delete(info.containerKey);
      // A change of requests or limits is a rollout: behaviour after it may differ from before.
      for (const interval of series.settings.slice(1)) {
        if (tracked.settingsSeen.has(interval.from)) continue;
        tracked.settingsSeen.add(interval.from);
        tracked.digest.noteChange(interval.from);
      }
    }
    this.fedUpTo = to;
    const oldest = to - windowDays * DAY;
    for (const seen of this.oomsSeen) if (Number(seen.slice(0, seen.indexOf('/'))) < oldest) this.oomsSeen.delete(seen);
  }

  private recompute(nowMs: number): WorkloadRecommendation[] {
    const podsOf = new Map<string, number>();
    for (const entity of this.inventory.entities()) {
      if (entity.kind === 'Pod' && entity.controller) podsOf.set(entity.controller.uid, (podsOf.get(entity.controller.uid) ?? 0) + 1);
    }
    const hpaOf = this.options.hpaLookup?.();
    const out: WorkloadRecommendation[] = [];
    for (const [key, tracked] of this.tracked) {
      const workload = this.inventory.entity(tracked.workload.uid);
      // Deleted since: nothing to right-size. Its digest ages out of the window with the store.
      const view = workload?.containers.find((c) => c.name === tracked.containerName);
      if (!workload || !view) continue;
      const hpa = hpaOf?.(workload);
      const flags: ContainerFlags = {
        role: view.init ? 'init' : 'app',
        replicas: workload.kind === 'Pod' ? 1 : Math.max(1, podsOf.get(workload.uid) ?? 1),
        hpaOnCpu: hpa?.cpu ?? false,
        hpaOnMemory: hpa?.memory ?? false,
      };
      const current = containerResources(view);
      // Without new minutes or a change of resources, replicas or HPA the answer is the same: a viewer's agent, which
      // collects nothing, and a quiet container cost a string compare instead of a pass over the digest's days.
      const inputs = JSON.stringify([current, flags]);
      let recommendation = tracked.last?.fed === tracked.fed && tracked.last.inputs === inputs ? tracked.last.recommendation : undefined;
      if (!recommendation) {
        recommendation = recommendFromDigest(tracked.digest, { key, current, flags });
        tracked.last = { fed: tracked.fed, inputs, recommendation };
        this.remember(recommendation);
      }
      out.push({ ...recommendation, workload: tracked.workload, containerName: tracked.containerName, computedAt: nowMs });
    }
    return out.sort((a, b) => a.container.localeCompare(b.container));
  }

  private remember(recommendation: Recommendation): void {
    // Re-inserted, so the Map's order stays oldest-first for the bound below.
    this.containerOfId.delete(recommendation.id);
    this.containerOfId.set(recommendation.id, recommendation.container);
    const bound = FORMER_IDS_PER_CONTAINER * Math.max(this.tracked.size, 1);
    for (const id of this.containerOfId.keys()) {
      if (this.containerOfId.size <= bound) break;
      this.containerOfId.delete(id);
    }
  }
}
