// What the Settings screen shows about the relay, from the configuration and the running Relay's report: states
// folded into the five the user sees, and a sentence saying why when it is not simply connected.
import type { RelayStateView, RelayStatusView } from '../contract/app-contract.ts';
import type { RelayReport } from '../relay/relay.ts';
import type { GapBody } from '../relay/protocol.ts';
import type { RelayState } from '../relay/relay-connection.ts';
import type { RelaySettings } from './app-settings.ts';

export interface RelayStatusInput {
  settings: RelaySettings | undefined;
  /** The running relay, if any. */
  relay: { report(): RelayReport; openGap(): GapBody | undefined } | undefined;
  /** The connected cluster's folder, when the agent runs. */
  connectedFolder: string | undefined;
  startProblem: string | undefined;
  secretStorage: RelayStatusView['secretStorage'];
}

export function secretStorageNote(kind: 'keychain' | 'file' | undefined): RelayStatusView['secretStorage'] {
  if (kind === 'keychain') return { kind, note: 'The secret is kept in the OS keychain.' };
  if (kind === 'file') return { kind, note: 'The secret is stored in a file readable only by you (web mode has no keychain); the desktop app uses the OS keychain.' };
  return { kind: 'none', note: 'This app has no place to keep secrets: the relay cannot be set up here.' };
}

export function foldRelayState(state: RelayState): RelayStateView {
  switch (state) {
    case 'connected':
      return 'connected';
    case 'connecting':
    case 'authenticating':
      return 'connecting';
    case 'waiting':
      return 'backoff';
    case 'refused':
      return 'refused';
    case 'idle':
    case 'closed':
      return 'off';
  }
}

function detailFor(state: RelayStateView, lastError: string | undefined, nextAttemptAt: number | undefined, now: number): string | null {
  const retry = nextAttemptAt ? ` Next attempt in ${Math.max(0, Math.round((nextAttemptAt - now) / 1000))} s.` : '';
  if (state === 'refused') return `The gateway refused this cluster's credentials${lastError ? ` (${lastError})` : ''}: the enrolment may have expired or been revoked. Ask the gateway's admin for a new connection file and import it.${retry}`;
  if (state === 'backoff') return `Cannot reach the gateway${lastError ? ` (${lastError})` : ''}; what the agent produces waits in the outbox (up to an hour) and is sent on reconnection.${retry}`;
  if (state === 'connecting') return 'Connecting to the gateway…';
  return null;
}

export function relayStatusView(input: RelayStatusInput, now = Date.now()): RelayStatusView {
  const { settings, relay } = input;
  const base = {
    configured: settings !== undefined,
    enabled: settings?.enabled ?? false,
    hashNames: settings?.hashNames ?? false,
    gatewayUrl: settings?.gatewayUrl ?? null,
    accountId: settings?.accountId ?? null,
    clusterId: settings?.clusterId ?? null,
    cluster: settings?.clusterLabel ?? null,
    secretStorage: input.secretStorage,
  };
  const idle = { lastError: null, nextAttemptAt: null, lastAckAt: null, lastAckedSeq: 0, backlog: { count: 0, oldestAt: null }, gap: null, pendingActions: 0 };
  if (!relay) {
    const detail = !settings
      ? 'Not configured: import a connection file from your gateway to relay this cluster.'
      : !settings.enabled
        ? 'Turned off: nothing is sent to the gateway.'
        : input.startProblem
          ? input.startProblem
          : input.connectedFolder === undefined
            ? `Starts when a context of ${settings.clusterLabel}'s cluster is connected.`
            : input.connectedFolder !== settings.clusterFolder
              ? `The connection file was imported for ${settings.clusterLabel}'s cluster, not the one connected now: nothing of this cluster is relayed.`
              : 'Starting…';
    return { ...base, ...idle, state: 'off', detail };
  }
  const report = relay.report();
  const state = foldRelayState(report.state);
  const gap = relay.openGap();
  return {
    ...base,
    state,
    detail: detailFor(state, report.lastError, report.nextAttemptAt, now),
    lastError: report.lastError ?? null,
    nextAttemptAt: report.nextAttemptAt ?? null,
    lastAckAt: report.lastAckAt ?? null,
    lastAckedSeq: report.lastAckedSeq,
    backlog: { count: report.backlog.count, oldestAt: report.backlog.oldestSentAt },
    gap: gap ? { count: gap.count, firstSeq: gap.firstSeq, lastSeq: gap.lastSeq, from: gap.from, to: gap.to } : null,
    pendingActions: report.pendingActions,
  };
}
