import type { ResourceTotals } from '../../../../agent-core/contract/app-contract.ts';
import { formatPercent } from '../../format/units.ts';

interface Props {
  label: string;
  totals: ResourceTotals;
  format: (value: number | null) => string;
}

const share = (value: number | null, of: number) => (value === null || of <= 0 ? null : (value / of) * 100);
const clampPct = (pct: number) => `${Math.min(100, Math.max(0, pct))}%`;

/**
 * Usage, requests and limits against what the nodes can give (allocatable): the bar is allocatable, the fill
 * is usage, and two ticks mark requests and limits. Limits above allocatable (overcommit) pin to the end.
 */
export function ResourceMeter({ label, totals, format }: Props) {
  const usagePct = share(totals.usage, totals.allocatable);
  const requestsPct = share(totals.requests, totals.allocatable);
  const limitsPct = share(totals.limits, totals.allocatable);
  return (
    <div className="meter" data-testid={`meter-${label.toLowerCase()}`}>
      <div className="meter__head">
        <span className="meter__label">{label}</span>
        <span className="meter__value">
          {totals.usage === null ? (
            <span className="muted">{format(totals.allocatable)} allocatable</span>
          ) : (
            <>
              {format(totals.usage)} <span className="muted">of {format(totals.allocatable)} allocatable</span>
            </>
          )}
        </span>
      </div>
      <div
        className="meter__track"
        role="meter"
        aria-label={`${label} usage`}
        aria-valuemin={0}
        aria-valuemax={totals.allocatable}
        aria-valuenow={totals.usage ?? undefined}
        aria-valuetext={`${format(totals.usage)} of ${format(totals.allocatable)}`}
      >
        {usagePct !== null && <div className="meter__fill" style={{ width: clampPct(usagePct) }} />}
        {requestsPct !== null && <div className="meter__tick meter__tick--requests" style={{ left: clampPct(requestsPct) }} title={`Requests ${format(totals.requests)}`} />}
        {limitsPct !== null && <div className="meter__tick meter__tick--limits" style={{ left: clampPct(limitsPct) }} title={`Limits ${format(totals.limits)}`} />}
      </div>
      <dl className="meter__legend">
        <LegendItem kind="usage" name="Usage" value={totals.usage === null ? 'no data yet' : format(totals.usage)} pct={usagePct} />
        <LegendItem kind="requests" name="Requests" value={format(totals.requests)} pct={requestsPct} />
        <LegendItem kind="limits" name="Limits" value={format(totals.limits)} pct={limitsPct} />
        <LegendItem kind="capacity" name="Capacity" value={format(totals.capacity)} pct={null} />
      </dl>
    </div>
  );
}

function LegendItem({ kind, name, value, pct }: { kind: string; name: string; value: string; pct: number | null }) {
  return (
    <div className="meter__legend-item">
      <dt>
        <span className={`swatch swatch--${kind}`} aria-hidden="true" />
        {name}
      </dt>
      <dd>
        {value}
        {pct !== null && <span className={`muted${pct > 100 ? ' over' : ''}`}> {formatPercent(pct)}</span>}
      </dd>
    </div>
  );
}
