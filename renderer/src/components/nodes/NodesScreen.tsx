import type { NodeRow } from '../../../../agent-core/contract/app-contract.ts';
import { formatAgo } from '../../format/time.ts';
import { formatBytes, formatCores, formatPercent } from '../../format/units.ts';
import { useResource } from '../../state/resource.ts';
import { nodesResource } from '../../state/resources.ts';
import { Badge } from '../common/Badge.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { Skeleton } from '../common/Skeleton.tsx';
import { useNow } from '../common/use-now.ts';

export function NodesScreen() {
  const nodes = useResource(nodesResource, {});
  return (
    <div className="screen">
      <div className="screen__head">
        <h1 className="screen-title">Nodes</h1>
        {nodes.data && <span className="muted">{nodes.data.rows.length} nodes</span>}
      </div>
      <ResourceView state={nodes} onRetry={nodesResource.refresh} loading={<Skeleton lines={6} label="Loading the nodes…" />} errorTitle="Could not load the nodes">
        {(data) => (data.rows.length === 0 ? <EmptyState title="No nodes">The agent sees no nodes in this cluster.</EmptyState> : <NodesTable rows={data.rows} />)}
      </ResourceView>
    </div>
  );
}

function NodesTable({ rows }: { rows: readonly NodeRow[] }) {
  const now = useNow(5000);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="nodes-table">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Node
            </th>
            <th scope="col" rowSpan={2}>
              Ready
            </th>
            <th scope="col" rowSpan={2} className="num">
              Pods
            </th>
            <th scope="colgroup" colSpan={4} className="group-head">
              CPU
            </th>
            <th scope="colgroup" colSpan={4} className="group-head">
              Memory
            </th>
            <th scope="col" rowSpan={2}>
              Metrics collection
            </th>
          </tr>
          <tr>
            {['Capacity', 'Allocatable', 'Requests', 'Usage', 'Capacity', 'Allocatable', 'Requests', 'Usage'].map((label, i) => (
              <th key={i} scope="col" className={`num${i === 0 || i === 4 ? ' group-start' : ''}`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((node) => (
            <tr key={node.name} data-testid="node-row" data-name={node.name}>
              <td className="mono strong nowrap">{node.name}</td>
              <td>{node.ready ? <Badge tone="ok">Ready</Badge> : <Badge tone="error">NotReady</Badge>}</td>
              <td className="num">{node.pods}</td>
              <ResourceCells totals={node.cpu} format={formatCores} />
              <ResourceCells totals={node.memory} format={formatBytes} />
              <td>
                <CollectionCell collection={node.collection} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResourceCells({ totals, format }: { totals: NodeRow['cpu']; format: (v: number | null) => string }) {
  const pct = (value: number | null) => (value === null || totals.allocatable <= 0 ? null : (value / totals.allocatable) * 100);
  const requestsPct = pct(totals.requests);
  const usagePct = pct(totals.usage);
  return (
    <>
      <td className="num group-start">{format(totals.capacity)}</td>
      <td className="num">{format(totals.allocatable)}</td>
      <td className="num">
        {format(totals.requests)} {requestsPct !== null && <span className={`muted${requestsPct > 100 ? ' over' : ''}`}>{formatPercent(requestsPct)}</span>}
      </td>
      <td className="num">
        {format(totals.usage)} {usagePct !== null && <span className="muted">{formatPercent(usagePct)}</span>}
      </td>
    </>
  );
}

function CollectionCell({ collection, now }: { collection: NodeRow['collection']; now: number }) {
  if (!collection) return <span className="muted">not scraped yet</span>;
  if (collection.consecutiveFailures > 0) {
    return (
      <span className="node-collection" title={collection.error ?? undefined}>
        <Badge tone="error">failing ×{collection.consecutiveFailures}</Badge> <span className="muted">{collection.error ?? ''}</span>
      </span>
    );
  }
  return (
    <span className="node-collection">
      <Badge tone="ok">ok</Badge> <span className="muted">{formatAgo(collection.lastSuccess, now)}</span>
    </span>
  );
}
