import { useRef } from 'react';
import { chartLayout } from '../../charts/chart-layout.ts';
import { ContainerCharts } from '../../charts/ContainerCharts.tsx';
import { useElementWidth } from '../../charts/use-element-width.ts';
import { useRange } from '../../state/range-store.ts';
import { useResource } from '../../state/resource.ts';
import { chartsResource, sameChartsOtherWidth, workloadResource } from '../../state/resources.ts';
import { useRoute } from '../../state/route-store.ts';
import { useTheme } from '../../state/theme-store.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { Panel } from '../common/Panel.tsx';
import { RangeSelector } from '../common/RangeSelector.tsx';
import { ResourceView } from '../common/ResourceView.tsx';
import { Skeleton, SkeletonBlock } from '../common/Skeleton.tsx';
import { ContainersTable } from './ContainersTable.tsx';
import { DetailHeader } from './DetailHeader.tsx';
import { PodsTable } from './PodsTable.tsx';
import { WorkloadAdvice } from './WorkloadAdvice.tsx';
import { YamlView } from './YamlView.tsx';

export function WorkloadDetailScreen({ uid }: { uid: string }) {
  const navigate = useRoute((s) => s.navigate);
  const range = useRange((s) => s.range);
  const setRange = useRange((s) => s.setRange);
  const theme = useTheme((s) => s.theme);
  const detail = useResource(workloadResource, { uid });

  const chartsRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(chartsRef);
  const { maxPoints } = chartLayout(width);
  // No request until the charts' width is known: the width decides how many points are worth asking for.
  const charts = useResource(chartsResource, width > 0 ? { uid, range, maxPoints } : null, sameChartsOtherWidth);

  return (
    <div className="screen" data-testid="workload-detail" data-uid={uid}>
      <button type="button" className="link-button back-link" onClick={() => navigate({ screen: 'workloads' })}>
        ← Workloads
      </button>
      <ResourceView state={detail} onRetry={workloadResource.refresh} loading={<Skeleton lines={3} className="detail-header-skeleton" label="Loading the workload…" />} errorTitle="Could not load this workload">
        {(data) => <DetailHeader detail={data} />}
      </ResourceView>

      <Panel title="Usage" actions={<RangeSelector range={range} onChange={setRange} />} testId="charts-panel">
        <div ref={chartsRef} className="charts-area">
          {charts.data ? (
            <>
              {charts.error && <ErrorMessage error={charts.error} title="Could not refresh the charts: showing the last data received" onRetry={chartsResource.refresh} />}
              {charts.data.containers.length === 0 ? (
                <EmptyState title="No containers to chart">This workload has no container with stored metrics in this range.</EmptyState>
              ) : (
                <ContainerCharts charts={charts.data} width={width} theme={theme} />
              )}
            </>
          ) : charts.error ? (
            <ErrorMessage error={charts.error} title="Could not load the charts" onRetry={chartsResource.refresh} />
          ) : (
            <ChartsSkeleton columns={chartLayout(width).columns} />
          )}
        </div>
      </Panel>

      {detail.data ? (
        <>
          <WorkloadAdvice uid={uid} namespace={detail.data.row.namespace} name={detail.data.row.name} />
          <Panel title={`Containers (${detail.data.containers.length})`}>
            <ContainersTable containers={detail.data.containers} />
          </Panel>
          <Panel title={`Pods (${detail.data.pods.length})`}>
            <PodsTable pods={detail.data.pods} />
          </Panel>
          <YamlView yaml={detail.data.yaml} />
        </>
      ) : (
        !detail.error && <SkeletonBlock className="panel-skeleton" />
      )}
    </div>
  );
}

function ChartsSkeleton({ columns }: { columns: number }) {
  return (
    <div className={`container-charts__grid container-charts__grid--${columns}`} role="status" aria-busy="true">
      <span className="visually-hidden">Loading the charts…</span>
      {Array.from({ length: 3 }, (_, i) => (
        <SkeletonBlock key={i} className="chart-skeleton" />
      ))}
    </div>
  );
}
