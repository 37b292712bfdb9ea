import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, inject, it } from 'vitest';
import type { AuditEntry } from '../agent-core/apply/audit-trail.ts';
import { openMetricsStore } from '../agent-core/store/index.ts';
import { inFreshNamespace, workload } from './fresh-namespace.ts';
import { kubectl } from './kubectl.ts';
import type {} from './provided-context.ts';

const cli = path.resolve(import.meta.dirname, '../bin/cluster-insight.js');
const exec = promisify(execFile);
const kubeconfig = inject('testclusterKubeconfig');
const admin = kubectl(kubeconfig, { context: 'testcluster' });
const MI = 1024 * 1024;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-apply-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
/** The CLI as a user runs it; stdin is a pipe, not a terminal. */
const run = (...args: string[]): Promise<Ran> =>
  exec(process.execPath, [cli, ...args, '--kubeconfig', kubeconfig, '--context', 'testcluster'], { maxBuffer: 16 << 20 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );

interface Deployment {
  metadata: { resourceVersion: string; uid: string };
  spec: { template: { spec: { containers: { name: string; resources: unknown }[] } } };
  status?: { availableReplicas?: number; updatedReplicas?: number };
}

it('`apply` prints the dry-run diff, refuses without a terminal, applies with --yes, undoes from the audit log; `audit --json` lists every step', async () => {
  const namespace = await inFreshNamespace(admin, 'apply-cli', (ns) => [
    workload('Deployment', 'api', ns, {
      replicas: 1,
      containers: [{ name: 'api', image: 'api:1.0', resources: { requests: { cpu: '400m', memory: '256Mi' }, limits: { cpu: '800m', memory: '512Mi' } } }],
    }),
  ]);
  await admin('rollout', 'status', 'deployment/api', '-n', namespace, '--timeout=90s');
  const get = () => admin.json<Deployment>('get', 'deployment', 'api', '-n', namespace, '-o', 'json');
  const resources = async () => (await get()).spec.template.spec.containers[0]!.resources;
  const before = await get();

  // What the agent would have stored: a recommendation for that container (the engine is tested on its own).
  const dataDir = path.join(tmp, namespace);
  fs.mkdirSync(dataDir);
  const recommendationId = `rec-${namespace}`;
  const store = openMetricsStore({ dataDir });
  store.replaceRecommendations([
    {
      id: recommendationId,
      workloadUid: before.metadata.uid,
      container: `${namespace}/Deployment/api/api`,
      computedAt: Date.now(),
      body: {
        id: recommendationId,
        container: `${namespace}/Deployment/api/api`,
        workload: { uid: before.metadata.uid, kind: 'Deployment', namespace, name: 'api' },
        containerName: 'api',
        current: { cpuRequest: 0.4, cpuLimit: 0.8, memRequest: 256 * MI, memLimit: 512 * MI },
        proposed: { cpuRequest: 0.15, cpuLimit: null, memRequest: 192 * MI, memLimit: 384 * MI },
      },
    },
  ]);
  store.close();

  const dryRun = await run('apply', '--recommendation', recommendationId, '--data-dir', dataDir, '--dry-run');
  expect(dryRun.code, dryRun.stderr).toBe(0);
  expect(dryRun.stdout).toContain(`Deployment ${namespace}/api, container api`);
  expect(dryRun.stdout).toMatch(/^\+ +cpu: 150m$/m);
  expect(dryRun.stdout).toMatch(/^- +cpu: 800m$/m);
  expect(dryRun.stdout).toMatch(/Rolling update: 1 pod replaced/);
  expect((await get()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

  const unconfirmed = await run('apply', '--recommendation', recommendationId, '--data-dir', dataDir);
  expect(unconfirmed.code).toBe(2);
  expect(unconfirmed.stderr).toMatch(/Not applied: stdin is not a terminal.*--yes/);
  expect((await get()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

  const applied = await run('apply', '--recommendation', recommendationId, '--data-dir', dataDir, '--yes');
  expect(applied.code, applied.stderr).toBe(0);
  expect(applied.stdout).toMatch(/^rollout: .*updated/m);
  expect(applied.stdout).toMatch(/^rollout complete: 1 of 1 replicas updated and available$/m);
  expect(await resources()).toEqual({ requests: { cpu: '150m', memory: '192Mi' }, limits: { memory: '384Mi' } });

  await admin('rollout', 'status', 'deployment/api', '-n', namespace, '--timeout=90s');
  const undone = await run('apply', '--recommendation', recommendationId, '--data-dir', dataDir, '--undo', '--yes');
  expect(undone.code, undone.stderr).toBe(0);
  expect(undone.stdout).toMatch(/^Undo: Deployment/m);
  expect(await resources()).toEqual({ requests: { cpu: '400m', memory: '256Mi' }, limits: { cpu: '800m', memory: '512Mi' } });

  const again = await run('apply', '--recommendation', recommendationId, '--data-dir', dataDir, '--undo', '--yes');
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/already an undo/);

  const listed = await exec(process.execPath, [cli, 'audit', '--data-dir', dataDir, '--json']);
  const entries = JSON.parse(listed.stdout) as AuditEntry[];
  expect(entries.map((e) => [e.dryRun, e.outcome, e.undo ?? false])).toEqual([
    [false, 'ok', true],
    [true, 'ok', true],
    [false, 'ok', false],
    [true, 'ok', false],
    [false, 'refused', false],
    [true, 'ok', false],
    [true, 'ok', false],
  ]);
  for (const e of entries) {
    expect(e).toMatchObject({
      recommendationId,
      serviceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      containerId: `${namespace}/Deployment/api/api`,
      namespace,
      service: 'api',
      kind: 'Deployment',
      who: expect.any(String),
      when: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  }
  expect(entries[4]!.message).toMatch(/stdin is not a terminal/);
  const text = await exec(process.execPath, [cli, 'audit', '--data-dir', dataDir]);
  expect(text.stdout.trim().split('\n')).toHaveLength(7);
}, 180_000);
