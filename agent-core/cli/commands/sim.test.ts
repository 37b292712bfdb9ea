import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { kubectlBinary } from '../../../test/kubectl.ts';

const cli = path.resolve(import.meta.dirname, '../../../bin/cluster-insight.js');
const run = promisify(execFile);

it('`cluster-insight sim` serves a simulated cluster with about --pods pods to kubectl, and stops on SIGTERM', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-sim-cli-'));
  const out = path.join(dir, 'kubeconfig');
  const child = spawn(process.execPath, [cli, 'sim', '--nodes', '4', '--pods', '60', '--kubeconfig-out', out, '--speed', '60'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 90_000;
    while (!fs.existsSync(out) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(fs.existsSync(out), stderr).toBe(true);
    const kubectl = (...args: string[]) => run(kubectlBinary(31), ['--kubeconfig', out, ...args], { maxBuffer: 32 << 20 }).then((r) => r.stdout);
    const pods = JSON.parse(await kubectl('get', 'pods', '-A', '-o', 'json')) as { items: { metadata: { namespace: string }; status: { phase: string } }[] };
    const up = pods.items.filter((p) => ['Running', 'Succeeded'].includes(p.status.phase));
    expect(up.length).toBeGreaterThanOrEqual(55);
    expect(new Set(pods.items.map((p) => p.metadata.namespace))).toContain('shop-2');
    expect(await kubectl('--context', 'testcluster-viewer', 'auth', 'can-i', 'list', 'pods', '-A')).toBe('yes\n');
    expect(await kubectl('get', '--raw', '/version')).toContain('v1.20.2');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopped');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
