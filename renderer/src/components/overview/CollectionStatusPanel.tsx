import type { CollectionStatus } from '../../../../agent-core/contract/app-contract.ts';
import { formatAgo, formatDateTime } from '../../format/time.ts';
import { useNow } from '../common/use-now.ts';
import { Badge, type Tone } from '../common/Badge.tsx';
import { Panel } from '../common/Panel.tsx';

const STATE: Record<CollectionStatus['state'], { tone: Tone; label: string }> = {
  collecting: { tone: 'ok', label: 'collecting' },
  denied: { tone: 'error', label: 'denied' },
  waiting: { tone: 'warn', label: 'waiting' },
};

interface Props {
  collection: CollectionStatus;
  permissionsMissing: number;
  onOpenPermissions: () => void;
}

export function CollectionStatusPanel({ collection, permissionsMissing, onOpenPermissions }: Props) {
  const now = useNow(5000);
  const state = STATE[collection.state];
  return (
    <Panel title="Metrics collection" testId="collection-status" actions={<Badge tone={state.tone}>{state.label}</Badge>}>
      {collection.detail && <p className="panel__lead">{collection.detail}</p>}
      <dl className="facts facts--grid">
        <div className="facts__item">
          <dt>Last scrape</dt>
          <dd title={formatDateTime(collection.lastScrape)}>{formatAgo(collection.lastScrape, now)}</dd>
        </div>
        <div className="facts__item">
          <dt>Latest minute stored</dt>
          <dd>{formatDateTime(collection.latestMinute)}</dd>
        </div>
        <div className="facts__item">
          <dt>Nodes scraped</dt>
          <dd>{collection.nodesScraped}</dd>
        </div>
        <div className="facts__item">
          <dt>Permissions missing</dt>
          <dd>
            {permissionsMissing === 0 ? (
              <span className="muted">none</span>
            ) : (
              <button type="button" className="link-button" data-testid="permissions-missing" onClick={onOpenPermissions}>
                {permissionsMissing} missing: see Permissions
              </button>
            )}
          </dd>
        </div>
      </dl>
      {collection.nodesFailing.length > 0 && (
        <div className="failing-nodes">
          <h3 className="subheading">Nodes failing ({collection.nodesFailing.length})</h3>
          <ul className="failing-nodes__list">
            {collection.nodesFailing.map((node) => (
              <li key={node.node}>
                <span className="mono">{node.node}</span> <Badge tone="error">{node.consecutiveFailures} failed</Badge>{' '}
                <span className="muted">last success {formatAgo(node.lastSuccess, now)}</span>
                {node.error && <div className="failing-nodes__error">{node.error}</div>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}
