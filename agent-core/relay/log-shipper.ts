// agent.log's error and fatal lines, and its audit lines, on their way to the gateway. pino writes JSON lines to
// the stream this returns (beside agent.log); error lines are batched by count AND by time, so a lone error waits at
// most one flush interval; audit lines go one packet each, as they are written.

import type { NameHasher } from './name-privacy.ts';

export const DEFAULT_LOG_FLUSH_MS = 5000;
export const DEFAULT_LOG_BATCH = 100;
/** A single line longer than this is cut (a stack trace is kept, a megabyte of object is not). */
export const MAX_LOG_LINE_CHARS = 16 * 1024;
const ERROR_LEVEL = 50;

export interface LogsBody {
  lines: Record<string, unknown>[];
}

export interface LogShipperOptions {
  flushMs?: number;
  batch?: number;
  /** Writes one packet (the Relay appends it to the outbox). */
  emit: (kind: 'logs' | 'audit', body: unknown) => void;
}

export class LogShipper {
  private pending: Record<string, unknown>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly flushMs: number;
  private readonly batch: number;

  constructor(private readonly opts: LogShipperOptions) {
    this.flushMs = opts.flushMs ?? DEFAULT_LOG_FLUSH_MS;
    this.batch = opts.batch ?? DEFAULT_LOG_BATCH;
  }

  /** A pino destination: one JSON line per call (pino may also pass several, newline-separated). */
  write(chunk: string): boolean {
    for (const line of chunk.split('\n')) {
      if (line.trim()) this.line(line);
    }
    return true;
  }

  private line(text: string): void {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    if (entry.audit === true) {
      this.opts.emit('audit', entry);
      return;
    }
    if (typeof entry.level !== 'number' || entry.level < ERROR_LEVEL) return;
    const json = JSON.stringify(entry);
    this.pending.push(json.length > MAX_LOG_LINE_CHARS ? { level: entry.level, time: entry.time, msg: entry.msg, truncated: json.slice(0, MAX_LOG_LINE_CHARS) } : entry);
    if (this.pending.length >= this.batch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    this.opts.emit('logs', { lines } satisfies LogsBody);
  }

  close(): void {
    this.flush();
  }
}

/**
 * With hashed names, what leaves the agent from agent.log: error lines keep only level, time, the message and the
 * error's type and code (free text and fields may name workloads); audit entries keep their shape with the names
 * hashed (namespace, workload, container).
 */
export function scrubLogBody(kind: 'logs' | 'audit', body: unknown, names: NameHasher): unknown {
  if (kind === 'logs') {
    const { lines } = body as LogsBody;
    return {
      lines: lines.map((l) => {
        const err = l.err && typeof l.err === 'object' ? (l.err as Record<string, unknown>) : undefined;
        return { level: l.level, time: l.time, msg: l.msg, ...(err ? { err: { type: err.type, code: err.code } } : {}) };
      }),
    } satisfies LogsBody;
  }
  const e = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    ...e,
    namespace: names.name(str(e.namespace)),
    service: names.name(str(e.service)),
    containerId: str(e.containerId)
      ?.split('/')
      .map((part, i) => (i === 2 || i === 0 || i === 3 ? names.name(part) : part))
      .join('/'),
    message: undefined,
    who: undefined,
  };
}
