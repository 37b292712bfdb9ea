import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Every child we start, so that an abrupt exit of the parent still takes them down. */
const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/**
 * Ends every child started here, at once. For a parent told to stop before its startup finished: the
 * startup then fails on its own and its cleanup removes what it made.
 */
export function killAllSupervised(): void {
  for (const child of living) child.kill('SIGKILL');
}

/**
 * One long-running binary of the control plane: started with its output in a log file,
 * stopped with SIGTERM then SIGKILL, restartable with the same arguments.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly binary: string,
    private readonly args: string[],
    private readonly logFile: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) return;
    fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
    const out = fs.openSync(this.logFile, 'a');
    const child = spawn(this.binary, this.args, { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    living.add(child);
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        living.delete(child);
        resolve();
      });
      child.once('error', () => {
        living.delete(child);
        resolve();
      });
    });
  }

  async stop(graceMs = 5000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last lines it wrote, for error messages. */
  logTail(lines = 20): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no output)';
    }
  }

  exitDescription(): string | undefined {
    if (!this.child || this.running) return undefined;
    return this.child.signalCode ? `killed by ${this.child.signalCode}` : `exited with code ${this.child.exitCode}`;
  }
}
