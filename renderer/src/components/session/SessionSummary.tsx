import type { SessionState } from '../../../../agent-core/contract/app-contract.ts';
import { Badge } from '../common/Badge.tsx';
import { phaseLabel } from './PhaseDot.tsx';

/** One line on where the session stands and who the cluster thinks we are. */
export function SessionSummary({ session }: { session: SessionState }) {
  const probe = session.probe;
  return (
    <div className="session-summary">
      <span data-testid="session-phase" data-phase={session.phase}>
        <Badge tone={session.phase === 'ready' ? 'ok' : session.phase === 'error' ? 'error' : 'info'}>{phaseLabel(session.phase)}</Badge>
      </span>
      {probe && (
        <span className="session-summary__probe muted" data-testid="probe-result" data-reachable={String(probe.reachable)}>
          {probe.version && <span className="mono">{probe.version}</span>}
          {probe.identity && (
            <span title={probe.identity.groups.join(', ')}>
              as <span className="mono">{probe.identity.username}</span>
            </span>
          )}
        </span>
      )}
    </div>
  );
}
