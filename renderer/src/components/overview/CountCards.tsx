import type { Overview } from '../../../../agent-core/contract/app-contract.ts';
import { formatCount } from '../../format/units.ts';

const CARDS: { key: keyof Overview['counts']; label: string }[] = [
  { key: 'nodes', label: 'Nodes' },
  { key: 'namespaces', label: 'Namespaces' },
  { key: 'workloads', label: 'Workloads' },
  { key: 'pods', label: 'Pods' },
  { key: 'containers', label: 'Containers' },
];

export function CountCards({ counts }: { counts: Overview['counts'] }) {
  return (
    <div className="count-cards">
      {CARDS.map((card) => (
        <div key={card.key} className="count-card" data-testid={`count-${card.key}`}>
          <div className="count-card__value">{formatCount(counts[card.key])}</div>
          <div className="count-card__label">{card.label}</div>
        </div>
      ))}
    </div>
  );
}
