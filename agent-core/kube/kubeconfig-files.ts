import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseKubeconfig } from './kubeconfig-parse.ts';
import type { KubeconfigFile, KubeconfigSource, MergedKubeconfig } from './kubeconfig-types.ts';
import { UserFacingError } from './user-facing-error.ts';

export interface KubeconfigLocationOptions {
  /** The --kubeconfig value: one path or a list joined with path.delimiter, like KUBECONFIG. */
  kubeconfig?: string;
  /** Where KUBECONFIG is read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where ~/.kube/config lives (default os.homedir()). */
  homeDir?: string;
}

function splitPathList(list: string): string[] {
  const unique = new Set(
    list
      .split(path.delimiter)
      .filter((p) => p !== '')
      .map((p) => path.resolve(p)),
  );
  return [...unique];
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Which files kubectl would read, in precedence order. A missing --kubeconfig file is an error; other missing files are skipped. */
export function discoverKubeconfigFiles(options: KubeconfigLocationOptions = {}): KubeconfigSource {
  const explicit = splitPathList(options.kubeconfig ?? '');
  if (explicit.length > 0) {
    const missing = explicit.find((p) => !isFile(p));
    if (missing) {
      const problem = fs.existsSync(missing) ? 'is not a file' : 'does not exist';
      throw new UserFacingError(
        'kubeconfig-not-found',
        `The kubeconfig file ${missing} given with --kubeconfig ${problem}. ` +
          `Fix the path, or leave --kubeconfig out to use KUBECONFIG or ~/.kube/config.`,
      );
    }
    return { kind: 'flag', files: explicit, missing: [] };
  }
  const envList = (options.env ?? process.env).KUBECONFIG;
  // As in client-go, a set KUBECONFIG replaces ~/.kube/config even when every file it names is missing.
  if (envList) {
    const listed = splitPathList(envList);
    return { kind: 'env', files: listed.filter(isFile), missing: listed.filter((p) => !isFile(p)) };
  }
  const fallback = path.join(options.homeDir ?? os.homedir(), '.kube', 'config');
  return isFile(fallback) ? { kind: 'default', files: [fallback], missing: [] } : { kind: 'default', files: [], missing: [fallback] };
}

export function readKubeconfigFile(file: string): KubeconfigFile {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UserFacingError(
      'kubeconfig-unreadable',
      `Cannot read kubeconfig ${file}: ${reason}. Make it readable by you (e.g. chmod 600 ${file}) or leave it out of KUBECONFIG.`,
      2,
      { cause: err },
    );
  }
  return parseKubeconfig(file, source);
}

/** kubectl's merge: for clusters, users and contexts the first file to define a name wins; so does the first current-context. */
export function mergeKubeconfigs(source: KubeconfigSource, files: KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { source, clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const file of files) {
    merged.currentContext ??= file.currentContext;
    for (const c of file.clusters) if (!merged.clusters.has(c.name)) merged.clusters.set(c.name, c);
    for (const u of file.users) if (!merged.users.has(u.name)) merged.users.set(u.name, u);
    for (const c of file.contexts) if (!merged.contexts.has(c.name)) merged.contexts.set(c.name, c);
  }
  return merged;
}

/** Finds, parses and merges the kubeconfig files as kubectl does. */
export function loadKubeconfig(options: KubeconfigLocationOptions = {}): MergedKubeconfig {
  const source = discoverKubeconfigFiles(options);
  return mergeKubeconfigs(source, source.files.map(readKubeconfigFile));
}

/** "~/.kube/config" or "KUBECONFIG (a, b)": for messages that must say where we looked. */
export function describeKubeconfigSource(source: KubeconfigSource): string {
  const all = [...source.files, ...source.missing];
  switch (source.kind) {
    case 'flag':
      return `--kubeconfig ${all.join(path.delimiter)}`;
    case 'env':
      return `KUBECONFIG=${all.join(path.delimiter)}`;
    case 'default':
      return all[0] ?? '~/.kube/config';
  }
}
