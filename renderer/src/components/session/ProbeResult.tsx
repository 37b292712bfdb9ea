import type { ProbeResult as Probe } from '../../../../agent-core/contract/app-contract.ts';
import { Badge } from '../common/Badge.tsx';

/** Whether the API server answered, its version, and who it says we are: the first things to check. */
export function ProbeResult({ probe, compact = false }: { probe: Probe; compact?: boolean }) {
  return (
    <div className={`probe-result${compact ? ' probe-result--compact' : ''}`} data-testid="probe-result" data-reachable={String(probe.reachable)}>
      <dl className="facts">
        <div className="facts__item">
          <dt>API server</dt>
          <dd>
            {probe.reachable ? <Badge tone="ok">reachable</Badge> : <Badge tone="error">unreachable</Badge>} <span className="mono">{probe.server}</span>
          </dd>
        </div>
        {probe.version && (
          <div className="facts__item">
            <dt>Version</dt>
            <dd className="mono">{probe.version}</dd>
          </div>
        )}
        {probe.reachable && (
        <div className="facts__item">
          <dt>Signed in as</dt>
          <dd>
            {probe.identity ? (
              <>
                <span className="mono" data-testid="probe-username">
                  {probe.identity.username}
                </span>
                {probe.identity.groups.length > 0 && (
                  <span className="chips">
                    {probe.identity.groups.map((group) => (
                      <span key={group} className="chip">
                        {group}
                      </span>
                    ))}
                  </span>
                )}
              </>
            ) : (
              <span className="muted">unknown (the server did not say)</span>
            )}
          </dd>
        </div>
        )}
      </dl>
    </div>
  );
}
