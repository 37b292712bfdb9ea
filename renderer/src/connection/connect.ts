import { ContractClient, type SocketLike } from '../../../agent-core/contract/contract-client.ts';
import { useApply } from '../state/apply-store.ts';
import { useConnection } from '../state/connection-store.ts';
import { auditResource, chartsResource, pendingActionsResource, relayResource, nodesResource, overviewResource, readinessResource, recommendationsResource, workloadResource, workloadsResource } from '../state/resources.ts';
import { refreshAllResources } from '../state/resource.ts';
import { noteSessionEvent, useSession } from '../state/session-store.ts';
import { desktopBridge } from './desktop-bridge.ts';
import { resolveEndpoint } from './endpoint.ts';

/** The audit changes with the user's own previews and applies (refetched then); other writers show up within this. */
const AUDIT_MINUTE_REFRESH_MS = 15_000;

// A socket to loopback opens in milliseconds; this long without one means something is in the way.
const REFUSAL_CHECK_MS = 3000;

/**
 * The core refuses a bad token (or a foreign origin) at the HTTP upgrade, which a browser reports only as close
 * code 1006, the same as a core that is down. Tell them apart: if the page's own server answers while the socket
 * stays shut, the core is up and refusing us (a restarted `cluster-insight web` has a new token), and retrying
 * cannot help. A core that does not answer at all may come back: keep retrying and checking.
 */
function watchForRefusal(client: ContractClient): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stillConnecting = () => useConnection.getState().phase === 'connecting';
  const check = async () => {
    if (!stillConnecting()) return;
    const serverAnswers = await fetch(`${location.origin}/`, { method: 'HEAD', cache: 'no-store' }).then(
      (res) => res.ok,
      () => false,
    );
    if (!stillConnecting()) return;
    if (serverAnswers) {
      client.close();
      useConnection.setState({ phase: 'refused' });
    } else {
      timer = setTimeout(() => void check(), REFUSAL_CHECK_MS);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    if (stillConnecting()) timer = setTimeout(() => void check(), REFUSAL_CHECK_MS);
  };
  useConnection.subscribe((state, previous) => {
    if (state.phase !== previous.phase) schedule();
  });
  schedule();
}

/** Finds the core, opens the contract socket and keeps the stores in step with its events. */
export async function connectToCore(): Promise<void> {
  let endpoint;
  try {
    endpoint = await resolveEndpoint();
  } catch (err) {
    useConnection.setState({ phase: 'closed', endpointError: err instanceof Error ? err.message : String(err) });
    return;
  }
  if (!endpoint) {
    useConnection.setState({ phase: 'no-token' });
    return;
  }
  const client = new ContractClient(endpoint, (url) => new WebSocket(url) as unknown as SocketLike);
  useConnection.setState({ client, phase: client.connectionState(), endpointOrigin: endpoint.origin, connectingSince: Date.now() });

  client.onConnectionState((phase) => {
    // Closed on purpose after a refusal: keep saying why.
    if (useConnection.getState().phase === 'refused') return;
    const wasOpened = useConnection.getState().everOpened;
    useConnection.setState({ phase, ...(phase === 'open' ? { everOpened: true } : {}), ...(phase === 'connecting' ? { connectingSince: Date.now() } : {}) });
    if (phase !== 'open') return;
    void useSession.getState().load();
    // After a reconnect the core may have moved on (or restarted): ask again for everything shown. On the first
    // open only what failed while the socket was still coming up.
    refreshAllResources({ onlyFailed: !wasOpened });
  });

  if (!desktopBridge()) watchForRefusal(client);

  client.on('session', noteSessionEvent);
  client.on('inventory', () => {
    overviewResource.refresh();
    workloadsResource.refresh();
    workloadResource.refresh();
    nodesResource.refresh();
    readinessResource.refresh();
    // A deleted workload's recommendations go, and a changed spec changes the current values.
    recommendationsResource.refresh();
  });
  client.on('applyProgress', (event) => useApply.getState().noteProgress(event));
  client.on('relay', () => relayResource.refresh());
  client.on('actions', () => pendingActionsResource.refresh());
  let auditRefreshedAt = 0;
  client.on('minute', () => {
    if (Date.now() - auditRefreshedAt >= AUDIT_MINUTE_REFRESH_MS) {
      auditRefreshedAt = Date.now();
      auditResource.refresh();
    }
    overviewResource.refresh();
    workloadsResource.refresh();
    chartsResource.refresh();
    nodesResource.refresh();
    recommendationsResource.refresh();
  });
}
