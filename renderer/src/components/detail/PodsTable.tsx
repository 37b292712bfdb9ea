import type { PodSummary } from '../../../../agent-core/contract/app-contract.ts';
import { Badge, type Tone } from '../common/Badge.tsx';
import { EmptyState } from '../common/EmptyState.tsx';

const PHASE_TONE: Record<string, Tone> = { Running: 'ok', Succeeded: 'info', Pending: 'warn', Failed: 'error', Unknown: 'warn' };

export function PodsTable({ pods }: { pods: readonly PodSummary[] }) {
  if (pods.length === 0) return <EmptyState title="No pods">This workload has no pods right now.</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="pods-table">
        <thead>
          <tr>
            <th scope="col">Pod</th>
            <th scope="col">Node</th>
            <th scope="col">Phase</th>
            <th scope="col">Ready</th>
            <th scope="col" className="num">Restarts</th>
            <th scope="col">Last termination</th>
          </tr>
        </thead>
        <tbody>
          {pods.map((pod) => (
            <tr key={pod.uid} data-testid="pod-row" data-name={pod.name}>
              <td className="mono nowrap">{pod.name}</td>
              <td className="mono">{pod.node ?? <span className="muted">unscheduled</span>}</td>
              <td>{pod.phase ? <Badge tone={PHASE_TONE[pod.phase] ?? 'neutral'}>{pod.phase}</Badge> : '—'}</td>
              <td>{pod.ready ? <Badge tone="ok">ready</Badge> : <Badge tone="warn">not ready</Badge>}</td>
              <td className={`num${pod.restarts > 0 ? ' cell--warn' : ''}`}>{pod.restarts}</td>
              <td className={pod.lastTermination && /oom/i.test(pod.lastTermination) ? 'cell--error' : ''}>{pod.lastTermination ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
