// A kubelet's cAdvisor answer is 0.5–2 MB of some sixty families, of which we read six. The parser reads text
// character by character (about 50 ms for 2 MB), so this keeps only the wanted families' sample lines and their
// `# HELP`/`# TYPE` lines before parsing. It looks at the start of each line only — by native indexOf, a couple
// of charCodeAt probes and startsWith, allocating nothing per dropped line — never inside samples: the parser
// reads those.

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const OPEN_BRACE = 123;
const METADATA_PREFIXES = ['# HELP ', '# TYPE '] as const;
const METADATA_PREFIX_LENGTH = 7;

interface FamilyName {
  readonly name: string;
  readonly lastChar: number;
}

/** Keeps the lines of some families; build one per family set and reuse it. */
export type FamilyLineFilter = (text: string) => string;

/**
 * A filter returning the lines of `text` that belong to the named families (samples, `# HELP` and `# TYPE`),
 * in their order, newline-terminated (the parser drops a last line that lacks one).
 */
export function familyLineFilter(families: readonly string[]): FamilyLineFilter {
  const names: readonly FamilyName[] = families.map((name) => ({ name, lastChar: name.charCodeAt(name.length - 1) }));
  const firstChars = new Set(families.map((name) => name.charCodeAt(0)));

  const namesFamily = (text: string, start: number, lineEnd: number, isSample: boolean): boolean => {
    for (const { name, lastChar } of names) {
      const end = start + name.length;
      // Two charCodeAt probes rule out almost every other family before the full comparison.
      if (end > lineEnd || text.charCodeAt(end - 1) !== lastChar) continue;
      if (end < lineEnd) {
        const next = text.charCodeAt(end);
        if (next !== SPACE && next !== TAB && !(isSample && next === OPEN_BRACE)) continue;
      } else if (!isSample) {
        // `# HELP name` without text: the parser rejects it, and we never read help texts.
        continue;
      }
      // A sample line that is only a name is kept, so that the parser reports it.
      if (text.startsWith(name, start)) return true;
    }
    return false;
  };

  const isWanted = (text: string, lineStart: number, lineEnd: number): boolean => {
    let start = lineStart;
    let first = text.charCodeAt(start);
    while ((first === SPACE || first === TAB) && start < lineEnd) first = text.charCodeAt(++start);
    if (first === HASH) {
      const isMetadata = text.startsWith(METADATA_PREFIXES[0], start) || text.startsWith(METADATA_PREFIXES[1], start);
      return isMetadata && namesFamily(text, start + METADATA_PREFIX_LENGTH, lineEnd, false);
    }
    return firstChars.has(first) && namesFamily(text, start, lineEnd, true);
  };

  return (text) => {
    const blocks: string[] = [];
    let blockStart = -1;
    let blockEnd = -1;
    let lineStart = 0;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = text.length;
      if (isWanted(text, lineStart, lineEnd)) {
        // The lines of a family are adjacent, so kept lines come in a few long runs, each sliced once.
        if (blockStart === -1 || blockEnd !== lineStart - 1) {
          if (blockStart !== -1) blocks.push(text.slice(blockStart, blockEnd));
          blockStart = lineStart;
        }
        blockEnd = lineEnd;
      }
      lineStart = lineEnd + 1;
    }
    if (blockStart !== -1) blocks.push(text.slice(blockStart, blockEnd));
    return blocks.length === 0 ? '' : `${blocks.join('\n')}\n`;
  };
}
