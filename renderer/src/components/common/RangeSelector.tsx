import { CHART_RANGES, type ChartRange } from '../../../../agent-core/contract/app-contract.ts';

const LABEL: Record<ChartRange, string> = { '1h': 'Last hour', '6h': 'Last 6 hours', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };

export function RangeSelector({ range, onChange }: { range: ChartRange; onChange: (range: ChartRange) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Time range">
      {CHART_RANGES.map((r) => (
        <button key={r} type="button" className="segmented__item" data-testid={`range-${r}`} aria-pressed={r === range} title={LABEL[r]} onClick={() => onChange(r)}>
          {r}
        </button>
      ))}
    </div>
  );
}
