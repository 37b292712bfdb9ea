import fs from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export const AGENT_LOG_FILE = 'agent.log';
export const DEFAULT_LOG_RETENTION_DAYS = 30;

export interface AgentLog {
  logger: Logger;
  /** The live file; rotated days sit beside it as agent-YYYY-MM-DD.log. */
  file: string;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** agent-2026-11-24.log for a rotated day (agent-2026-11-24.2.log if that day rotated twice). */
export function rotatedLogName(time: Date | number | null, index?: number): string {
  if (!time) return AGENT_LOG_FILE;
  const d = new Date(time);
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `agent-${day}${index && index > 1 ? `.${index}` : ''}.log`;
}

/**
 * agent.log as JSON lines, rotated at local midnight and kept `retentionDays` days.
 * Credentials never reach it: the redaction below is a second line of defence behind the
 * callers, which log only method, path, status and duration for API requests.
 */
export function openAgentLog(opts: {
  dir: string;
  verbose?: boolean;
  retentionDays?: number;
  name?: string;
  /** Also receives every line at info and above (the relay ships error lines and audit lines from it). */
  tee?: { write(line: string): unknown };
}): AgentLog {
  fs.mkdirSync(opts.dir, { recursive: true });
  const stream = createStream(rotatedLogName, {
    path: opts.dir,
    interval: '1d',
    intervalBoundary: true,
    maxFiles: opts.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
  });
  const logger = pino(
    {
      name: opts.name ?? 'cluster-insight-agent',
      level: opts.verbose ? 'debug' : 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['token', '*.token', 'authorization', '*.authorization', 'headers', '*.headers', 'password', '*.password', 'secret', '*.secret'],
        censor: '[redacted]',
      },
    },
    opts.tee ? pino.multistream([{ level: opts.verbose ? 'debug' : 'info', stream }, { level: 'info', stream: opts.tee }]) : stream,
  );
  let closed: Promise<void> | undefined;
  return {
    logger,
    file: path.join(opts.dir, AGENT_LOG_FILE),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        logger.flush();
        stream.end(() => resolve());
      })),
  };
}
