import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from './line-diff.ts';

describe('line diff', () => {
  it('finds the changed lines and keeps the common ones', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
    ]);
    expect(diffLines([], ['a'])).toEqual([{ op: '+', text: 'a' }]);
    expect(diffLines(['a'], [])).toEqual([{ op: '-', text: 'a' }]);
  });

  it('shows only changed lines with three lines of context, in hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const after = [...before];
    after[1] = 'changed 2';
    after[15] = 'changed 16';
    after.splice(17, 1); // line 18 removed
    expect(unifiedDiff(before.join('\n'), after.join('\n'))).toBe(
      [
        '@@ -1,5 +1,5 @@',
        ' line 1',
        '-line 2',
        '+changed 2',
        ' line 3',
        ' line 4',
        ' line 5',
        '@@ -13,8 +13,7 @@',
        ' line 13',
        ' line 14',
        ' line 15',
        '-line 16',
        '+changed 16',
        ' line 17',
        '-line 18',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });
});
