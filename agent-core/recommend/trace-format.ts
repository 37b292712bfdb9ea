// The trace format of `cluster-insight recommend --trace`: JSON lines, one sample per container-minute:
// {"container":"ns/kind/name/container","t":ISO,"cpu":cores,"mem":bytes,"cpuRequest":cores|null,
//  "cpuLimit":cores|null,"memRequest":bytes|null,"memLimit":bytes|null,"throttled":ratio|null,"oom":bool}
// container, t, cpu and mem are required (cpu and mem may be null for a minute without that metric);
// the settings, throttled and oom may be left out (null, null, false).
import type { ResourceValues } from './container-history.ts';

export interface TraceSample extends ResourceValues {
  container: string;
  /** ms epoch */
  t: number;
  cpu: number | null;
  mem: number | null;
  throttled: number | null;
  oom: boolean;
}

/** A line that is not a trace sample: says which line, which field, and what it should be. */
export class TraceFormatError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'TraceFormatError';
  }
}

const FORMAT_HINT =
  'each line must be a JSON object like {"container":"ns/kind/name/container","t":"2026-01-05T00:00:00Z","cpu":0.25,"mem":134217728,"cpuRequest":0.5,"cpuLimit":null,"memRequest":268435456,"memLimit":null,"throttled":null,"oom":false}';

export function parseTraceLine(text: string, line: number): TraceSample {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new TraceFormatError(line, `not JSON (${(err as Error).message}); ${FORMAT_HINT}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TraceFormatError(line, `not a JSON object; ${FORMAT_HINT}`);
  const o = value as Record<string, unknown>;
  const container = o.container;
  if (typeof container !== 'string' || container.split('/').length !== 4 || container.split('/').some((part) => part === '')) {
    throw new TraceFormatError(line, `"container" must be "namespace/kind/name/container", not ${JSON.stringify(container)}`);
  }
  if (typeof o.t !== 'string') throw new TraceFormatError(line, `"t" must be an ISO 8601 time such as "2026-01-05T00:00:00Z", not ${JSON.stringify(o.t)}`);
  const t = Date.parse(o.t);
  if (!Number.isFinite(t)) throw new TraceFormatError(line, `"t" is not a time: ${JSON.stringify(o.t)}; use ISO 8601 such as "2026-01-05T00:00:00Z"`);
  if (!('cpu' in o)) throw new TraceFormatError(line, '"cpu" is missing: give the usage in cores, or null for a minute without it');
  if (!('mem' in o)) throw new TraceFormatError(line, '"mem" is missing: give the working set in bytes, or null for a minute without it');
  const throttled = quantity(o, 'throttled', line, 'a share of CFS periods from 0 to 1');
  if (throttled !== null && throttled > 1) throw new TraceFormatError(line, `"throttled" must be a share from 0 to 1, not ${throttled}`);
  if (o.oom !== undefined && typeof o.oom !== 'boolean') throw new TraceFormatError(line, `"oom" must be true or false, not ${JSON.stringify(o.oom)}`);
  return {
    container,
    t,
    cpu: quantity(o, 'cpu', line, 'cores'),
    mem: quantity(o, 'mem', line, 'bytes'),
    cpuRequest: quantity(o, 'cpuRequest', line, 'cores'),
    cpuLimit: quantity(o, 'cpuLimit', line, 'cores'),
    memRequest: quantity(o, 'memRequest', line, 'bytes'),
    memLimit: quantity(o, 'memLimit', line, 'bytes'),
    throttled,
    oom: o.oom === true,
  };
}

function quantity(o: Record<string, unknown>, field: string, line: number, unit: string): number | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TraceFormatError(line, `"${field}" must be a number ≥ 0 (${unit}) or null, not ${JSON.stringify(v)}`);
  return v;
}

/** One sample as a trace line (no trailing newline); numbers print exactly as held, so reading back gives the same values. */
export function formatTraceLine(s: TraceSample): string {
  return JSON.stringify({
    container: s.container,
    t: new Date(s.t).toISOString(),
    cpu: s.cpu,
    mem: s.mem,
    cpuRequest: s.cpuRequest,
    cpuLimit: s.cpuLimit,
    memRequest: s.memRequest,
    memLimit: s.memLimit,
    throttled: s.throttled,
    oom: s.oom,
  });
}
