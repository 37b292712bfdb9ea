import { create } from 'zustand';
import type { AppError, SessionState } from '../../../agent-core/contract/app-contract.ts';
import { toAppError } from './app-error.ts';
import { currentClient } from './connection-store.ts';
import { useApply } from './apply-store.ts';
import { auditResource, chartsResource, nodesResource, overviewResource, permissionsResource, readinessResource, recommendationsResource, workloadResource, workloadsResource } from './resources.ts';
import { refreshAllResources } from './resource.ts';
import { useRoute } from './route-store.ts';

interface SessionStore {
  /** The core's session: null until the first session.get answers. */
  session: SessionState | null;
  /** The context the user picked in this page and is waiting to see ready (then the app opens its overview). */
  awaiting: string | null;
  /** session.select or session.get itself failed (as opposed to a session that reached phase 'error'). */
  requestError: AppError | null;
  select(context: string): Promise<void>;
  load(): Promise<void>;
  apply(session: SessionState): void;
}

const CLUSTER_DATA = [overviewResource, workloadsResource, workloadResource, chartsResource, nodesResource, permissionsResource, recommendationsResource, readinessResource, auditResource];

// Counts session events so an answer to session.select that crossed a newer event on the wire is not applied
// over it (the events are the core's latest word).
let eventsSeen = 0;

export const useSession = create<SessionStore>((set, get) => ({
  session: null,
  awaiting: null,
  requestError: null,

  async select(context) {
    const client = currentClient();
    if (!client) return;
    const eventsBefore = eventsSeen;
    set({ awaiting: context, requestError: null });
    // Show progress at once; the core's session events take over from here.
    get().apply({ phase: 'probing', context, probe: null, error: null });
    try {
      const session = await client.request('session.select', { context });
      if (eventsSeen === eventsBefore) get().apply(session);
    } catch (err) {
      set({ requestError: toAppError(err), awaiting: null });
    }
  },

  async load() {
    const client = currentClient();
    if (!client) return;
    try {
      get().apply(await client.request('session.get', {}));
      set({ requestError: null });
    } catch (err) {
      const error = toAppError(err);
      // A dropped connection is the banner's to report; the reconnect asks again.
      if (error.code !== 'disconnected') set({ requestError: error });
    }
  },

  apply(next) {
    const previous = get().session;
    if (previous?.context !== next.context) {
      // Another cluster: nothing fetched for the previous one may show.
      for (const resource of CLUSTER_DATA) resource.reset();
      // A preview or apply of the previous cluster's workload is not this one's.
      useApply.getState().close();
    }
    set({ session: next });
    if (next.phase === 'ready' && previous?.phase !== 'ready') refreshAllResources();
    const awaiting = get().awaiting;
    if (awaiting !== null && next.context === awaiting && (next.phase === 'ready' || next.phase === 'error')) {
      set({ awaiting: null });
      if (next.phase === 'ready' && useRoute.getState().route.screen === 'contexts') useRoute.getState().navigate({ screen: 'overview' });
    }
  },
}));

export function noteSessionEvent(session: SessionState): void {
  eventsSeen++;
  useSession.getState().apply(session);
}

/** Cluster screens make sense once the session has a context past probing. */
export function clusterScreensAvailable(session: SessionState | null): boolean {
  return session !== null && session.context !== null && (session.phase === 'syncing' || session.phase === 'ready');
}
