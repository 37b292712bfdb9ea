import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real kubectl of the given minor version: google-cloud-sdk ships `kubectl.1.NN` beside the file
 * `kubectl` links to. Falls back to plain kubectl; throws when there is none (CI must not skip).
 */
export function kubectlBinary(minor = 31): string {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const link = path.join(dir, 'kubectl');
    if (!fs.existsSync(link)) continue;
    candidates.push(path.join(path.dirname(fs.realpathSync(link)), `kubectl.1.${minor}`), link);
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error('kubectl not found on PATH: install it (google-cloud-sdk ships kubectl.1.27 … kubectl.1.33)');
  return found;
}

export interface Kubectl {
  (...args: string[]): Promise<string>;
  json<T = unknown>(...args: string[]): Promise<T>;
  binary: string;
}

export function kubectl(kubeconfig: string, opts: { context?: string; minor?: number; env?: NodeJS.ProcessEnv } = {}): Kubectl {
  const binary = kubectlBinary(opts.minor);
  const base = ['--kubeconfig', kubeconfig, ...(opts.context ? ['--context', opts.context] : [])];
  const call = async (...args: string[]) => {
    const { stdout } = await run(binary, [...base, ...args], { maxBuffer: 64 << 20, env: { ...process.env, ...opts.env } });
    return stdout;
  };
  return Object.assign(call, {
    json: async <T>(...args: string[]) => JSON.parse(await call(...args)) as T,
    binary,
  });
}
