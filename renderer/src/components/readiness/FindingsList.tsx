import type { ReadinessRow } from '../../../../agent-core/contract/app-contract.ts';
import { groupBySeverity, mergeFindings } from '../../readiness/filter-readiness.ts';
import { ReadinessSeverityBadge } from '../common/SeverityBadge.tsx';

interface Props {
  findings: ReadinessRow['findings'];
  unknown: ReadinessRow['unknown'];
  /** Leave out the fix and detail (the workload page's summary). */
  compact?: boolean;
}

/**
 * Failed checks grouped by severity, danger first, each check once with the containers it failed in; then the
 * checks that could not be decided, muted, with why.
 */
export function FindingsList({ findings, unknown, compact = false }: Props) {
  return (
    <div className={`findings${compact ? ' findings--compact' : ''}`}>
      {groupBySeverity(findings).map((group) => (
        <div key={group.severity} className={`findings__group findings__group--${group.severity}`}>
          <h4 className="findings__heading">
            <ReadinessSeverityBadge severity={group.severity} /> <span className="muted">{group.findings.length}</span>
          </h4>
          <ul className="plain-list findings__list">
            {mergeFindings(group.findings).map((finding) => (
              <li
                key={`${finding.id}/${finding.message}/${finding.detail ?? ''}`}
                className="finding"
                data-testid="finding"
                data-id={finding.id}
                data-severity={finding.severity}
                data-category={finding.category}
                data-containers={finding.containers.join(' ')}
                title={finding.id}
              >
                <span className="finding__category">{finding.category}</span>
                <div className="finding__body">
                  <div className="finding__message">
                    {finding.containers.map((container) => (
                      <span key={container} className="chip finding__container mono" title={`Container ${container}`}>
                        {container}
                      </span>
                    ))}{' '}
                    {finding.message}
                  </div>
                  {!compact && (
                    <>
                      <div className="finding__fix">
                        <span className="finding__label">Fix</span> {finding.fix}
                      </div>
                      {finding.detail && <div className="finding__detail">{finding.detail}</div>}
                    </>
                  )}
                </div>
                {!compact && <span className="finding__id mono">{finding.id}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {unknown.length > 0 && (
        <div className="findings__group findings__group--unknown">
          <h4 className="findings__heading muted">Could not be decided ({unknown.length})</h4>
          <ul className="plain-list findings__list">
            {unknown.map((check, i) => (
              <li key={`${check.id}/${check.container ?? ''}/${i}`} className="finding finding--unknown" data-testid="finding-unknown" data-id={check.id}>
                <span className="finding__category">unknown</span>
                <div className="finding__body">
                  {check.container && <span className="chip finding__container mono">{check.container}</span>} <span className="mono">{check.id}</span>: {check.reason}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
