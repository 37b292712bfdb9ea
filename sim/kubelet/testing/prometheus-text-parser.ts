// A strict parser of the Prometheus text exposition format (version 0.0.4), for tests: it follows the
// format's grammar line by line and rejects anything Prometheus' own parser would, plus what a scrape of
// a well-behaved exporter never contains (duplicate series, a family's samples split up, TYPE after samples).

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
}

export interface MetricFamily {
  name: string;
  help?: string;
  type: MetricType;
  samples: Sample[];
}

export class ExpositionError extends Error {}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Inf|inf)$|^NaN$/;
const TIMESTAMP = /^-?\d+$/;
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<MetricType, string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

export function parseExposition(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const closed = new Set<string>();
  const seriesSeen = new Set<string>();
  let current: MetricFamily | undefined;

  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new ExpositionError('the exposition must end with a line feed');
  lines.pop();

  lines.forEach((line, index) => {
    const fail = (why: string): never => {
      throw new ExpositionError(`line ${index + 1}: ${why}: ${line.slice(0, 200)}`);
    };
    const familyFor = (name: string): MetricFamily => {
      let family = families.get(name);
      if (!family) {
        family = { name, type: 'untyped', samples: [] };
        families.set(name, family);
      }
      if (current && current !== family) closed.add(current.name);
      if (closed.has(name)) fail(`metric family ${name} appears in more than one block`);
      current = family;
      return family;
    };

    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const match = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!match) return; // a plain comment
      const [, keyword, name, rest = ''] = match;
      if (!METRIC_NAME.test(name!) || METRIC_NAME.exec(name!)![0] !== name) fail('invalid metric name');
      const family = familyFor(name!);
      if (keyword === 'HELP') {
        if (family.help !== undefined) fail('second HELP');
        family.help = unescapeHelp(rest, fail);
      } else {
        if (family.samples.length > 0) fail('TYPE after samples');
        if (!TYPES.has(rest.trim() as MetricType)) fail(`unknown type "${rest}"`);
        family.type = rest.trim() as MetricType;
      }
      return;
    }

    const sample = parseSampleLine(line, fail);
    const family = familyFor(familyNameOf(sample.name, current));
    if (!SUFFIXES[family.type].some((s) => `${family.name}${s}` === sample.name)) fail(`sample ${sample.name} does not belong to ${family.type} ${family.name}`);
    const key = `${sample.name}{${Object.entries(sample.labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('\u0000')}}`;
    if (seriesSeen.has(key)) fail('duplicate series');
    seriesSeen.add(key);
    family.samples.push(sample);
  });
  return families;
}

/** A histogram's or summary's _bucket/_sum/_count samples belong to the family being read. */
function familyNameOf(sampleName: string, current: MetricFamily | undefined): string {
  if (current && SUFFIXES[current.type].some((s) => sampleName === `${current.name}${s}`)) return current.name;
  return sampleName;
}

function parseSampleLine(line: string, fail: (why: string) => never): Sample {
  const name = METRIC_NAME.exec(line)?.[0] ?? fail('missing metric name');
  let i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const labelName = LABEL_NAME.exec(line.slice(i))?.[0] ?? fail(`invalid label name at column ${i + 1}`);
      if (labelName in labels) fail(`label ${labelName} repeated`);
      i += labelName.length;
      if (line[i] !== '=') fail(`expected = at column ${i + 1}`);
      if (line[i + 1] !== '"') fail(`expected " at column ${i + 2}`);
      i += 2;
      let value = '';
      for (;;) {
        const c = line[i];
        if (c === undefined) fail('unterminated label value');
        if (c === '"') break;
        if (c === '\\') {
          const escaped = line[i + 1];
          if (escaped === '\\' || escaped === '"') value += escaped;
          else if (escaped === 'n') value += '\n';
          else fail(`invalid escape \\${escaped ?? ''} in label value`);
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      labels[labelName] = value;
      i++;
      if (line[i] === ',') i++;
      else if (line[i] !== '}') fail(`expected , or } at column ${i + 1}`);
    }
    i++;
  }
  if (line[i] !== ' ' && line[i] !== '\t') fail(`expected blank after ${name}`);
  const fields = line.slice(i).trim().split(/[ \t]+/);
  if (fields.length < 1 || fields.length > 2) fail('expected a value and an optional timestamp');
  const [valueText, timestampText] = fields as [string, string | undefined];
  if (!FLOAT.test(valueText)) fail(`invalid value "${valueText}"`);
  if (timestampText !== undefined && !TIMESTAMP.test(timestampText)) fail(`invalid timestamp "${timestampText}"`);
  const value = valueText.endsWith('Inf') || valueText.endsWith('inf') ? (valueText.startsWith('-') ? -Infinity : Infinity) : Number(valueText);
  return { name, labels, value, ...(timestampText !== undefined && { timestampMs: Number(timestampText) }) };
}

function unescapeHelp(text: string, fail: (why: string) => never): string {
  return text.replace(/\\(.?)/g, (_, c: string) => (c === '\\' ? '\\' : c === 'n' ? '\n' : fail(`invalid escape \\${c} in HELP`)));
}
