import { useEffect, useMemo } from 'react';
import type { ContainerChart, WorkloadCharts } from '../../../agent-core/contract/app-contract.ts';
import { afterPaint, CHART_DATA, CHART_MEASURE, measureSince } from '../perf/marks.ts';
import type { Theme } from '../state/theme-store.ts';
import { chartLayout } from './chart-layout.ts';
import { metricRows, type MetricKind, type ProposedValues } from './chart-rows.ts';
import { downsamplePoints } from './downsample.ts';
import { MetricChart } from './MetricChart.tsx';
import { chartPalette, type ChartPalette } from './palette.ts';

const METRICS: readonly MetricKind[] = ['cpu', 'memory', 'throttling'];
const CHART_HEIGHT = 190;

interface Props {
  charts: WorkloadCharts;
  /** The width the charts share, in CSS pixels (measured by the caller). */
  width: number;
  theme: Theme;
}

/**
 * Per container, its CPU, memory and throttling charts, from the data handed in (the detail screen fetches it;
 * the benchmark page generates it). Ends the chart measure once they are painted.
 */
export function ContainerCharts({ charts, width, theme }: Props) {
  const layout = chartLayout(width);
  const palette = chartPalette(theme);

  useEffect(() => {
    if (width <= 0) return;
    return afterPaint(() => measureSince(CHART_MEASURE, CHART_DATA));
    // Measured once per data set: a resize or theme change is not new data.
  }, [charts, width > 0]);

  if (width <= 0) return null;
  return (
    <div className="container-charts">
      {charts.containers.map((container) => (
        <ContainerChartGroup key={container.container} chart={container} from={charts.from} to={charts.to} columns={layout.columns} chartWidth={layout.chartWidth} maxPoints={layout.maxPoints} palette={palette} />
      ))}
    </div>
  );
}

interface GroupProps {
  chart: ContainerChart;
  from: number;
  to: number;
  columns: number;
  chartWidth: number;
  maxPoints: number;
  palette: ChartPalette;
  /** Proposed values to draw over the CPU and memory charts (a recommendation's). */
  proposed?: Partial<Record<MetricKind, ProposedValues>>;
}

/** One container's CPU, memory and throttling charts side by side (the Recommendations view shows one alone). */
export function ContainerChartGroup({ chart, from, to, columns, chartWidth, maxPoints, palette, proposed }: GroupProps) {
  const points = useMemo(() => downsamplePoints(chart.points, maxPoints), [chart.points, maxPoints]);
  const rows = useMemo(() => Object.fromEntries(METRICS.map((metric) => [metric, metricRows(chart, points, metric)])) as Record<MetricKind, ReturnType<typeof metricRows>>, [chart, points]);
  return (
    <section className="container-charts__group" aria-label={`Container ${chart.container}`}>
      <h3 className="container-charts__title">
        <span className="mono">{chart.container}</span>
        <span className="muted">
          {chart.pods} {chart.pods === 1 ? 'pod' : 'pods'} · {chart.resolution === 'hour' ? 'hourly' : 'per-minute'} buckets
        </span>
      </h3>
      {/* With proposed values the legends run to more lines: the captions share a row so the plots line up. */}
      <div className={`container-charts__grid container-charts__grid--${columns}${proposed ? ' container-charts__grid--aligned' : ''}`}>
        {METRICS.map((metric) => (
          <MetricChart
            key={metric}
            metric={metric}
            container={chart.container}
            rows={rows[metric]}
            from={from}
            to={to}
            width={chartWidth}
            height={CHART_HEIGHT}
            palette={palette}
            syncId={`container-${chart.container}`}
            proposed={proposed?.[metric]}
          />
        ))}
      </div>
    </section>
  );
}
