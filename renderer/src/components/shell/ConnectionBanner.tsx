import { useEffect, useState } from 'react';
import { useConnection } from '../../state/connection-store.ts';

// After this long without a connection, say what may be wrong rather than only "connecting".
const SLOW_MS = 8000;

/** A strip under the header while the socket to the core is down; the client reconnects on its own. */
export function ConnectionBanner() {
  const phase = useConnection((s) => s.phase);
  const everOpened = useConnection((s) => s.everOpened);
  const since = useConnection((s) => s.connectingSince);
  const origin = useConnection((s) => s.endpointOrigin);
  const slow = useElapsed(phase === 'connecting' ? since : null) > SLOW_MS;
  if (phase !== 'connecting') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      {everOpened ? 'Connection to the core lost: reconnecting…' : 'Connecting to the core…'}
      {slow && (
        <span className="connection-banner__hint">
          {' '}
          No answer from {origin ?? 'the core'} yet. Is <code>cluster-insight</code> still running?
        </span>
      )}
    </div>
  );
}

function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : now - since;
}
