import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime } from '../format/time.ts';
import { formatBytes, formatCores, formatPercent } from '../format/units.ts';
import { ChartTooltip, isOom } from './ChartTooltip.tsx';
import { coveredMs, type MetricKind, type MetricRow, type ProposedValues } from './chart-rows.ts';
import type { ChartPalette } from './palette.ts';
import { timeAxis } from './time-axis.ts';
import { valueTicks } from './value-ticks.ts';

interface Props {
  metric: MetricKind;
  container: string;
  rows: readonly MetricRow[];
  from: number;
  to: number;
  width: number;
  height: number;
  palette: ChartPalette;
  /** Shared by a container's charts so hovering one shows the same minute in all three. */
  syncId?: string;
  /** A recommendation's proposed request and limit (null: none), drawn as lines across the chart. */
  proposed?: ProposedValues;
}

const META: Record<MetricKind, { title: string; meanLabel: string; format: (v: number | null) => string }> = {
  cpu: { title: 'CPU usage', meanLabel: 'Mean', format: formatCores },
  memory: { title: 'Memory working set', meanLabel: 'Mean', format: formatBytes },
  throttling: { title: 'CPU throttling', meanLabel: 'Mean', format: formatPercent },
};

const Y_AXIS_WIDTH = 58;
// Long dashes with dots: told apart from the current request (5 3) and limit (2 3) even without colour.
const PROPOSED_REQUEST_DASH = '10 3 2 3';
const PROPOSED_LIMIT_DASH = '10 3 2 3 2 3';


export function MetricChart({ metric, container, rows, from, to, width, height, palette, syncId, proposed: proposedIn }: Props) {
  const meta = META[metric];
  const color = palette[metric];
  const showSettings = metric !== 'throttling';
  const proposed = showSettings ? proposedIn : undefined;
  const plotWidth = width - Y_AXIS_WIDTH - 10;
  const { ticks: xTicks, format: xFormat } = useMemo(() => timeAxis(from, to, plotWidth), [from, to, plotWidth]);
  const { yTicks, hasSamples, hasRequest, hasLimit } = useMemo(() => {
    let top = Math.max(proposed?.request ?? 0, proposed?.limit ?? 0);
    let samples = false;
    let request = false;
    let limit = false;
    for (const row of rows) {
      top = Math.max(top, row.max ?? 0, row.request ?? 0, row.limit ?? 0);
      samples ||= row.mean !== null;
      request ||= row.request !== null;
      limit ||= row.limit !== null;
    }
    return { yTicks: valueTicks(top, metric), hasSamples: samples, hasRequest: request, hasLimit: limit };
  }, [rows, metric, proposed?.request, proposed?.limit]);
  const eventRows = useMemo(() => rows.filter((row) => row.events.length > 0), [rows]);
  const lone = useMemo(() => loneSamples(rows), [rows]);

  return (
    <figure
      className="chart"
      data-testid="chart"
      data-metric={metric}
      data-container={container}
      data-points={rows.length}
      data-covered-ms={coveredMs(rows)}
      data-proposed-request={proposed ? String(proposed.request ?? 'none') : undefined}
      data-proposed-limit={proposed ? String(proposed.limit ?? 'none') : undefined}
    >
      <figcaption className="chart__caption">
        <span className="chart__title">{meta.title}</span>
        <span className="chart__legend">
          <LegendKey color={color} label="mean" />
          <LegendKey color={color} label="max" faint />
          {showSettings && hasRequest && <LegendKey color={palette.request} label="request" dashed />}
          {showSettings && hasLimit && <LegendKey color={palette.limit} label="limit" dashed />}
          {proposed && (proposed.request === null ? <span className="legend-key legend-key--none">proposed request: none</span> : <LegendKey color={palette.proposedRequest} label="proposed request" dash={PROPOSED_REQUEST_DASH} />)}
          {proposed && (proposed.limit === null ? <span className="legend-key legend-key--none">proposed limit: none</span> : <LegendKey color={palette.proposedLimit} label="proposed limit" dash={PROPOSED_LIMIT_DASH} />)}
        </span>
      </figcaption>
      <div className="chart__plot">
        <ComposedChart width={width} height={height} data={rows as MetricRow[]} margin={{ top: 6, right: 10, bottom: 0, left: 0 }} syncId={syncId} syncMethod="value">
          <CartesianGrid stroke={palette.grid} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={[from, to]}
            ticks={xTicks}
            tickFormatter={xFormat}
            allowDataOverflow
            stroke={palette.axis}
            tick={{ fontSize: 11, fill: palette.axis }}
            tickLine={false}
            minTickGap={8}
          />
          <YAxis
            width={Y_AXIS_WIDTH}
            domain={[0, yTicks[yTicks.length - 1] ?? 'auto']}
            ticks={yTicks}
            tickFormatter={(v: number) => meta.format(v)}
            stroke={palette.axis}
            tick={{ fontSize: 11, fill: palette.axis }}
            tickLine={false}
            axisLine={false}
            allowDataOverflow
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: palette.cursor }}
            content={(props) => <ChartTooltip active={props.active} payload={props.payload} format={meta.format} meanLabel={meta.meanLabel} showSettings={showSettings} proposed={proposed} />}
          />
          <Area dataKey="max" type="linear" stroke={color} strokeOpacity={0.35} strokeWidth={1} fill={color} fillOpacity={0.12} isAnimationActive={false} dot={false} activeDot={false} />
          <Line dataKey="mean" type="linear" stroke={color} strokeWidth={1.6} isAnimationActive={false} dot={lone.size === 0 ? false : (props: { index?: number; cx?: number; cy?: number }) => <LoneDot key={`dot-${props.index}`} {...props} lone={lone} color={color} />} />
          {showSettings && hasRequest && <Line dataKey="request" type="stepAfter" stroke={palette.request} strokeWidth={1.4} strokeDasharray="5 3" isAnimationActive={false} dot={false} activeDot={false} />}
          {showSettings && hasLimit && <Line dataKey="limit" type="stepAfter" stroke={palette.limit} strokeWidth={1.4} strokeDasharray="2 3" isAnimationActive={false} dot={false} activeDot={false} />}
          {proposed && proposed.request !== null && (
            <ReferenceLine y={proposed.request} stroke={palette.proposedRequest} strokeWidth={1.8} strokeDasharray={PROPOSED_REQUEST_DASH} ifOverflow="extendDomain" className="proposed-line proposed-line--request" />
          )}
          {proposed && proposed.limit !== null && (
            <ReferenceLine y={proposed.limit} stroke={palette.proposedLimit} strokeWidth={1.8} strokeDasharray={PROPOSED_LIMIT_DASH} ifOverflow="extendDomain" className="proposed-line proposed-line--limit" />
          )}
          {eventRows.map((row) => {
            const oom = row.events.some((e) => isOom(e.kind));
            const x = row.events[0]!.time;
            const text = row.events.map((e) => `${e.kind} at ${formatDateTime(e.time)} (${e.pod})${e.detail ? `: ${e.detail}` : ''}`).join('\n');
            return (
              <ReferenceLine
                key={row.t}
                x={x}
                ifOverflow="discard"
                stroke={oom ? palette.oom : palette.restart}
                shape={(line: { x1?: number; y1?: number; x2?: number; y2?: number; stroke?: string }) => <EventMark {...line} title={text} kind={oom ? 'oom' : 'restart'} />}
              />
            );
          })}
        </ComposedChart>
        {!hasSamples && <div className="chart__empty">No samples in this range yet</div>}
      </div>
    </figure>
  );
}

