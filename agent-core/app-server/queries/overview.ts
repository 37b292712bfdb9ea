import type { Overview, ResourceTotals } from '../../contract/app-contract.ts';
import type { Agent } from '../../agent/agent.ts';
import { collectionOf } from './node-usage.ts';
import { nodeRows } from './node-rows.ts';
import type { WorkloadIndex } from './workload-index.ts';

function total(rows: ResourceTotals[]): ResourceTotals {
  const withUsage = rows.filter((r) => r.usage !== null);
  return {
    usage: withUsage.length ? withUsage.reduce((sum, r) => sum + r.usage!, 0) : null,
    requests: rows.reduce((sum, r) => sum + r.requests, 0),
    limits: rows.reduce((sum, r) => sum + r.limits, 0),
    allocatable: rows.reduce((sum, r) => sum + r.allocatable, 0),
    capacity: rows.reduce((sum, r) => sum + r.capacity, 0),
  };
}

export function overview(agent: Agent, context: string, index: WorkloadIndex): Overview {
  const nodes = nodeRows(agent, index);
  const state = agent.metricsState();
  const last = agent.lastCycle();
  const statuses = agent.nodeStatuses();
  const capabilities = agent.inventory.capabilities().capabilities;
  return {
    context,
    counts: {
      nodes: index.nodes.length,
      namespaces: index.namespaces,
      workloads: index.workloads.length,
      pods: index.pods.length,
      containers: index.pods.reduce((sum, p) => sum + p.containers.length, 0),
    },
    cpu: total(nodes.map((n) => n.cpu)),
    memory: total(nodes.map((n) => n.memory)),
    collection: {
      state: state.state,
      detail: state.state === 'denied' ? state.impact : state.state === 'waiting' ? state.reason : null,
      lastScrape: last ? last.startedAt + last.durationMs : null,
      latestMinute: agent.store.latestMinuteMs(),
      nodesScraped: last?.nodesScraped ?? 0,
      nodesFailing: statuses.filter((s) => s.consecutiveFailures > 0).map((s) => collectionOf(s)!),
    },
    sync: agent.inventory.syncProgress().map((k) => ({ kind: k.kind, listed: k.listed, synced: k.synced, error: k.lastError?.message ?? null })),
    permissionsMissing: capabilities.filter((c) => c.status === 'denied' || c.status === 'partial').length,
  };
}
