import type { KindSyncRow } from '../../../../agent-core/contract/app-contract.ts';
import { formatCount } from '../../format/units.ts';
import { Badge } from '../common/Badge.tsx';
import { Panel } from '../common/Panel.tsx';

export function SyncPanel({ sync }: { sync: KindSyncRow[] }) {
  const synced = sync.filter((k) => k.synced).length;
  return (
    <Panel title="Inventory sync" testId="sync-status" actions={<span className="muted">{synced} of {sync.length} kinds synced</span>}>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Listed
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {sync.map((kind) => (
            <tr key={kind.kind} data-testid="sync-kind" data-kind={kind.kind} data-synced={String(kind.synced)}>
              <td>{kind.kind}</td>
              <td className="num">{formatCount(kind.listed)}</td>
              <td>
                {kind.error ? (
                  <span className="sync-error">
                    <Badge tone="error">error</Badge> {kind.error}
                  </span>
                ) : kind.synced ? (
                  <Badge tone="ok">synced</Badge>
                ) : (
                  <Badge tone="info">listing…</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
