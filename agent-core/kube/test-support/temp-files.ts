import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { stringify } from 'yaml';

/** A fresh folder, removed when the current test finishes. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-kube-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `content` (text as is, anything else as YAML) to dir/name, creating folders; returns the path. */
export function writeFile(dir: string, name: string, content: unknown, mode = 0o600): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : stringify(content), { mode });
  return file;
}

/** An executable shell script (an exec credential plugin, a fake login shell). */
export function writeScript(dir: string, name: string, body: string): string {
  return writeFile(dir, name, `#!/bin/sh\n${body}\n`, 0o755);
}

/** The ExecCredential a plugin prints. */
export function execCredentialJson(status: Record<string, string>, apiVersion = 'client.authentication.k8s.io/v1'): string {
  return JSON.stringify({ kind: 'ExecCredential', apiVersion, status });
}

/** A kubeconfig with one cluster, one user and one context, all named `name`. */
export function singleContextKubeconfig(
  name: string,
  cluster: Record<string, unknown>,
  user: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    clusters: [{ name, cluster }],
    users: user ? [{ name, user }] : [],
    contexts: [{ name, context: user ? { cluster: name, user: name } : { cluster: name } }],
  };
}
