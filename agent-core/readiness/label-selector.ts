import { isRecord } from '../inventory/kube-object.ts';

export type LabelMatcher = (labels: Record<string, string>) => boolean;

const NOTHING: LabelMatcher = () => false;
const EVERYTHING: LabelMatcher = () => true;

interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: Set<string>;
}

function requirement(expression: unknown): Requirement | undefined {
  if (!isRecord(expression) || typeof expression.key !== 'string') return undefined;
  const values = Array.isArray(expression.values) ? expression.values.filter((v): v is string => typeof v === 'string') : [];
  switch (expression.operator) {
    case 'In':
    case 'NotIn':
      // The API server rejects In and NotIn without values, Exists and DoesNotExist with them.
      return values.length > 0 ? { key: expression.key, operator: expression.operator, values: new Set(values) } : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return values.length === 0 ? { key: expression.key, operator: expression.operator, values: new Set() } : undefined;
    default:
      return undefined;
  }
}

function satisfies(labels: Record<string, string>, r: Requirement): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.has(labels[r.key]!);
    case 'NotIn':
      return !has || !r.values.has(labels[r.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/**
 * A metav1.LabelSelector as Kubernetes evaluates it: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist)
 * all have to hold. A missing selector matches nothing; an empty one matches everything unless `emptyMatchesNothing`
 * (policy/v1beta1 PodDisruptionBudgets); an invalid one matches nothing, as the controllers that use it skip it.
 */
export function compileLabelSelector(selector: unknown, options: { emptyMatchesNothing?: boolean } = {}): LabelMatcher {
  if (!isRecord(selector)) return NOTHING;
  const requirements: Requirement[] = [];
  if (selector.matchLabels !== undefined) {
    if (!isRecord(selector.matchLabels)) return NOTHING;
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      if (typeof value !== 'string') return NOTHING;
      requirements.push({ key, operator: 'In', values: new Set([value]) });
    }
  }
  if (selector.matchExpressions !== undefined) {
    if (!Array.isArray(selector.matchExpressions)) return NOTHING;
    for (const expression of selector.matchExpressions) {
      const parsed = requirement(expression);
      if (!parsed) return NOTHING;
      requirements.push(parsed);
    }
  }
  if (requirements.length === 0) return options.emptyMatchesNothing ? NOTHING : EVERYTHING;
  return (labels) => requirements.every((r) => satisfies(labels, r));
}
