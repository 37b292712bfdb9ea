import type { ReadinessRow } from '../../../../agent-core/contract/app-contract.ts';
import { scoreRatio } from '../../readiness/filter-readiness.ts';

/** passing/total as a bar and a ratio; the bar's colour follows how much passes. */
export function ReadinessScore({ score }: { score: ReadinessRow['score'] }) {
  const ratio = scoreRatio(score);
  const tone = ratio === null ? 'none' : ratio >= 0.85 ? 'ok' : ratio >= 0.6 ? 'warn' : 'error';
  return (
    <span className="readiness-score" data-testid="readiness-score" data-passing={score.passing} data-total={score.total} title={`${score.passing} of ${score.total} checks pass`}>
      <span
        className={`readiness-score__bar readiness-score__bar--${tone}`}
        role="meter"
        aria-label="Checks passing"
        aria-valuemin={0}
        aria-valuemax={score.total}
        aria-valuenow={score.passing}
        aria-valuetext={`${score.passing} of ${score.total}`}
      >
        <span className="readiness-score__fill" style={{ width: `${Math.round((ratio ?? 0) * 100)}%` }} />
      </span>
      <span className="readiness-score__text">
        {score.passing}/{score.total}
      </span>
    </span>
  );
}
