import type { ReadinessFindingView, RecommendationRow } from '../../../../agent-core/contract/app-contract.ts';
import { Badge, type Tone } from './Badge.tsx';

type RecommendationSeverity = RecommendationRow['severity'];
type ReadinessSeverity = ReadinessFindingView['severity'];

export const RECOMMENDATION_TONE: Record<RecommendationSeverity, Tone> = { critical: 'error', warning: 'warn', info: 'info' };
export const READINESS_TONE: Record<ReadinessSeverity, Tone> = { danger: 'error', warning: 'warn', info: 'info' };

const RECOMMENDATION_MEANING: Record<RecommendationSeverity, string> = {
  critical: 'Removes a risk: OOM kills, throttling, or a container pinned at its CPU limit',
  warning: 'Worth the change: frees or adds a sizeable amount',
  info: 'A small change',
};

export function RecommendationSeverityBadge({ severity }: { severity: RecommendationSeverity }) {
  return (
    <Badge tone={RECOMMENDATION_TONE[severity]} title={RECOMMENDATION_MEANING[severity]}>
      {severity}
    </Badge>
  );
}

export function ReadinessSeverityBadge({ severity }: { severity: ReadinessSeverity }) {
  return <Badge tone={READINESS_TONE[severity]}>{severity}</Badge>;
}
