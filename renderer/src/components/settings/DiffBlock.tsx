import { useMemo } from 'react';
import { diffLines } from '../../apply/diff-lines.ts';

/** A dry run's diff, coloured like the apply dialog's. */
export function DiffBlock({ diff, label, testId }: { diff: string; label: string; testId?: string }) {
  const lines = useMemo(() => diffLines(diff), [diff]);
  if (lines.length === 0) return null;
  return (
    <pre className="apply-diff" aria-label={label} data-testid={testId}>
      {lines.map((line, i) => (
        <span key={i} className={`diff-line diff-line--${line.kind}`}>
          {line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
