/** One line of an apply preview's diff, classified for colouring: removed, added, a hunk header, or context. */
export type DiffLineKind = 'remove' | 'add' | 'hunk' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export function classifyDiffLine(line: string): DiffLineKind {
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'remove';
  return 'context';
}

/** The diff as lines (a trailing newline gives no empty last line). */
export function diffLines(diff: string): DiffLine[] {
  const lines = diff.replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((text) => ({ kind: classifyDiffLine(text), text }));
}

export function diffCounts(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'add') added++;
    else if (line.kind === 'remove') removed++;
  }
  return { added, removed };
}
