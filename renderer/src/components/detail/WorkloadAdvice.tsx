import { useMemo } from 'react';
import { READINESS_SEVERITIES } from '../../../../agent-core/contract/app-contract.ts';
import { savingsSentence } from '../../format/savings.ts';
import { countFindings, groupBySeverity } from '../../readiness/filter-readiness.ts';
import { riskScore } from '../../recommendations/filter-recommendations.ts';
import { RESOURCE_FIELDS } from '../../recommendations/recommendation-values.ts';
import { useReadinessView } from '../../state/readiness-view-store.ts';
import { useRecommendationsView } from '../../state/recommendations-view-store.ts';
import { useResource } from '../../state/resource.ts';
import { readinessResource, recommendationsResource } from '../../state/resources.ts';
import { useRoute } from '../../state/route-store.ts';
import { Badge } from '../common/Badge.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { Panel } from '../common/Panel.tsx';
import { READINESS_TONE, RecommendationSeverityBadge } from '../common/SeverityBadge.tsx';
import { Skeleton } from '../common/Skeleton.tsx';
import { FindingsList } from '../readiness/FindingsList.tsx';
import { ReadinessScore } from '../readiness/ReadinessScore.tsx';
import { ValueChange } from '../recommendations/ValueChange.tsx';

// The summary lists this many findings; the Readiness view has the rest, with fixes.
const FINDINGS_SHOWN = 5;

/** The workload's recommendations (one per container that has one) and its readiness summary, side by side. */
export function WorkloadAdvice({ uid, namespace, name }: { uid: string; namespace: string; name: string }) {
  return (
    <div className="detail-advice">
      <WorkloadRecommendations uid={uid} />
      <WorkloadReadiness uid={uid} namespace={namespace} name={name} />
    </div>
  );
}

function WorkloadRecommendations({ uid }: { uid: string }) {
  const recommendations = useResource(recommendationsResource, {});
  const navigate = useRoute((s) => s.navigate);
  const rows = useMemo(() => (recommendations.data?.rows ?? []).filter((r) => r.workload.uid === uid).sort((a, b) => riskScore(b) - riskScore(a)), [recommendations.data, uid]);
  const open = (container?: string) => {
    // Whatever the view was filtered to, the workload's recommendations must show.
    useRecommendationsView.getState().clearFilters();
    navigate(container ? { screen: 'recommendations', selected: { uid, container } } : { screen: 'recommendations' });
  };
  return (
    <Panel
      title={`Recommendations${recommendations.data ? ` (${rows.length})` : ''}`}
      testId="workload-recommendations"
      actions={
        <button type="button" className="link-button" onClick={() => open()}>
          All recommendations →
        </button>
      }
    >
      {recommendations.data === null ? (
        recommendations.error ? (
          <ErrorMessage error={recommendations.error} title="Could not load the recommendations" onRetry={recommendationsResource.refresh} />
        ) : (
          <Skeleton lines={3} label="Loading the recommendations…" />
        )
      ) : rows.length === 0 ? (
        <p className="muted panel__lead">None: its containers' requests and limits fit what they use, or the agent has not collected enough minutes yet.</p>
      ) : (
        <ul className="plain-list workload-recommendations">
          {rows.map((row) => (
            <li key={row.container} className="workload-recommendation" data-testid="workload-recommendation" data-container={row.container} data-severity={row.severity}>
              <div className="workload-recommendation__head">
                <RecommendationSeverityBadge severity={row.severity} />
                <span className="mono strong">{row.container}</span>
                <span className="muted workload-recommendation__effect">{savingsSentence(row.effect)}</span>
                <button type="button" className="link-button workload-recommendation__open" data-testid="open-recommendation" onClick={() => open(row.container)}>
                  Why, evidence and chart →
                </button>
              </div>
              <dl className="workload-recommendation__values">
                {RESOURCE_FIELDS.map((f) => (
                  <div key={f.field}>
                    <dt>{f.short}</dt>
                    <dd>
                      <ValueChange field={f.field} resource={f.resource} current={row.current[f.field]} proposed={row.proposed[f.field]} />
                    </dd>
                  </div>
                ))}
              </dl>
              {row.effect.risksRemoved.length > 0 && <div className="workload-recommendation__risks">Removes: {row.effect.risksRemoved.join('; ')}</div>}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function WorkloadReadiness({ uid, namespace, name }: { uid: string; namespace: string; name: string }) {
  const readiness = useResource(readinessResource, {});
  const navigate = useRoute((s) => s.navigate);
  const row = readiness.data?.rows.find((r) => r.workload.uid === uid);
  const counts = row ? countFindings(row.findings) : null;
  const ordered = useMemo(() => (row ? groupBySeverity(row.findings).flatMap((group) => group.findings) : []), [row]);
  const open = () => {
    useReadinessView.getState().set({ query: `${namespace}/${name}`, severity: null, category: null, namespace: null });
    navigate({ screen: 'readiness' });
  };
  return (
    <Panel
      title="Readiness"
      testId="workload-readiness"
      actions={
        <button type="button" className="link-button" onClick={open}>
          Fixes in Readiness →
        </button>
      }
    >
      {readiness.data === null ? (
        readiness.error ? (
          <ErrorMessage error={readiness.error} title="Could not run the readiness checks" onRetry={readinessResource.refresh} />
        ) : (
          <Skeleton lines={3} label="Running the readiness checks…" />
        )
      ) : !row || !counts ? (
        <p className="muted panel__lead">No readiness checks for this workload.</p>
      ) : (
        <>
          <div className="workload-readiness__summary">
            <ReadinessScore score={row.score} />
            <span className="readiness-row__counts">
              {READINESS_SEVERITIES.map((s) => (
                <Badge key={s} tone={counts[s] > 0 ? READINESS_TONE[s] : 'neutral'}>
                  {counts[s]} {s}
                </Badge>
              ))}
            </span>
          </div>
          {row.findings.length === 0 && row.unknown.length === 0 ? (
            <p className="readiness-row__clean">Every check passes.</p>
          ) : (
            <>
              <FindingsList findings={ordered.slice(0, FINDINGS_SHOWN)} unknown={row.findings.length > FINDINGS_SHOWN ? [] : row.unknown} compact />
              {row.findings.length > FINDINGS_SHOWN && (
                <button type="button" className="link-button" onClick={open}>
                  and {row.findings.length - FINDINGS_SHOWN} more…
                </button>
              )}
            </>
          )}
        </>
      )}
    </Panel>
  );
}
