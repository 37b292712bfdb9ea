import { useMemo } from 'react';
import { diffLines } from '../../apply/diff-lines.ts';

/** A dry run's diff, line by line: removed, added, hunk headers and context each coloured. */
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
