import type { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpError, kubeRequestBody, type BodyRequest } from '../kube/kube-request.ts';
import {
  MetricsTracker,
  parseCadvisor,
  parseSummary,
  type ContainerMinute,
  type MetricsProblem,
  type NodeCadvisor,
  type NodeSummary,
} from '../metrics/index.ts';
import type { ContainerEvent, ContainerMinuteSample, MetricsStore, NodeMinuteSample } from '../store/index.ts';
import { forEachBounded } from './bounded-pool.ts';
import type { CollectorInventory, ScrapeTarget } from './collector-inputs.ts';
import type { NodeCollectionStatus } from './node-status.ts';

export interface MetricsCollectorOptions {
  kubeConfig: KubeConfig;
  inventory: CollectorInventory;
  store: MetricsStore;
  /** Nodes scraped at once. */
  concurrency?: number;
  /** Per request; a node slower than this is marked failed for the cycle without holding up the others. */
  requestTimeoutMs?: number;
  onProblem?: (problem: MetricsProblem) => void;
}

export interface CycleReport {
  startedAt: number;
  durationMs: number;
  nodesScraped: number;
  nodesFailed: number;
  containerMinutes: number;
  /** Stored samples that had no request/limit context because the inventory does not know the pod yet. */
  unattributed: number;
  problems: number;
}

const endpoints = { summary: 'stats/summary', cadvisor: 'metrics/cadvisor' } as const;
export type KubeletEndpoint = keyof typeof endpoints;

/** The request for one kubelet endpoint through the API server's node proxy, gzipped where the kubelet compresses. */
export function kubeletScrapeRequest(nodeName: string, endpoint: KubeletEndpoint, timeoutMs: number): BodyRequest {
  return {
    path: `/api/v1/nodes/${encodeURIComponent(nodeName)}/proxy/${endpoints[endpoint]}`,
    timeoutMs,
    accept: endpoint === 'cadvisor' ? 'text/plain' : 'application/json',
    acceptGzip: true,
  };
}

/**
 * One scrape per Ready node per cycle through the API server's node proxy: /stats/summary for CPU and memory,
 * /metrics/cadvisor for throttling. Rates come from the kubelet's own sample times (MetricsTracker); each
 * minute is joined with the requests and limits the inventory holds at that moment, and stored in one write.
 */
export class MetricsCollector {
  private readonly tracker = new MetricsTracker();
  private readonly statuses = new Map<string, NodeCollectionStatus>();
  private readonly concurrency: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: MetricsCollectorOptions) {
    this.concurrency = opts.concurrency ?? 32;
    this.timeoutMs = opts.requestTimeoutMs ?? 20_000;
  }

  nodeStatuses(): NodeCollectionStatus[] {
    return [...this.statuses.values()];
  }

  async collectOnce(): Promise<CycleReport> {
    const startedAt = Date.now();
    const targets = this.opts.inventory.scrapeTargets();
    const containers: ContainerMinuteSample[] = [];
    const nodes: NodeMinuteSample[] = [];
    const events: ContainerEvent[] = [];
    let failed = 0;
    let unattributed = 0;
    let problems = 0;

    const live = new Set(targets.map((t) => t.name));
    for (const name of this.statuses.keys()) {
      if (!live.has(name)) {
        this.statuses.delete(name);
        this.tracker.forgetNode(name);
      }
    }

    await forEachBounded(targets, this.concurrency, async (target) => {
      const scraped = await this.scrape(target);
      if (!scraped.ok) failed++;
      const records = this.tracker.ingest({
        node: target.name,
        summary: scraped.summary,
        cadvisor: scraped.cadvisor,
        nodeCpuCapacityCores: target.cpuCapacityCores,
      });
      for (const problem of records.problems) {
        problems++;
        this.opts.onProblem?.(problem);
      }
      for (const record of records.containers) {
        const joined = this.join(record);
        if (!joined) {
          unattributed++;
          continue;
        }
        containers.push(joined.sample);
        if (joined.event) events.push(joined.event);
      }
      if (records.nodeMinute) {
        nodes.push({
          nodeName: target.name,
          minute: records.nodeMinute.minute,
          cpuCores: records.nodeMinute.cpuCores,
          memoryWorkingSetBytes: records.nodeMinute.memoryWorkingSetBytes,
          memoryRssBytes: null,
          cpuAllocatable: target.cpuAllocatableCores,
          memAllocatable: target.memAllocatableBytes,
        });
      }
    });

    this.opts.store.write({ containers, nodes, events });
    return {
      startedAt,
      durationMs: Date.now() - startedAt,
      nodesScraped: targets.length,
      nodesFailed: failed,
      containerMinutes: containers.length,
      unattributed,
      problems,
    };
  }

  private join(record: ContainerMinute): { sample: ContainerMinuteSample; event?: ContainerEvent } | undefined {
    const context = this.opts.inventory.containerContext(record.namespace, record.pod, record.container);
    if (!context) return undefined;
    const sample: ContainerMinuteSample = {
      containerKey: `${record.namespace}/${record.pod}/${record.container}`,
      workload: context.workload,
      minute: record.minute,
      cpuCores: record.cpuCores,
      memoryWorkingSetBytes: record.memoryWorkingSetBytes,
      memoryRssBytes: record.memoryRssBytes,
      throttledRatio: record.throttledRatio,
      ...context.settings,
    };
    if (!record.restarted) return { sample };
    const oom = context.lastTerminationReason === 'OOMKilled';
    return {
      sample,
      event: {
        time: record.minute,
        kind: oom ? 'OOMKilled' : 'Restart',
        namespace: record.namespace,
        pod: record.pod,
        container: record.container,
        detail: context.lastTerminationReason ? `last terminated: ${context.lastTerminationReason}` : 'container restarted',
      },
    };
  }

  private async scrape(target: ScrapeTarget): Promise<{ ok: boolean; summary: NodeSummary | null; cadvisor: NodeCadvisor | null }> {
    const started = Date.now();
    const errors: NonNullable<NodeCollectionStatus['lastError']> = [];
    const fetchAndParse = async <T>(endpoint: KubeletEndpoint, parse: (node: string, body: Buffer) => T): Promise<T | null> => {
      try {
        const body = await kubeRequestBody(this.opts.kubeConfig, kubeletScrapeRequest(target.name, endpoint, this.timeoutMs));
        return parse(target.name, body);
      } catch (err) {
        const denied = err instanceof KubeHttpError && err.status === 403;
        errors.push({ endpoint, message: (err as Error).message, ...(denied ? { denied } : {}) });
        return null;
      }
    };
    const [summary, cadvisor] = await Promise.all([fetchAndParse('summary', parseSummary), fetchAndParse('cadvisor', parseCadvisor)]);
    const previous = this.statuses.get(target.name);
    const ok = errors.length === 0;
    this.statuses.set(target.name, {
      node: target.name,
      lastAttempt: started,
      lastSuccess: ok ? started : (previous?.lastSuccess ?? null),
      consecutiveFailures: ok ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
      durationMs: Date.now() - started,
      ...(ok ? {} : { lastError: errors }),
    });
    return { ok, summary, cadvisor };
  }
}
