import { useMemo, useRef } from 'react';
import type { RecommendationRow } from '../../../../agent-core/contract/app-contract.ts';
import { chartLayout } from '../../charts/chart-layout.ts';
import type { MetricKind, ProposedValues } from '../../charts/chart-rows.ts';
import { ContainerChartGroup } from '../../charts/ContainerCharts.tsx';
import { chartPalette } from '../../charts/palette.ts';
import { useElementWidth } from '../../charts/use-element-width.ts';
import { useRange } from '../../state/range-store.ts';
import { useResource } from '../../state/resource.ts';
import { chartsResource, sameChartsOtherWidth } from '../../state/resources.ts';
import { useTheme } from '../../state/theme-store.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { RangeSelector } from '../common/RangeSelector.tsx';
import { SkeletonBlock } from '../common/Skeleton.tsx';

/**
 * The container's usage from workload.charts (the same data and charts as the workload's page), with the
 * current request and limit as the charts draw them and the proposed ones as extra lines on CPU and memory.
 */
export function RecommendationChart({ row }: { row: RecommendationRow }) {
  const range = useRange((s) => s.range);
  const setRange = useRange((s) => s.setRange);
  const theme = useTheme((s) => s.theme);
  const areaRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(areaRef);
  const layout = chartLayout(width);
  const charts = useResource(chartsResource, width > 0 ? { uid: row.workload.uid, range, maxPoints: layout.maxPoints } : null, sameChartsOtherWidth);
  const chart = charts.data?.containers.find((c) => c.container === row.container);
  const { proposed } = row;
  const lines = useMemo<Partial<Record<MetricKind, ProposedValues>>>(
    () => ({ cpu: { request: proposed.cpuRequest, limit: proposed.cpuLimit }, memory: { request: proposed.memRequest, limit: proposed.memLimit } }),
    [proposed.cpuRequest, proposed.cpuLimit, proposed.memRequest, proposed.memLimit],
  );

  return (
    <section className="recommendation-chart" data-testid="recommendation-chart" aria-label="Usage against current and proposed values">
      <div className="recommendation-chart__head">
        <h3 className="subheading">Usage against current and proposed values</h3>
        <RangeSelector range={range} onChange={setRange} />
      </div>
      <div ref={areaRef} className="charts-area">
        {charts.data ? (
          <>
            {charts.error && <ErrorMessage error={charts.error} title="Could not refresh the chart: showing the last data received" onRetry={chartsResource.refresh} />}
            {chart ? (
              <ContainerChartGroup chart={chart} from={charts.data.from} to={charts.data.to} columns={layout.columns} chartWidth={layout.chartWidth} maxPoints={layout.maxPoints} palette={chartPalette(theme)} proposed={lines} />
            ) : (
              <EmptyState title="No usage to chart">The container {row.container} has no stored metrics in this range: try a longer one.</EmptyState>
            )}
          </>
        ) : charts.error ? (
          <ErrorMessage error={charts.error} title="Could not load the chart" onRetry={chartsResource.refresh} />
        ) : (
          <div className={`container-charts__grid container-charts__grid--${layout.columns}`} role="status" aria-busy="true">
            <span className="visually-hidden">Loading the chart…</span>
            {Array.from({ length: layout.columns }, (_, i) => (
              <SkeletonBlock key={i} className="chart-skeleton" />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
