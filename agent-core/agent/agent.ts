import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { InventoryCollectorView } from '../collector/inventory-view.ts';
import { MetricsCollector, type CycleReport } from '../collector/metrics-collector.ts';
import type { NodeCollectionStatus } from '../collector/node-status.ts';
import { startInventory, type Inventory } from '../inventory/index.ts';
import { logApiExchanges } from '../log/api-exchange-log.ts';
import { hpaLookup } from './hpa-scaling.ts';
import { LiveRecommendations, type WorkloadRecommendation } from './live-recommendations.ts';
import { openAgentLog, type AgentLog } from '../log/agent-log.ts';
import { openMetricsStore, type MetricsStore } from '../store/index.ts';
import type { Relay } from '../relay/relay.ts';

export interface AgentOptions {
  kubeConfig: KubeConfig;
  dataDir: string;
  /** Between metrics cycles (default 60 s). */
  intervalMs?: number;
  /** Log every Kubernetes API exchange to agent.log. */
  verbose?: boolean;
  /** Progress and cycle summaries for a person watching (the CLI's stderr). */
  onStatus?: (line: string) => void;
  /** Relays entities, each cycle's minutes, recommendations, error and audit lines to a gateway (agent-core/relay). */
  relay?: Relay;
}

export type MetricsState =
  | { state: 'collecting' }
  | { state: 'denied'; impact: string }
  | { state: 'waiting'; reason: string };

export interface Agent {
  inventory: Inventory;
  store: MetricsStore;
  log: AgentLog;
  metricsState(): MetricsState;
  nodeStatuses(): NodeCollectionStatus[];
  lastCycle(): CycleReport | undefined;
  /** The current right-sizing recommendations, recomputed after every metrics cycle. */
  recommendations(): WorkloadRecommendation[];
  /** The current recommendation for the container an id (current or recently replaced) was computed for. */
  currentRecommendation(id: string): WorkloadRecommendation | undefined;
  /** Runs one metrics cycle now (tests, and the first cycle after sync). */
  collectNow(): Promise<CycleReport | undefined>;
  /** Stops collecting, lets a running cycle finish and store its minute, then closes everything. */
  stop(): Promise<void>;
}

function metricsState(inventory: Inventory): MetricsState {
  const metrics = inventory.capabilities().capabilities.find((c) => c.name === 'metrics');
  if (metrics?.status === 'denied') return { state: 'denied', impact: metrics.impact ?? 'no metrics' };
  return { state: 'collecting' };
}

/** The headless agent: inventory (list + watch), a metrics cycle every interval, the local store and agent.log. */
export async function startAgent(opts: AgentOptions): Promise<Agent> {
  const log = openAgentLog({ dir: opts.dataDir, verbose: opts.verbose, tee: opts.relay?.logStream() });
  const logger: Logger = log.logger;
  const stopLogging = logApiExchanges(opts.kubeConfig, logger);
  const status = (line: string) => {
    logger.info(line);
    opts.onStatus?.(line);
  };
  let store: MetricsStore | undefined;
  let inventory: Inventory | undefined;
  try {
    store = openMetricsStore({ dataDir: opts.dataDir });
    status(`store: ${path.join(opts.dataDir, 'metrics.sqlite')}; log: ${log.file}`);
    inventory = await startInventory({ kubeConfig: opts.kubeConfig, onListenerError: (err) => logger.error({ err }, 'inventory listener failed') });
  } catch (err) {
    store?.close();
    stopLogging();
    await log.close();
    throw err;
  }
  const inv = inventory;
  const db = store;
  opts.relay?.attachInventory(inv);

  for (const capability of inv.capabilities().capabilities) {
    if (capability.status !== 'available') status(`permission ${capability.status}: ${capability.name} — ${capability.impact ?? ''} (missing: ${capability.missing.join(', ')})`);
  }
  const synced = new Set<string>();
  const unsubscribe = inv.subscribe((event) => {
    if (event.type === 'sync' && event.progress.synced && !synced.has(event.kind)) {
      synced.add(event.kind);
      status(`synced ${event.kind}: ${event.progress.listed}`);
    }
    if (event.type === 'capabilities') logger.warn({ capabilities: event.report.capabilities }, 'capabilities changed');
  });

  const collector = new MetricsCollector({
    kubeConfig: opts.kubeConfig,
    inventory: new InventoryCollectorView(inv),
    store: db,
    onProblem: (problem) => logger.warn({ problem }, 'metrics problem'),
  });
  const recommender = new LiveRecommendations(db, inv, { hpaLookup: () => hpaLookup(inv) });
  const refreshRecommendations = () => {
    try {
      const { containers, feedMs, recomputeMs } = recommender.update();
      logger.debug({ containers, feedMs, recomputeMs }, 'recommendations updated');
    } catch (err) {
      logger.error({ err }, 'recommendations failed');
    }
  };
  let last: CycleReport | undefined;
  let running: Promise<CycleReport | undefined> | undefined;
  let stopped = false;

  const cycle = (): Promise<CycleReport | undefined> => {
    if (running) return running;
    const state = metricsState(inv);
    if (state.state !== 'collecting') {
      // A context that may not read metrics (a viewer) still sees what this cluster's store holds.
      refreshRecommendations();
      return Promise.resolve(undefined);
    }
    running = collector
      .collectOnce()
      .then((report) => {
        last = report;
        db.prune(Date.now());
        refreshRecommendations();
        try {
          opts.relay?.afterMetricsCycle(db);
          opts.relay?.publishRecommendations(recommender.current());
        } catch (err) {
          logger.warn({ err }, 'relay: could not queue this cycle');
        }
        logger.info({ cycle: report }, 'metrics cycle');
        opts.onStatus?.(
          `metrics: ${report.containerMinutes} container-minutes from ${report.nodesScraped - report.nodesFailed}/${report.nodesScraped} nodes in ${report.durationMs} ms` +
            (report.problems ? `, ${report.problems} problems (see agent.log)` : ''),
        );
        return report;
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'metrics cycle failed');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const intervalMs = opts.intervalMs ?? 60_000;
  const timer = setInterval(() => {
    if (!stopped && inv.settled()) void cycle();
  }, intervalMs);

  return {
    inventory: inv,
    store: db,
    log,
    metricsState: () => metricsState(inv),
    nodeStatuses: () => collector.nodeStatuses(),
    lastCycle: () => last,
    recommendations: () => recommender.current(),
    currentRecommendation: (id) => recommender.currentFor(id),
    collectNow: cycle,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await running;
      unsubscribe();
      await inv.stop();
      db.close();
      stopLogging();
      logger.info('agent stopped');
      await log.close();
    },
  };
}
