import { UserFacingError } from '../kube/user-facing-error.ts';

const moveAside = (file: string) =>
  `Quit Cluster Insight, then move ${file} (with its -wal and -shm files, if present) out of its folder; ` +
  `an empty store is created in its place on the next start, and the history it held is no longer shown.`;

export function storeDamagedError(file: string, cause: unknown): UserFacingError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new UserFacingError('store-damaged', `The metrics store ${file} is damaged and cannot be read (${reason}). ${moveAside(file)}`, 2, { cause });
}

export function storeFromNewerVersionError(file: string, found: number, understood: number): UserFacingError {
  return new UserFacingError(
    'store-newer-version',
    `The metrics store ${file} was written by a newer Cluster Insight (store schema version ${found}; this version understands up to ${understood}). ` +
      `Update Cluster Insight to open it, or, to start over with this version: ${moveAside(file)}`,
  );
}

export function notAMetricsStoreError(file: string): UserFacingError {
  return new UserFacingError(
    'store-foreign-file',
    `${file} is an SQLite database, but not a Cluster Insight metrics store, so it was left untouched. ` +
      `Choose another data folder, or move ${file} elsewhere.`,
  );
}

/** Whether an error from SQLite means the file itself is unreadable, as opposed to a mistake in a query. */
export function isDamagedFileError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}
