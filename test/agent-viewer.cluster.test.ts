import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect, inject, it } from 'vitest';

const cli = path.resolve(import.meta.dirname, '../bin/cluster-insight.js');

it('`cluster-insight agent --context testcluster-viewer` keeps the inventory, reports metrics denied with the impact, and does not crash', async () => {
  const kubeconfig = inject('testclusterKubeconfig');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-agent-viewer-'));
  const child = spawn(process.execPath, [cli, 'agent', '--kubeconfig', kubeconfig, '--context', 'testcluster-viewer', '--interval', '1s', '--data-dir', dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!(stderr.includes('synced Pod') && stderr.includes('metrics: denied')) && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    // Let a few collection intervals pass: a denied capability must not turn into a crash loop.
    await new Promise((r) => setTimeout(r, 4000));
    expect(child.exitCode, stderr).toBeNull();
    expect(stderr).toMatch(/permission denied: metrics — .*no metrics/i);
    expect(stderr).toContain('nodes/proxy');
    expect(stderr).toMatch(/permission denied: automation/);
    expect(stderr).toMatch(/synced Deployment: \d+/);
    expect(stderr).not.toMatch(/metrics: \d+ container-minutes/);
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    expect(stderr).toContain('stopped');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 90_000);
