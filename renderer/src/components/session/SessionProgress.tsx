import type { SessionState } from '../../../../agent-core/contract/app-contract.ts';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { phaseLabel } from './PhaseDot.tsx';
import { ProbeResult } from './ProbeResult.tsx';

const STEPS = ['probing', 'starting', 'syncing', 'ready'] as const;

interface Props {
  session: SessionState;
  onRetry: () => void;
  onOpen: () => void;
}

/** The way from "picked a context" to "ready": each step, the probe's findings, or what failed. */
export function SessionProgress({ session, onRetry, onOpen }: Props) {
  const reached = session.phase === 'error' ? failedStep(session) : STEPS.indexOf(session.phase as (typeof STEPS)[number]);
  return (
    <div className="session-progress">
      <div className="session-progress__title">
        Context <strong className="mono">{session.context}</strong>
      </div>
      <ol className="steps" data-testid="session-phase" data-phase={session.phase} aria-label={`Session: ${phaseLabel(session.phase)}`}>
        {STEPS.map((step, i) => {
          const state = session.phase === 'error' && i === reached ? 'failed' : i < reached || session.phase === 'ready' ? 'done' : i === reached ? 'current' : 'todo';
          return (
            <li key={step} className={`steps__item steps__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="steps__marker" aria-hidden="true">
                {state === 'done' ? '✓' : state === 'failed' ? '✕' : i + 1}
              </span>
              <span>{phaseLabel(step)}</span>
              {state === 'current' && <span className="spinner spinner--small" aria-hidden="true" />}
            </li>
          );
        })}
      </ol>
      {session.probe && <ProbeResult probe={session.probe} />}
      {session.probe?.error && session.phase !== 'error' && <ErrorMessage error={session.probe.error} title="The probe reported a problem" />}
      {session.phase === 'error' && (
        <ErrorMessage error={session.error ?? session.probe?.error ?? { code: 'unknown', message: 'The session failed without saying why.' }} title="Could not open this context" onRetry={onRetry} />
      )}
      {session.phase === 'ready' && (
        <button type="button" className="button button--primary" data-testid="open-overview" onClick={onOpen}>
          Open the overview
        </button>
      )}
    </div>
  );
}

/** The step a failed session stopped at: no probe answer means probing failed, and so on. */
function failedStep(session: SessionState): number {
  if (!session.probe || !session.probe.reachable) return 0;
  return 1;
}
