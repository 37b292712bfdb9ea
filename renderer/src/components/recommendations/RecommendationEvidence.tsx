import type { RecommendationRow } from '../../../../agent-core/contract/app-contract.ts';
import { formatDateTime } from '../../format/time.ts';
import { formatBytes, formatCores, formatCount, formatRatio } from '../../format/units.ts';

type Evidence = RecommendationRow['evidence'];

const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'max'] as const;

/** What the proposal learned from: coverage, usage percentiles, throttling and OOM kills. Missing values read "—". */
export function RecommendationEvidence({ evidence }: { evidence: Evidence }) {
  const { coverage, throttling, ooms } = evidence;
  return (
    <div className="evidence" data-testid="recommendation-evidence">
      <dl className="facts facts--grid evidence__facts">
        <div className="facts__item" data-testid="evidence-coverage">
          <dt>Coverage</dt>
          <dd>
            {formatCount(coverage.minutes)} pod-minutes over {formatCount(coverage.days)} {coverage.days === 1 ? 'day' : 'days'}
            <div className="muted evidence__range">
              {formatDateTime(coverage.from)} – {formatDateTime(coverage.to)}
            </div>
          </dd>
        </div>
        <div className="facts__item" data-testid="evidence-ooms">
          <dt>OOM kills</dt>
          <dd className={ooms.count > 0 ? 'cell--error' : undefined}>
            {formatCount(ooms.count)}
            <div className="muted evidence__range">last {formatDateTime(ooms.last)}</div>
          </dd>
        </div>
        <div className="facts__item evidence__throttling" data-testid="evidence-throttling">
          <dt>CPU throttling</dt>
          <dd>
            {throttling === null ? (
              <span className="muted">no CPU limit: never throttled</span>
            ) : (
              <dl className="evidence__shares">
                <dt title="Share of minutes with at least 25 % of CFS periods throttled">throttled ≥ 25 %</dt>
                <dd className={(throttling.throttledShare ?? 0) >= 0.1 ? 'cell--warn' : undefined}>{formatRatio(throttling.throttledShare)}</dd>
                <dt title="Share of minutes with at least 50 % of CFS periods throttled">heavily ≥ 50 %</dt>
                <dd>{formatRatio(throttling.heavyShare)}</dd>
                <dt title="Share of minutes with at least 90 % of CFS periods throttled">saturated ≥ 90 %</dt>
                <dd>{formatRatio(throttling.saturatedShare)}</dd>
                <dt title="Mean share of CFS periods throttled">mean</dt>
                <dd>{formatRatio(throttling.meanRatio)}</dd>
                <dt title="Minutes with a CPU limit in force">of minutes</dt>
                <dd>{formatCount(throttling.minutes)}</dd>
              </dl>
            )}
          </dd>
        </div>
      </dl>
      <div className="table-wrap">
        <table className="table table--compact evidence__table" data-testid="evidence-percentiles">
          <thead>
            <tr>
              <th scope="col">Usage</th>
              {PERCENTILES.map((p) => (
                <th key={p} scope="col" className="num">
                  {p === 'max' ? 'max (peak)' : p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr data-resource="cpu">
              <th scope="row">CPU</th>
              {PERCENTILES.map((p) => (
                <td key={p} className="num">
                  {formatCores(evidence.cpu[p])}
                </td>
              ))}
            </tr>
            <tr data-resource="memory">
              <th scope="row">Memory working set</th>
              {PERCENTILES.map((p) => (
                <td key={p} className="num">
                  {formatBytes(evidence.memory[p])}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
