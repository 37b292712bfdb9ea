/** One line of a diff: ' ' unchanged, '-' only in the old text, '+' only in the new. */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/**
 * Line diff by longest common subsequence (O(n·m): specs are a few hundred lines). Removals come before additions
 * at each change, as in a unified diff.
 */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the LCS of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ op: ' ', text: before[i]! });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ op: '-', text: before[i++]! });
    } else {
      out.push({ op: '+', text: after[j++]! });
    }
  }
  return out;
}

/**
 * The changed lines with `context` unchanged lines around them, in hunks headed "@@ -a,b +c,d @@" as a unified diff
 * is; '' when nothing changed.
 */
export function unifiedDiff(beforeText: string, afterText: string, context = 3): string {
  const split = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const lines = diffLines(split(beforeText), split(afterText));
  const changed = lines.map((l, k) => (l.op === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  // Group changes whose context windows touch into one hunk.
  const hunks: [number, number][] = [];
  for (const k of changed) {
    const start = Math.max(0, k - context);
    const end = Math.min(lines.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  // Line numbers (1-based) in each text where every diff line sits.
  const oldNo: number[] = [];
  const newNo: number[] = [];
  let a = 1;
  let b = 1;
  for (const l of lines) {
    oldNo.push(a);
    newNo.push(b);
    if (l.op !== '+') a++;
    if (l.op !== '-') b++;
  }
  const out: string[] = [];
  for (const [start, end] of hunks) {
    const slice = lines.slice(start, end + 1);
    const oldCount = slice.filter((l) => l.op !== '+').length;
    const newCount = slice.filter((l) => l.op !== '-').length;
    out.push(`@@ -${oldNo[start]},${oldCount} +${newNo[start]},${newCount} @@`);
    for (const l of slice) out.push(`${l.op}${l.text}`);
  }
  return `${out.join('\n')}\n`;
}