function LegendKey({ color, label, dashed = false, faint = false, dash }: { color: string; label: string; dashed?: boolean; faint?: boolean; dash?: string }) {
  const wide = dash !== undefined;
  return (
    <span className="legend-key">
      <svg width={wide ? 24 : 16} height="8" aria-hidden="true">
        {faint ? (
          <rect x="0" y="1" width="16" height="6" fill={color} fillOpacity={0.2} />
        ) : (
          <line x1="0" y1="4" x2={wide ? 24 : 16} y2="4" stroke={color} strokeWidth="2" strokeDasharray={dash ?? (dashed ? '4 2' : undefined)} />
        )}
      </svg>
      {label}
    </span>
  );
}

interface EventMarkProps {
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
  stroke?: string;
  title: string;
  kind: 'oom' | 'restart';
}

/** A vertical mark for OOM kills and restarts, with a wider invisible line so the tooltip is easy to hover. */
function EventMark({ x1, y1, x2, y2, stroke, title, kind }: EventMarkProps) {
  if (x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined) return <g />;
  return (
    <g className={`event-mark event-mark--${kind}`} data-testid="chart-event" data-kind={kind}>
      <title>{title}</title>
      <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={stroke} strokeWidth={1.5} strokeDasharray="3 2" />
      <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="transparent" strokeWidth={9} />
      <circle cx={x1} cy={Math.min(y1, y2) + 3} r={3} fill={stroke} />
    </g>
  );
}

/** Samples with no sample on either side: a line needs two neighbouring points, so these get a dot instead. */
function loneSamples(rows: readonly MetricRow[]): ReadonlySet<number> {
  const lone = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.mean !== null && (rows[i - 1]?.mean ?? null) === null && (rows[i + 1]?.mean ?? null) === null) lone.add(i);
  }
  return lone;
}

function LoneDot({ index, cx, cy, lone, color }: { index?: number; cx?: number; cy?: number; lone: ReadonlySet<number>; color: string }) {
  if (index === undefined || cx === undefined || cy === undefined || !lone.has(index)) return <g />;
  return <circle cx={cx} cy={cy} r={2.5} fill={color} />;
}
