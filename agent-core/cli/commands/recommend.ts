import fs from 'node:fs';
import readline from 'node:readline';
import { type Command, InvalidArgumentError } from 'commander';
import { UserFacingError } from '../../kube/user-facing-error.ts';
import { defaultDataDir } from '../../store/index.ts';
import { withContextOptions, type ContextOptions } from '../context-options.ts';
import { liveMode } from '../recommend-live-mode.ts';
import { formatCpu, formatMemory, type Recommendation, TraceFormatError, TraceLearner, parseTraceLine } from '../../recommend/index.ts';

interface RecommendOptions extends ContextOptions {
  trace?: string;
  splitAt?: number;
  json?: boolean;
  dataDir: string;
}

// One command, one mode per source of history: a trace file, or what the agent stored for a context.
export function registerRecommend(program: Command): void {
  withContextOptions(program.command('recommend'))
    .description('Right-sizing recommendations (CPU request and limit, memory request and limit) with their evidence')
    .option('--trace <file>', 'learn from a per-minute trace in JSON lines (see agent-core/recommend/trace-format.ts)')
    .option('--split-at <iso>', 'learn only from samples before this time (ISO 8601); default: all of them', isoTime('--split-at'))
    .option('--data-dir <dir>', 'with --context: where the agent or the app stored its metrics', defaultDataDir())
    .option('--json', 'print a JSON array, one object per container')
    .action(async (opts: RecommendOptions) => {
      if (opts.trace === undefined && opts.context === undefined) {
        throw new UserFacingError(
          'recommend-source',
          'recommend needs a history to learn from: give --trace FILE (JSON lines, one sample per container-minute), or --context C for what the agent stored for that context.',
        );
      }
      if (opts.trace !== undefined && opts.context !== undefined) throw new UserFacingError('recommend-source', 'Give either --trace or --context, not both.');
      const recommendations = opts.trace !== undefined ? await traceMode(opts.trace, opts.splitAt) : await liveMode({ ...opts, dataDir: opts.dataDir });
      process.stdout.write(opts.json ? `${JSON.stringify(recommendations.map(toJson), null, 2)}\n` : formatTable(recommendations));
    });
}

/** Streams the trace line by line into per-container digests: memory follows the containers, not the file. */
export async function traceMode(file: string, splitAt = Number.POSITIVE_INFINITY): Promise<Recommendation[]> {
  const learner = new TraceLearner(splitAt);
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  try {
    await opened;
  } catch (err) {
    throw new UserFacingError('trace-unreadable', `Cannot read the trace ${file}: ${(err as Error).message}. Check the path.`);
  }
  let line = 0;
  try {
    for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      learner.add(parseTraceLine(text, line), line);
    }
  } catch (err) {
    if (err instanceof TraceFormatError) throw new UserFacingError('bad-trace', `${file}: ${err.message}`);
    throw err;
  } finally {
    input.destroy();
  }
  return learner.recommendations();
}

/** The JSON shape: the fields first (cores and bytes, null for no limit), then the why. */
export function toJson(r: Recommendation) {
  return {
    container: r.container,
    cpuRequest: r.proposed.cpuRequest,
    cpuLimit: r.proposed.cpuLimit,
    memRequest: r.proposed.memRequest,
    memLimit: r.proposed.memLimit,
    id: r.id,
    confidence: r.confidence,
    current: r.current,
    reasons: r.reasons,
    evidence: r.evidence,
    effect: r.effect,
    signals: r.signals,
  };
}

function formatTable(recommendations: readonly Recommendation[]): string {
  const change = (from: string, to: string) => (from === to ? to : `${from} → ${to}`);
  const header = ['CONTAINER', 'CPU REQUEST', 'CPU LIMIT', 'MEM REQUEST', 'MEM LIMIT', 'CONFIDENCE', 'SIGNALS'];
  const rows = recommendations.map((r) => [
    r.container,
    change(formatCpu(r.current.cpuRequest), formatCpu(r.proposed.cpuRequest)),
    change(formatCpu(r.current.cpuLimit), formatCpu(r.proposed.cpuLimit)),
    change(formatMemory(r.current.memRequest), formatMemory(r.proposed.memRequest)),
    change(formatMemory(r.current.memLimit), formatMemory(r.proposed.memLimit)),
    r.confidence,
    Object.entries(r.signals)
      .filter(([, on]) => on)
      .map(([name]) => name)
      .join(',') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((c) => c[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const why = recommendations.map(
    (r) => `${r.container} (${r.id})\n  cpu request: ${r.reasons.cpuRequest}\n  cpu limit:   ${r.reasons.cpuLimit}\n  mem request: ${r.reasons.memRequest}\n  mem limit:   ${r.reasons.memLimit}`,
  );
  return [line(header), ...rows.map(line), '', 'Why:', ...why, ''].join('\n');
}

const isoTime = (flag: string) => (value: string) => {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new InvalidArgumentError(`${flag} takes an ISO 8601 time such as 2026-01-12T00:00:00Z, not "${value}".`);
  return t;
};
