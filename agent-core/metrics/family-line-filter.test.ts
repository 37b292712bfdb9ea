import { describe, expect, it } from 'vitest';
import { familyLineFilter } from './family-line-filter.ts';

const keep = familyLineFilter(['container_spec_cpu_period', 'container_cpu_usage_seconds_total']);

describe('familyLineFilter', () => {
  it('keeps the samples and the HELP/TYPE lines of the named families, in order', () => {
    const text = [
      '# HELP container_cpu_load_average_10s Value of container cpu load average over the last 10 seconds.',
      '# TYPE container_cpu_load_average_10s gauge',
      'container_cpu_load_average_10s{container="a"} 0',
      '# HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.',
      '# TYPE container_cpu_usage_seconds_total counter',
      'container_cpu_usage_seconds_total{container="a",cpu="total"} 1 1000',
      'container_cpu_usage_seconds_total{container="b",cpu="total"} 2 1000',
      '# HELP container_spec_cpu_period CPU period of the container.',
      '# TYPE container_spec_cpu_period gauge',
      'container_spec_cpu_period{container="a"} 100000',
      'machine_cpu_cores 4',
    ].join('\n');
    expect(keep(text)).toBe(
      [
        '# HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.',
        '# TYPE container_cpu_usage_seconds_total counter',
        'container_cpu_usage_seconds_total{container="a",cpu="total"} 1 1000',
        'container_cpu_usage_seconds_total{container="b",cpu="total"} 2 1000',
        '# HELP container_spec_cpu_period CPU period of the container.',
        '# TYPE container_spec_cpu_period gauge',
        'container_spec_cpu_period{container="a"} 100000',
        '',
      ].join('\n'),
    );
  });

  it('matches whole names only', () => {
    const text = [
      'container_spec_cpu_periods{container="a"} 1',
      'container_spec_cpu_period_x 1',
      '# TYPE container_spec_cpu_periodic gauge',
      'container_spec_cpu_period 5',
      'container_spec_cpu_period\t6',
    ].join('\n');
    expect(keep(text)).toBe('container_spec_cpu_period 5\ncontainer_spec_cpu_period\t6\n');
  });

  it('drops other comments and HELP lines without text, and keeps a bare sample name for the parser to report', () => {
    expect(keep('# container_spec_cpu_period is interesting\n# HELP container_spec_cpu_period\ncontainer_spec_cpu_period')).toBe('container_spec_cpu_period\n');
  });

  it('copes with CRLF, indentation, blank lines and a missing final newline', () => {
    expect(keep('\r\n  container_spec_cpu_period 1\r\n\ncontainer_spec_cpu_period{a="b"} 2')).toBe('  container_spec_cpu_period 1\r\ncontainer_spec_cpu_period{a="b"} 2\n');
  });

  it('gives nothing for nothing', () => {
    expect(keep('')).toBe('');
    expect(keep('machine_cpu_cores 4\n')).toBe('');
  });
});
