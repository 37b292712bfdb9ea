import type { ChartRange } from '../../../agent-core/contract/app-contract.ts';
import { markChartData } from '../perf/marks.ts';
import { createResource } from './resource.ts';

const NO_PARAMS = (): string => '';

export const contextsResource = createResource((client) => client.request('contexts.list', {}), NO_PARAMS);
export const overviewResource = createResource((client) => client.request('overview.get', {}), NO_PARAMS);
export const nodesResource = createResource((client) => client.request('nodes.list', {}), NO_PARAMS);
export const permissionsResource = createResource((client) => client.request('permissions.get', {}), NO_PARAMS);
/** Every current recommendation: refetched on each stored minute (the agent recomputes them as data arrives). */
export const recommendationsResource = createResource((client) => client.request('recommendations.list', {}), NO_PARAMS);
/** The readiness checks of every workload: they read the inventory, so they follow inventory events. */
export const readinessResource = createResource((client) => client.request('readiness.list', {}), NO_PARAMS);

export const workloadsResource = createResource(
  (client, params: { range: ChartRange }) => client.request('workloads.list', params),
  (params) => params.range,
);

export const workloadResource = createResource(
  (client, params: { uid: string }) => client.request('workload.get', params),
  (params) => params.uid,
);

export interface ChartsParams {
  uid: string;
  range: ChartRange;
  maxPoints: number;
}

/** Charts of the same workload and range at another width: fine to show while the new ones load. */
export const sameChartsOtherWidth = (shownKey: string, wantedKey: string): boolean => shownKey.split(' ').slice(0, 2).join(' ') === wantedKey.split(' ').slice(0, 2).join(' ');

export const chartsResource = createResource(
  async (client, params: ChartsParams) => {
    const charts = await client.request('workload.charts', params);
    markChartData();
    return charts;
  },
  (params) => `${params.uid} ${params.range} ${params.maxPoints}`,
);
/** Every dry run and apply of this context: refetched after each preview and apply, and now and then on minutes. */
export const auditResource = createResource((client) => client.request('audit.list', {}), NO_PARAMS);
/** The gateway relay's configuration and state: refetched on each 'relay' event. */
export const relayResource = createResource((client) => client.request('relay.get', {}), NO_PARAMS);
/** Remote requests waiting for the user's approval: refetched on each 'actions' event. */
export const pendingActionsResource = createResource((client) => client.request('actions.list', {}), NO_PARAMS);
