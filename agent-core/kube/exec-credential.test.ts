import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExecCredentialSource, ExecPluginError, runExecPlugin } from './exec-credential.ts';
import type { ExecConfig } from './kubeconfig-types.ts';
import { execCredentialJson, tempDir, writeScript } from './test-support/temp-files.ts';

function execConfig(command: string, extra: Partial<ExecConfig> = {}): ExecConfig {
  return { command, args: [], env: [], apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: false, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<ExecPluginError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ExecPluginError) return err;
    throw err;
  }
  throw new Error('expected an ExecPluginError');
}

/** A plugin that counts its runs in a file and prints a token expiring at `expiry`. */
function countingPlugin(dir: string, expiry: string): { command: string; runs: () => number } {
  const counter = path.join(dir, 'runs');
  const command = writeScript(dir, 'plugin', `echo run >> '${counter}'\necho '${execCredentialJson({ token: 't', expirationTimestamp: expiry })}'`);
  return { command, runs: () => fs.readFileSync(counter, 'utf8').trim().split('\n').length };
}

describe('runExecPlugin', () => {
  it('passes args and returns the status', async () => {
    const dir = tempDir();
    const plugin = writeScript(dir, 'plugin', `printf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"%s-%s"}}' "$1" "$2"`);
    expect(await runExecPlugin(execConfig(plugin, { args: ['eks', 'prod'] }), { timeoutMs: 5000 })).toEqual({ token: 'eks-prod' });
  });

  it('tells the kinds of failure apart', async () => {
    const dir = tempDir();
    const notExecutable = path.join(dir, 'plain-file');
    fs.writeFileSync(notExecutable, 'echo hi', { mode: 0o644 });
    const noisy = writeScript(dir, 'noisy', 'echo "not json"');
    const run = (exec: ExecConfig) => failure(runExecPlugin(exec, { timeoutMs: 5000 }));

    expect((await run(execConfig(''))).problem).toBe('no-command');
    expect((await run(execConfig('cluster-insight-missing-plugin'))).problem).toBe('not-found');
    // execve wants an x bit even from root, so this holds wherever the tests run.
    expect((await run(execConfig(notExecutable))).problem).toBe('not-executable');
    expect(await run(execConfig(noisy))).toMatchObject({ problem: 'bad-output', message: 'its output is not JSON (not json)' });
    expect((await run(execConfig('true', { interactiveMode: 'Always' }))).problem).toBe('needs-terminal');
    expect((await run(execConfig('true', { apiVersion: 'client.authentication.k8s.io/v1alpha1' }))).problem).toBe('unsupported-api-version');
  });

  it('keeps only the end of a long stderr', async () => {
    const plugin = writeScript(tempDir(), 'plugin', `i=0; while [ $i -lt 2000 ]; do echo "line $i" >&2; i=$((i+1)); done; exit 1`);
    const err = await failure(runExecPlugin(execConfig(plugin), { timeoutMs: 5000 }));
    expect(err.details.stderr?.length).toBeLessThanOrEqual(4000);
    expect(err.details.stderr).toMatch(/line 1999$/);
  });
});

describe('ExecCredentialSource', () => {
  it('reuses a credential until it expires', async () => {
    const dir = tempDir();
    const { command, runs } = countingPlugin(dir, new Date(Date.now() + 3600_000).toISOString());
    const source = new ExecCredentialSource(execConfig(command), { timeoutMs: 5000 });
    await source.get();
    await source.get();
    expect(runs()).toBe(1);
  });

  it('runs the plugin again once the credential has expired', async () => {
    const dir = tempDir();
    const { command, runs } = countingPlugin(dir, new Date(Date.now() - 1000).toISOString());
    const source = new ExecCredentialSource(execConfig(command), { timeoutMs: 5000 });
    await source.get();
    await source.get();
    expect(runs()).toBe(2);
  });

  it('tries again after a failure rather than caching it', async () => {
    const dir = tempDir();
    const flag = path.join(dir, 'logged-in');
    const plugin = writeScript(dir, 'plugin', `[ -f '${flag}' ] || { echo "not logged in" >&2; exit 1; }\necho '${execCredentialJson({ token: 'ok' })}'`);
    const source = new ExecCredentialSource(execConfig(plugin), { timeoutMs: 5000 });
    expect((await failure(source.get())).details.stderr).toBe('not logged in');
    fs.writeFileSync(flag, '');
    expect(await source.get()).toEqual({ token: 'ok' });
  });
});
