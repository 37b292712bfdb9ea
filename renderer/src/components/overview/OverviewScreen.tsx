import { formatBytes, formatCores } from '../../format/units.ts';
import { useResource } from '../../state/resource.ts';
import { overviewResource } from '../../state/resources.ts';
import { useRoute } from '../../state/route-store.ts';
import { useSession } from '../../state/session-store.ts';
import { Panel } from '../common/Panel.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { SkeletonBlock } from '../common/Skeleton.tsx';
import { SessionSummary } from '../session/SessionSummary.tsx';
import { CollectionStatusPanel } from './CollectionStatusPanel.tsx';
import { CountCards } from './CountCards.tsx';
import { ResourceMeter } from './ResourceMeter.tsx';
import { SyncPanel } from './SyncPanel.tsx';

export function OverviewScreen() {
  const overview = useResource(overviewResource, {});
  const session = useSession((s) => s.session);
  const navigate = useRoute((s) => s.navigate);
  return (
    <div className="screen" data-testid="overview">
      <div className="screen__head">
        <h1 className="screen-title">Overview</h1>
        {session && <SessionSummary session={session} />}
      </div>
      <ResourceView state={overview} onRetry={overviewResource.refresh} loading={<OverviewSkeleton />} errorTitle="Could not load the overview">
        {(data) => (
          <>
            <CountCards counts={data.counts} />
            <div className="overview-grid">
              <Panel title="Cluster capacity" testId="capacity" className="overview-grid__wide">
                <div className="meters">
                  <ResourceMeter label="CPU" totals={data.cpu} format={formatCores} />
                  <ResourceMeter label="Memory" totals={data.memory} format={formatBytes} />
                </div>
              </Panel>
              <CollectionStatusPanel collection={data.collection} permissionsMissing={data.permissionsMissing} onOpenPermissions={() => navigate({ screen: 'permissions' })} />
              <SyncPanel sync={data.sync} />
            </div>
          </>
        )}
      </ResourceView>
    </div>
  );
}

function OverviewSkeleton() {
  return (
    <div aria-busy="true" role="status">
      <span className="visually-hidden">Loading the overview…</span>
      <div className="count-cards">
        {Array.from({ length: 5 }, (_, i) => (
          <SkeletonBlock key={i} className="count-card count-card--skeleton" />
        ))}
      </div>
      <div className="overview-grid">
        <SkeletonBlock className="panel-skeleton overview-grid__wide" />
        <SkeletonBlock className="panel-skeleton" />
        <SkeletonBlock className="panel-skeleton" />
      </div>
    </div>
  );
}
