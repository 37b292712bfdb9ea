// Runs one measured piece in a fresh Node process, so that its CPU time and RSS are its own: the parent hosts the
// simulated kubelets and would otherwise be measured with it. The child's TypeScript is bundled once with esbuild
// (node_modules stay external) and run by plain node, as the agent ships: under tsx's loader the same process
// weighs ~100 MB more (its hooks thread, and the transformed sources it keeps). Without esbuild, tsx runs it.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Inside the repository, so that the bundles resolve node_modules as the sources do; removed by cleanUpChildren(). */
const BUNDLE_DIR = path.join(BENCH_DIR, `.children-${process.pid}`);

/** Messages between a bench child and its parent (Node IPC). */
export type ChildMessage =
  | { type: 'result'; result: unknown }
  | { type: 'request'; id: number; name: string; payload?: unknown }
  | { type: 'reply'; id: number; payload?: unknown; error?: string };

export interface ChildOptions {
  /** Answers the child's askParent(name, payload) calls (e.g. stepping the simulated clock). */
  onRequest?: (name: string, payload: unknown) => Promise<unknown> | unknown;
  /** The child is killed after this long (default 15 minutes). */
  timeoutMs?: number;
}

let profileDir: string | undefined;
/** Children write V8 CPU profiles (--cpu-prof) into dir from now on. */
export function profileChildrenInto(dir: string): void {
  profileDir = dir;
}

/** How the children run: 'bundled' (plain node) or 'tsx' (esbuild missing). */
export let childRuntime: 'bundled' | 'tsx' = 'bundled';
const bundles = new Map<string, Promise<string | undefined>>();

async function bundle(script: string): Promise<string | undefined> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    childRuntime = 'tsx';
    return undefined;
  }
  const outfile = path.join(BUNDLE_DIR, script.replace(/\.ts$/, '.mjs'));
  await esbuild.build({
    entryPoints: [path.join(BENCH_DIR, script)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

function scriptToRun(script: string): Promise<string | undefined> {
  let built = bundles.get(script);
  if (!built) bundles.set(script, (built = bundle(script)));
  return built;
}

/** Removes the bundled children. */
export function cleanUpChildren(): void {
  fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
}

/**
 * Runs bench/<script> in a new process with `input` as JSON in argv[2] and --expose-gc; resolves with what the child
 * passed to reportResult(). Rejects if it exits without a result, fails or outlives timeoutMs.
 */
export async function runChild<Result>(script: string, input: unknown, options: ChildOptions = {}): Promise<Result> {
  const bundled = await scriptToRun(script);
  const child = fork(bundled ?? path.join(BENCH_DIR, script), [JSON.stringify(input)], {
    execArgv: [
      ...(bundled ? [] : ['--import', import.meta.resolve('tsx')]),
      '--expose-gc',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, script.replace(/\.ts$/, ''))}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<Result>((resolve, reject) => {
    let result: { value: Result } | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${(options.timeoutMs ?? 900_000) / 1000} s`));
    }, options.timeoutMs ?? 900_000);
    child.on('message', (raw) => {
      const message = raw as ChildMessage;
      if (message.type === 'result') result = { value: message.result as Result };
      if (message.type === 'request') {
        Promise.resolve()
          .then(() => options.onRequest?.(message.name, message.payload))
          .then(
            (payload) => child.send({ type: 'reply', id: message.id, payload } satisfies ChildMessage),
            (err: unknown) => child.send({ type: 'reply', id: message.id, error: (err as Error).message } satisfies ChildMessage),
          );
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result && code === 0) resolve(result.value);
      else reject(new Error(`${script} exited with ${signal ?? `code ${code}`}${result ? '' : ' before reporting a result'}`));
    });
  });
}
