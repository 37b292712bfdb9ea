import type { RequestMethod, RequestParams, RequestResult } from '../contract/app-contract.ts';
import type { AppSession } from './app-session.ts';
import { nodeRows } from './queries/node-rows.ts';
import { overview } from './queries/overview.ts';
import { workloadCharts } from './queries/workload-charts.ts';
import { workloadDetail } from './queries/workload-detail.ts';
import { indexWorkloads } from './queries/workload-index.ts';
import { workloadRows, type WorkloadBadges } from './queries/workload-rows.ts';
import { readinessCounts, readinessRows } from './queries/readiness-rows.ts';
import { recommendationRows, severityByWorkload } from './queries/recommendation-rows.ts';
import { applyHandlers, type ApplyEvents } from './apply-handlers.ts';
import type { AppRelay } from './app-relay.ts';
import { relayHandlers } from './relay-handlers.ts';
import { memoOverInventory } from './inventory-memo.ts';
import { UsageCache } from './usage-cache.ts';

export type Handlers = { [M in RequestMethod]: (params: RequestParams<M>) => RequestResult<M> | Promise<RequestResult<M>> };

/** What each request of the contract does, against the session's agent. */
export function contractHandlers(session: AppSession, relay: AppRelay, events: ApplyEvents = {}): Handlers {
  const caches = new WeakMap<object, UsageCache>();
  const usageOf = () => {
    const agent = session.requireAgent();
    let cache = caches.get(agent.store);
    if (!cache) caches.set(agent.store, (cache = new UsageCache(agent.store)));
    return cache;
  };
  const recommendations = () => recommendationRows(session.requireAgent().recommendations());
  const readinessOf = memoOverInventory(readinessRows);
  const readiness = () => readinessOf(session.requireAgent().inventory);
  const badges = (): WorkloadBadges => ({ recommendation: severityByWorkload(recommendations()), readiness: readinessCounts(readiness()) });
  return {
    ...applyHandlers(session, events),
    ...relayHandlers(relay),
    'contexts.list': () => session.listContexts(),
    'session.select': ({ context }) => session.select(context),
    'session.get': () => session.current(),
    'overview.get': () => overview(session.requireAgent(), session.current().context ?? '', indexWorkloads(session.requireAgent().inventory)),
    'workloads.list': ({ range }) => {
      const { from, to, usage } = usageOf().get(range);
      return { range, from, to, rows: workloadRows(indexWorkloads(session.requireAgent().inventory), usage, badges()) };
    },
    'workload.get': ({ uid }) => workloadDetail(session.requireAgent().inventory, uid, usageOf().get('24h').usage, badges()),
    'workload.charts': ({ uid, range, maxPoints }) => workloadCharts(session.requireAgent().store, uid, range, maxPoints),
    'nodes.list': () => {
      const agent = session.requireAgent();
      return { rows: nodeRows(agent, indexWorkloads(agent.inventory)) };
    },
    'recommendations.list': () => ({ rows: recommendations() }),
    'readiness.list': () => ({ rows: readiness() }),
    'permissions.get': () => {
      const report = session.requireAgent().inventory.capabilities();
      return { capabilities: report.capabilities, checks: report.checks.map(({ verb, group, resource, subresource, allowed }) => ({ verb, group, resource, ...(subresource ? { subresource } : {}), ...(allowed === undefined ? {} : { allowed }) })) };
    },
  };
}
