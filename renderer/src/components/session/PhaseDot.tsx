import type { SessionState } from '../../../../agent-core/contract/app-contract.ts';

const LABEL: Record<SessionState['phase'], string> = {
  idle: 'Idle',
  probing: 'Probing the API server',
  starting: 'Starting the agent',
  syncing: 'Syncing the inventory',
  ready: 'Ready',
  error: 'Failed',
};

export function phaseLabel(phase: SessionState['phase']): string {
  return LABEL[phase];
}

export function PhaseDot({ phase }: { phase: SessionState['phase'] }) {
  return <span className={`phase-dot phase-dot--${phase}`} title={LABEL[phase]} aria-label={LABEL[phase]} role="img" />;
}
