import { describe, expect, it } from 'vitest';
import { parseExposition } from './prometheus-text-parser.ts';

const valid = [
  '# HELP up Whether the target is up.',
  '# TYPE up gauge',
  'up{job="a",path="C:\\\\x \\"y\\"\\n"} 1 1700000000000',
  'up{job="b",} -Inf',
  '# a comment',
  '# HELP latency Latency.',
  '# TYPE latency summary',
  'latency{quantile="0.5"} 1.5e-03',
  'latency_sum 10',
  'latency_count 7',
  '',
].join('\n');

describe('the test-side exposition parser', () => {
  it('parses valid text with escapes, trailing commas, special values and summaries', () => {
    const families = parseExposition(valid);
    expect(families.get('up')!.samples[0]).toEqual({ name: 'up', labels: { job: 'a', path: 'C:\\x "y"\n' }, value: 1, timestampMs: 1700000000000 });
    expect(families.get('up')!.samples[1]!.value).toBe(-Infinity);
    expect(families.get('latency')!.samples.map((s) => s.name)).toEqual(['latency', 'latency_sum', 'latency_count']);
  });

  it.each([
    ['a missing final line feed', 'up 1'],
    ['an invalid metric name', '0up 1\n'],
    ['an unquoted label value', 'up{job=a} 1\n'],
    ['an unknown escape', 'up{job="\\t"} 1\n'],
    ['a repeated label', 'up{a="1",a="2"} 1\n'],
    ['an invalid value', 'up 1,5\n'],
    ['a fractional timestamp', 'up 1 1.5\n'],
    ['extra fields', 'up 1 2 3\n'],
    ['a missing blank', 'up{a="1"}1\n'],
    ['a duplicate series', 'up{a="1"} 1\nup{a="1"} 2\n'],
    ['TYPE after samples', 'up 1\n# TYPE up gauge\n'],
    ['a second HELP', '# HELP up x\n# HELP up y\n'],
    ['an unknown type', '# TYPE up meter\n'],
    ['a family split in two blocks', 'up{a="1"} 1\ndown 1\nup{a="2"} 1\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});
