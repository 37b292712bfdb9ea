import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export const DEFAULT_LOGIN_SHELL_TIMEOUT_MS = 10_000;

export interface LoginShellPathOptions {
  /** The environment to read SHELL from and to update (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Default process.platform; on Windows there is nothing to do (GUI apps get the user's PATH there). */
  platform?: NodeJS.Platform;
  timeoutMs?: number;
}

export type LoginShellPathResult =
  | { outcome: 'merged'; shell: string; added: string[] }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; shell: string; reason: string };

/** Entries of `first`, then those of `second` it lacks; empty entries dropped. */
export function mergePathLists(first: string, second: string, delimiter = path.delimiter): string {
  const entries = [...first.split(delimiter), ...second.split(delimiter)].filter((p) => p !== '');
  return [...new Set(entries)].join(delimiter);
}

function argsFor(shell: string, command: string): string[] {
  const name = path.basename(shell);
  // csh and tcsh take -l only as their sole flag; nushell wants the flags apart.
  if (name === 'csh' || name === 'tcsh') return ['-ic', command];
  if (name === 'nu') return ['-i', '-l', '-c', command];
  return ['-ilc', command];
}

/**
 * The command the login shell runs: our own Node (Electron acting as Node) prints PATH between markers, so whatever the
 * shell and its rc files print around it does not matter. One external program, quoted in a way sh, zsh, fish, nu and
 * tcsh all read the same.
 */
function printPathCommand(marker: string): string {
  return `'${process.execPath}' -e 'process.stdout.write("${marker}"+process.env.PATH+"${marker}")'`;
}

function runLoginShell(shell: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ path?: string; reason?: string }> {
  const marker = `__CLUSTER_INSIGHT_PATH_${randomBytes(8).toString('hex')}__`;
  const child = spawn(shell, argsFor(shell, printPathCommand(marker)), {
    // ELECTRON_RUN_AS_NODE makes an Electron execPath behave as node; CLUSTER_INSIGHT_RESOLVING_ENVIRONMENT lets an rc
    // file skip slow or interactive setup for this run.
    env: { ...env, ELECTRON_RUN_AS_NODE: '1', CLUSTER_INSIGHT_RESOLVING_ENVIRONMENT: '1' },
    stdio: ['ignore', 'pipe', 'ignore'],
    // Its own process group, so a timeout also ends what the rc files started.
    detached: true,
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      child.stdout.destroy();
      child.unref();
      resolve({ reason: `${shell} did not finish within ${timeoutMs} ms` });
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ reason: `cannot run ${shell}: ${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const found = out.split(marker);
      // Interactive shells may exit non-zero for reasons unrelated to us (a failing rc line); the markers are what count.
      if (found.length >= 3 && found[1]) resolve({ path: found[1] });
      else resolve({ reason: `${shell} printed no PATH (exit code ${code})` });
    });
  });
}

/**
 * Started from a desktop launcher, the app inherits a minimal PATH without the folders of exec credential plugins
 * (aws, gke-gcloud-auth-plugin, kubelogin). This asks the user's login shell for its PATH and puts its entries first,
 * keeping any others we had. Never throws; the result says what happened.
 */
export async function importLoginShellPath(options: LoginShellPathOptions = {}): Promise<LoginShellPathResult> {
  const env = options.env ?? process.env;
  if ((options.platform ?? process.platform) === 'win32') return { outcome: 'skipped', reason: 'not needed on Windows' };
  const shell = env.SHELL;
  if (!shell) return { outcome: 'skipped', reason: 'SHELL is not set' };
  if (process.execPath.includes("'")) return { outcome: 'failed', shell, reason: `cannot quote ${process.execPath} for the shell` };
  const { path: loginPath, reason } = await runLoginShell(shell, env, options.timeoutMs ?? DEFAULT_LOGIN_SHELL_TIMEOUT_MS);
  if (loginPath === undefined) return { outcome: 'failed', shell, reason: reason! };
  const before = new Set((env.PATH ?? '').split(path.delimiter));
  env.PATH = mergePathLists(loginPath, env.PATH ?? '');
  return { outcome: 'merged', shell, added: env.PATH.split(path.delimiter).filter((p) => !before.has(p)) };
}
