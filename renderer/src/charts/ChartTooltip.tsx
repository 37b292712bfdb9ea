import { formatDateTime } from '../format/time.ts';
import type { MetricRow, ProposedValues } from './chart-rows.ts';

interface Props {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  format: (value: number | null) => string;
  meanLabel: string;
  showSettings: boolean;
  proposed?: ProposedValues;
}

/** The hovered bucket: its time, the mean and max, the request and limit in force, and any OOM kill or restart. */
export function ChartTooltip({ active, payload, format, meanLabel, showSettings, proposed }: Props) {
  const row = payload?.[0]?.payload as MetricRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__time">{formatDateTime(row.t)}</div>
      <dl className="chart-tooltip__values">
        <dt>{meanLabel}</dt>
        <dd>{format(row.mean)}</dd>
        <dt>Max</dt>
        <dd>{format(row.max)}</dd>
        {showSettings && (
          <>
            <dt>Request</dt>
            <dd>{format(row.request)}</dd>
            <dt>Limit</dt>
            <dd>{format(row.limit)}</dd>
          </>
        )}
        {proposed && (
          <>
            <dt>Proposed request</dt>
            <dd>{proposed.request === null ? 'none' : format(proposed.request)}</dd>
            <dt>Proposed limit</dt>
            <dd>{proposed.limit === null ? 'none' : format(proposed.limit)}</dd>
          </>
        )}
      </dl>
      {row.events.length > 0 && (
        <ul className="chart-tooltip__events">
          {row.events.slice(0, 5).map((event, i) => (
            <li key={i} className={isOom(event.kind) ? 'event--oom' : 'event--restart'}>
              {event.kind} · {event.pod}
              {event.detail && <span className="muted"> · {event.detail}</span>}
            </li>
          ))}
          {row.events.length > 5 && <li className="muted">and {row.events.length - 5} more</li>}
        </ul>
      )}
    </div>
  );
}

export function isOom(kind: string): boolean {
  return /oom/i.test(kind);
}
