import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(REPO_ROOT, 'bin', 'cluster-insight.js');

export interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Runs the CLI as a user would; its stderr is kept for the failure message. */
export function startCli(args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env): Started {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const log = fs.createWriteStream(logFile);
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk;
    log.write(chunk);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk;
    log.write(chunk);
  });
  child.on('exit', () => log.end());
  return { child, output: () => output };
}

export async function waitFor<T>(what: string, probe: () => T | undefined, started: Started, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (started.child.exitCode !== null) throw new Error(`${what}: the process exited (${started.child.exitCode}):\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
