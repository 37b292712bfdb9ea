import { CHANGE_LABEL, formatValue, valueChange, type ResourceField } from '../../recommendations/recommendation-values.ts';

const MARK = { same: '', raised: '▲', lowered: '▼', removed: '✕', added: '+' } as const;

interface Props {
  field: ResourceField;
  resource: 'cpu' | 'memory';
  current: number | null;
  proposed: number | null;
}

/** "500m → 1.2 cores ▲": the proposed value coloured by which way it moves (raised, lowered, removed, set). */
export function ValueChange({ field, resource, current, proposed }: Props) {
  const change = valueChange(current, proposed);
  const from = formatValue(resource, current);
  const to = formatValue(resource, proposed);
  if (change === 'same') {
    return (
      <span className="value-change value-change--same" data-field={field} data-change={change} title="Unchanged">
        <span className="value-change__to">{to}</span>
      </span>
    );
  }
  return (
    <span className={`value-change value-change--${change}`} data-field={field} data-change={change} title={`${CHANGE_LABEL[change]}: ${from} → ${to}`}>
      <span className="value-change__from">{from}</span>
      <span className="value-change__arrow" aria-hidden="true">
        →
      </span>
      <span className="value-change__to">{to}</span>
      <span className="value-change__mark" aria-hidden="true">
        {MARK[change]}
      </span>
      <span className="visually-hidden"> ({CHANGE_LABEL[change]})</span>
    </span>
  );
}
