import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { descendants, isAlive } from './processes.ts';

const cli = path.resolve(import.meta.dirname, '../bin/cluster-insight.js');

async function waitUntil(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The processes of `pids` still alive a few seconds after the CLI exited. Not at once: a helper the CLI runs
 * through (tsx's esbuild service) ends when its pipe to the exited CLI closes, a moment later; the control
 * plane's processes are reaped by the CLI before it exits, so they are gone either way.
 */
async function survivors(pids: number[]): Promise<string[]> {
  const deadline = Date.now() + 5000;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(isAlive).map((pid) => `${pid} ${commandLineOf(pid)}`);
}

function commandLineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

it('`cluster-insight testcluster` writes its kubeconfig when ready and, on SIGTERM, leaves no process or temp folder', async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ci-tc-cli-')), 'kubeconfig');
  const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
  const child = spawn(process.execPath, [cli, 'testcluster', '--nodes', '2', '--kubeconfig-out', out, '--speed', '60'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitUntil('the kubeconfig', () => fs.existsSync(out) || child.exitCode !== null, 240_000);
    expect(child.exitCode, stderr).toBeNull();
    expect(fs.readFileSync(out, 'utf8')).toContain('testcluster-viewer');
    expect(stderr).toContain('seeded workloads Running');

    const started = descendants(child.pid!);
    expect(started.length).toBeGreaterThanOrEqual(4); // etcd, kube-apiserver, kube-controller-manager, kube-scheduler
    // Its own folder: the one its processes were started with (other test clusters may be starting beside it).
    const tempDirs = fs
      .readdirSync(os.tmpdir())
      .filter((d) => d.startsWith('cluster-insight-cp-') && !tmpBefore.has(d))
      .filter((d) => started.some((pid) => commandLineOf(pid).includes(path.join(os.tmpdir(), d))));
    expect(tempDirs).toHaveLength(1);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await survivors(started)).toEqual([]);
    expect(fs.existsSync(path.join(os.tmpdir(), tempDirs[0]!))).toBe(false);
  } finally {
    // A failed assertion must not leave a control plane behind: SIGKILL on the CLI would orphan its children.
    if (child.exitCode === null) {
      const children = descendants(child.pid!);
      child.kill('SIGKILL');
      for (const pid of children) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}, 300_000);

it('`cluster-insight testcluster` told to stop while starting leaves no process or temp folder', async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ci-tc-cli-')), 'kubeconfig');
  const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
  const child = spawn(process.execPath, [cli, 'testcluster', '--nodes', '1', '--kubeconfig-out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitUntil('kube-apiserver to start', () => stderr.includes('starting kube-apiserver') || child.exitCode !== null, 120_000);
    const started = descendants(child.pid!);
    expect(started.length).toBeGreaterThanOrEqual(2); // etcd and kube-apiserver at least
    const commandLines = started.map(commandLineOf).join(' ');
    const ours = (d: string) => commandLines.includes(path.join(os.tmpdir(), d));
    expect(fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('cluster-insight-cp-') && !tmpBefore.has(d)).filter(ours)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await survivors(started)).toEqual([]);
    // Only its own folder is judged: other test clusters may be starting beside it.
    const left = fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('cluster-insight-cp-') && !tmpBefore.has(d)).filter(ours);
    expect(left).toEqual([]);
    expect(fs.existsSync(out)).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}, 180_000);
