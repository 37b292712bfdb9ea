import { describe, expect, it } from 'vitest';
import { formatTraceLine, parseTraceLine, TraceFormatError, type TraceSample } from './trace-format.ts';
import { TraceLearner } from './trace-learner.ts';

const MiB = 2 ** 20;
const sample = (over: Partial<TraceSample> = {}): TraceSample => ({
  container: 'shop/Deployment/web/app',
  t: Date.UTC(2026, 0, 5),
  cpu: 0.25,
  mem: 128 * MiB,
  cpuRequest: 0.5,
  cpuLimit: null,
  memRequest: 256 * MiB,
  memLimit: 512 * MiB,
  throttled: null,
  oom: false,
  ...over,
});

const errorOf = (text: string, line = 7) => {
  try {
    parseTraceLine(text, line);
  } catch (err) {
    expect(err).toBeInstanceOf(TraceFormatError);
    return (err as Error).message;
  }
  throw new Error('parsed');
};

describe('trace format', () => {
  it('reads back exactly what it writes', () => {
    const s = sample({ cpu: 0.123457, throttled: 0.3125, oom: true, cpuLimit: 1.5 });
    expect(parseTraceLine(formatTraceLine(s), 1)).toEqual(s);
  });

  it('accepts null metrics and leaves out optional fields', () => {
    const parsed = parseTraceLine('{"container":"a/Job/b/c","t":"2026-01-05T00:01:00Z","cpu":null,"mem":null}', 1);
    expect(parsed).toMatchObject({ cpu: null, mem: null, cpuRequest: null, throttled: null, oom: false });
  });

  it('names the line, the field and the fix for a malformed line', () => {
    expect(errorOf('{"container":"x"')).toMatch(/^line 7: not JSON .*each line must be a JSON object like/);
    expect(errorOf('[1,2]')).toMatch(/^line 7: not a JSON object/);
    expect(errorOf('{"container":"shop/web/app","t":"2026-01-05T00:00:00Z","cpu":1,"mem":1}')).toMatch(/"container" must be "namespace\/kind\/name\/container", not "shop\/web\/app"/);
    expect(errorOf('{"container":"a/b/c/d","t":"yesterday","cpu":1,"mem":1}')).toMatch(/"t" is not a time: "yesterday"; use ISO 8601/);
    expect(errorOf('{"container":"a/b/c/d","t":"2026-01-05T00:00:00Z","mem":1}')).toMatch(/"cpu" is missing: give the usage in cores, or null/);
    expect(errorOf('{"container":"a/b/c/d","t":"2026-01-05T00:00:00Z","cpu":"0.5","mem":1}')).toMatch(/"cpu" must be a number ≥ 0 \(cores\) or null, not "0.5"/);
    expect(errorOf('{"container":"a/b/c/d","t":"2026-01-05T00:00:00Z","cpu":1,"mem":-5}')).toMatch(/"mem" must be a number ≥ 0 \(bytes\)/);
    expect(errorOf('{"container":"a/b/c/d","t":"2026-01-05T00:00:00Z","cpu":1,"mem":1,"throttled":1.5}')).toMatch(/"throttled" must be a share from 0 to 1, not 1.5/);
    expect(errorOf('{"container":"a/b/c/d","t":"2026-01-05T00:00:00Z","cpu":1,"mem":1,"oom":"yes"}')).toMatch(/"oom" must be true or false/);
  });
});

describe('trace learner', () => {
  it('learns only from samples before the split, and takes the settings in force then', () => {
    const learner = new TraceLearner(Date.UTC(2026, 0, 5, 2));
    for (let m = 0; m < 240; m++) {
      const t = Date.UTC(2026, 0, 5) + m * 60_000;
      learner.add(sample({ t, cpu: m < 120 ? 0.2 : 5, cpuRequest: m < 60 ? 0.5 : 0.4 }), m + 1);
    }
    const [r] = learner.recommendations();
    expect(r!.current.cpuRequest).toBe(0.4);
    expect(r!.evidence.cpu.max).toBeLessThan(0.25);
    expect(r!.evidence.coverage.minutes).toBe(120);
  });

  it('refuses a container whose samples go back in time or repeat a minute, naming the line', () => {
    const learner = new TraceLearner(Infinity);
    learner.add(sample({ t: Date.UTC(2026, 0, 5, 0, 5) }), 1);
    learner.add(sample({ container: 'shop/Deployment/api/app', t: Date.UTC(2026, 0, 5, 0, 1) }), 2);
    expect(() => learner.add(sample({ t: Date.UTC(2026, 0, 5, 0, 5) }), 3)).toThrow(/^line 3: shop\/Deployment\/web\/app repeats the minute 2026-01-05T00:05:00.000Z: sort the trace/);
    expect(() => learner.add(sample({ t: Date.UTC(2026, 0, 5, 0, 4) }), 4)).toThrow(/^line 4: .* goes back in time from/);
  });
});
