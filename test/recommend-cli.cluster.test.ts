import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, inject, it } from 'vitest';

const cli = path.resolve(import.meta.dirname, '../bin/cluster-insight.js');
const run = promisify(execFile);

interface Printed {
  container: string;
  cpuRequest: number | null;
  cpuLimit: number | null;
  memRequest: number | null;
  memLimit: number | null;
  current: { cpuRequest: number | null; cpuLimit: number | null; memRequest: number | null; memLimit: number | null };
  evidence: { coverage: { minutes: number } };
}

it('`recommend --context` prints what the agent stored, recomputed against the live specs', async () => {
  const kubeconfig = inject('testclusterKubeconfig');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-recommend-'));
  const agent = spawn(process.execPath, [cli, 'agent', '--kubeconfig', kubeconfig, '--context', 'testcluster', '--interval', '1s', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  agent.stderr.on('data', (c: Buffer) => (stderr += c));
  try {
    // 60× kubelets and a cycle a second: about 40 simulated minutes.
    const deadline = Date.now() + 60_000;
    while ((stderr.match(/metrics: \d+ container-minutes/g) ?? []).length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect((stderr.match(/metrics: \d+ container-minutes/g) ?? []).length, stderr).toBeGreaterThanOrEqual(40);

    // Beside the running agent: it reads the store and never writes it.
    const { stdout } = await run(process.execPath, [cli, 'recommend', '--kubeconfig', kubeconfig, '--context', 'testcluster', '--data-dir', dataDir, '--json'], { maxBuffer: 64 << 20 });
    const printed = JSON.parse(stdout) as Printed[];
    const gateway = printed.find((r) => r.container === 'shop/Deployment/api-gateway/gateway');
    expect(gateway, stdout.slice(0, 2000)).toBeDefined();
    expect(gateway!.current.cpuLimit).toBe(0.5);
    expect(gateway!.cpuLimit === null || gateway!.cpuLimit >= 1).toBe(true);
    expect(gateway!.evidence.coverage.minutes).toBeGreaterThan(20);
    expect(printed.find((r) => r.container === 'shop/Deployment/frontend/web')!.cpuRequest!).toBeLessThan(1);
  } finally {
    agent.kill('SIGTERM');
    await new Promise((resolve) => agent.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);

it('`recommend --context` with a data folder holding no metrics says where it looked and what to run', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-recommend-empty-'));
  try {
    const failed = await run(process.execPath, [cli, 'recommend', '--kubeconfig', inject('testclusterKubeconfig'), '--context', 'testcluster', '--data-dir', empty, '--json']).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain(empty);
    expect(failed?.stderr).toMatch(/cluster-insight agent --context testcluster/);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
