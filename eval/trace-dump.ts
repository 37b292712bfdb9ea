import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { formatTraceLine, type ResourceValues } from '../agent-core/recommend/index.ts';
import type { EvalContainer } from './trace/eval-container.ts';
import { settingsAt } from './trace/settings-timeline.ts';

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

/** Writes each generated container's observed minutes in the CLI's trace format, one file per set. */
export class TraceDump {
  readonly file: string;
  readonly #fd: number;

  constructor(dir: string, setName: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `${setName}.jsonl`);
    this.#fd = fs.openSync(this.file, 'w');
  }

  write(c: EvalContainer): void {
    const { t, cpu, mem, throttled, oom } = c.observed;
    const lines: string[] = [];
    for (let i = 0; i < c.minutes; i++) {
      const s = settingsAt(c.settings, i);
      lines.push(formatTraceLine({ container: c.key, t: t[i]!, cpu: orNull(cpu[i]!), mem: orNull(mem[i]!), ...s, throttled: orNull(throttled[i]!), oom: oom[i] === 1 }));
    }
    fs.writeSync(this.#fd, `${lines.join('\n')}\n`);
  }

  close(): void {
    fs.closeSync(this.#fd);
  }
}

export interface CliCheck {
  containers: number;
  mismatches: string[];
}

/**
 * Runs `cluster-insight recommend --trace FILE --split-at ISO --json` as a user would and compares its
 * four numbers per container with the in-process engine's proposals at the same split.
 */
export function checkCli(file: string, splitAt: number, expected: ReadonlyMap<string, ResourceValues>): CliCheck {
  const cli = path.join(import.meta.dirname, '..', 'bin', 'cluster-insight.js');
  const run = spawnSync(process.execPath, [cli, 'recommend', '--trace', file, '--split-at', new Date(splitAt).toISOString(), '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) return { containers: 0, mismatches: [`the CLI failed (exit ${run.status}): ${run.stderr.trim()}`] };
  const printed = JSON.parse(run.stdout) as Array<ResourceValues & { container: string }>;
  const mismatches: string[] = [];
  for (const r of printed) {
    const want = expected.get(r.container);
    if (!want) {
      mismatches.push(`${r.container}: not in the in-process run`);
      continue;
    }
    for (const field of ['cpuRequest', 'cpuLimit', 'memRequest', 'memLimit'] as const) {
      if (r[field] !== want[field]) mismatches.push(`${r.container} ${field}: CLI ${r[field]}, in-process ${want[field]}`);
    }
  }
  if (printed.length !== expected.size) mismatches.push(`the CLI printed ${printed.length} containers, the in-process run had ${expected.size}`);
  return { containers: printed.length, mismatches };
}
