import { create } from 'zustand';
import type { ConnectionState, ContractClient } from '../../../agent-core/contract/contract-client.ts';

export type ConnectionPhase =
  /** Asking the preload or reading the URL for the endpoint. */
  | 'resolving'
  /** Web mode opened without a token: nothing to connect with. */
  | 'no-token'
  /** The core answers HTTP but never lets the socket open: it refused the token (or the page's origin). */
  | 'refused'
  | ConnectionState;

interface ConnectionStore {
  phase: ConnectionPhase;
  client: ContractClient | null;
  /** Whether the socket was ever open: a later 'connecting' is a reconnect, shown as a banner. */
  everOpened: boolean;
  /** When the current connecting phase began, to tell a slow start from a core that is gone. */
  connectingSince: number;
  endpointOrigin: string | null;
  endpointError: string | null;
}

export const useConnection = create<ConnectionStore>(() => ({
  phase: 'resolving',
  client: null,
  everOpened: false,
  connectingSince: Date.now(),
  endpointOrigin: null,
  endpointError: null,
}));

/** The client, for code outside React (resources, event wiring); null until connected once. */
export function currentClient(): ContractClient | null {
  return useConnection.getState().client;
}
