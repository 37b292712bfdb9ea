/** How collection from one node went, for the UI's collection status and the CLI. */
export interface NodeCollectionStatus {
  node: string;
  /** ms epoch of the last cycle in which both endpoints answered. */
  lastSuccess: number | null;
  lastAttempt: number | null;
  consecutiveFailures: number;
  /** Why the last attempt failed, per endpoint; absent once it succeeds. */
  lastError?: { endpoint: 'summary' | 'cadvisor'; message: string; denied?: boolean }[];
  durationMs: number | null;
}
