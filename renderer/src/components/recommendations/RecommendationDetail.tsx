import { useEffect, useRef } from 'react';
import type { RecommendationRow } from '../../../../agent-core/contract/app-contract.ts';
import { savingsSentence } from '../../format/savings.ts';
import { formatAgo } from '../../format/time.ts';
import { CHANGE_LABEL, formatValue, RESOURCE_FIELDS, SIGNALS, valueChange } from '../../recommendations/recommendation-values.ts';
import { Badge } from '../common/Badge.tsx';
import { RecommendationSeverityBadge } from '../common/SeverityBadge.tsx';
import { useNow } from '../common/use-now.ts';
import { useApply } from '../../state/apply-store.ts';
import { RecommendationChart } from './RecommendationChart.tsx';
import { RecommendationEvidence } from './RecommendationEvidence.tsx';
import { CONFIDENCE_TONE } from './RecommendationsTable.tsx';

interface Props {
  row: RecommendationRow;
  /** The filters hide its row in the table. */
  hidden: boolean;
  onOpenWorkload: (uid: string) => void;
  onClose: () => void;
}

/** One recommendation in full: each value with its reason, the effect, the signals, the evidence and the chart. */
export function RecommendationDetail({ row, hidden, onOpenWorkload, onClose }: Props) {
  const now = useNow(5000);
  const startPreview = useApply((s) => s.startPreview);
  const ref = useRef<HTMLElement>(null);

  // Picked in the table (or reached from a link): scroll down to it unless its top is already in view.
  useEffect(() => {
    const element = ref.current;
    if (element && element.getBoundingClientRect().top > window.innerHeight - 160) element.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, []);

  return (
    <section
      ref={ref}
      className="panel recommendation-detail"
      data-testid="recommendation-detail"
      data-workload={row.workload.name}
      data-container={row.container}
      data-severity={row.severity}
      aria-label={`Recommendation for ${row.workload.namespace}/${row.workload.name}, container ${row.container}`}
    >
      <header className="panel__header recommendation-detail__header">
        <div className="recommendation-detail__title">
          <RecommendationSeverityBadge severity={row.severity} />
          <h2 className="panel__title">
            <span className="muted">{row.workload.namespace} / </span>
            {row.workload.name}
            <span className="muted"> · container </span>
            <span className="mono">{row.container}</span>
          </h2>
          <Badge tone={CONFIDENCE_TONE[row.confidence]} title={`From ${row.evidence.coverage.minutes} pod-minutes over ${row.evidence.coverage.days} d`}>
            {row.confidence} confidence
          </Badge>
          {hidden && <span className="muted">(hidden from the table by the filters)</span>}
        </div>
        <div className="panel__actions">
          <button type="button" className="link-button" data-testid="recommendation-open-workload" onClick={() => onOpenWorkload(row.workload.uid)}>
            Open {row.workload.kind} {row.workload.name} →
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="apply-open"
            title="See what the API server would store (a dry run), then apply it if you confirm"
            onClick={() =>
              void startPreview({
                recommendationId: row.id,
                undo: false,
                label: `${row.workload.namespace}/${row.workload.name} · ${row.container}`,
                container: { workloadUid: row.workload.uid, container: row.container },
              })
            }
          >
            Preview &amp; apply
          </button>
          <button type="button" className="icon-button" aria-label="Close the recommendation" title="Close" onClick={onClose}>
            ✕
          </button>
        </div>
      </header>
      <div className="panel__body recommendation-detail__body">
        <div className="recommendation-detail__effect">
          <p className="recommendation-detail__savings" data-testid="recommendation-effect">
            {savingsSentence(row.effect)}
          </p>
          {row.effect.risksRemoved.length > 0 && (
            <ul className="risks-removed">
              {row.effect.risksRemoved.map((risk) => (
                <li key={risk}>
                  <span className="risks-removed__mark" aria-hidden="true">
                    ✓
                  </span>{' '}
                  Removes the risk: {risk}
                </li>
              ))}
            </ul>
          )}
        </div>

        <div className="signal-chips" aria-label="Signals">
          {SIGNALS.map((signal) => {
            const on = row.signals[signal.key];
            return (
              <span key={signal.key} className={`signal-chip${on ? ' signal-chip--on' : ''}`} data-testid="signal" data-signal={signal.key} data-on={on} title={`${signal.description}${on ? '' : ' (not seen)'}`}>
                <span className="signal-chip__mark" aria-hidden="true">
                  {on ? '●' : '○'}
                </span>
                {signal.label}
                <span className="visually-hidden">{on ? ' (seen)' : ' (not seen)'}</span>
              </span>
            );
          })}
        </div>

        <div className="table-wrap">
          <table className="table recommendation-values" data-testid="recommendation-values">
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col" className="num">
                  Current
                </th>
                <th scope="col" className="num">
                  Proposed
                </th>
                <th scope="col">Change</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {RESOURCE_FIELDS.map((f) => {
                const current = row.current[f.field];
                const proposed = row.proposed[f.field];
                const change = valueChange(current, proposed);
                return (
                  <tr key={f.field} data-field={f.field} data-change={change}>
                    <th scope="row">{f.label}</th>
                    <td className={`num${current === null ? ' muted' : ''}`}>{formatValue(f.resource, current)}</td>
                    <td className={`num strong value-change--${change}`}>{formatValue(f.resource, proposed)}</td>
                    <td>
                      <span className={`change-tag change-tag--${change}`}>{CHANGE_LABEL[change]}</span>
                    </td>
                    <td className="recommendation-values__reason" data-testid="recommendation-reason">
                      {row.reasons[f.field]}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>

        <h3 className="subheading">Evidence</h3>
        <RecommendationEvidence evidence={row.evidence} />

        <RecommendationChart row={row} />

        <p className="recommendation-detail__footer muted">
          Computed {formatAgo(row.computedAt, now)} · <span className="mono">{row.id}</span>
        </p>
      </div>
    </section>
  );
}
