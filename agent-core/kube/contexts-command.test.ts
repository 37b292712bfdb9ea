import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContextSummary } from './kubeconfig-context.ts';
import { runCli } from './test-support/run-cli.ts';
import { tempDir, writeFile } from './test-support/temp-files.ts';

const KUBECTL = '/usr/bin/kubectl';
// Under CI a missing kubectl must fail the comparison, not skip it.
const hasKubectl = fs.existsSync(KUBECTL) || process.env.CI === 'true';

/** Two files that define some of the same names differently, and one context whose cluster no file defines. */
function writeOverlappingKubeconfigs(dir: string): { a: string; b: string } {
  const a = writeFile(dir, 'a/config', {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'zeta',
    clusters: [
      { name: 'shared', cluster: { server: 'https://a.example:6443' } },
      { name: 'only-a', cluster: { server: 'https://only-a.example:6443' } },
    ],
    users: [{ name: 'shared-user', user: { token: 'a' } }],
    contexts: [
      { name: 'zeta', context: { cluster: 'shared', user: 'shared-user', namespace: 'from-a' } },
      { name: 'Alpha', context: { cluster: 'only-a', user: 'shared-user' } },
      { name: 'mid', context: { cluster: 'shared', user: 'shared-user' } },
    ],
  });
  const b = writeFile(dir, 'b/config', {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'alpha',
    clusters: [{ name: 'shared', cluster: { server: 'https://b.example:6443' } }],
    users: [
      { name: 'shared-user', user: { token: 'b' } },
      { name: 'b-user', user: { token: 'b2' } },
    ],
    contexts: [
      { name: 'zeta', context: { cluster: 'only-a', user: 'b-user', namespace: 'from-b' } },
      { name: 'alpha', context: { cluster: 'shared', user: 'b-user', namespace: 'team' } },
      { name: '_lost', context: { cluster: 'nowhere', user: 'b-user' } },
      { name: 'mid', context: { cluster: 'only-a', user: 'b-user', namespace: 'from-b' } },
    ],
  });
  return { a, b };
}

function kubectl(args: string[], kubeconfig: string): string {
  return execFileSync(KUBECTL, args, { env: { PATH: process.env.PATH, HOME: path.dirname(kubeconfig), KUBECONFIG: kubeconfig }, encoding: 'utf8' });
}

/** `kubectl config get-contexts` rows, cut at the header's column starts (empty cells make splitting on spaces ambiguous). */
function parseGetContexts(table: string): { current: boolean; name: string; cluster: string; user: string; namespace: string }[] {
  const [header, ...rows] = table.trimEnd().split('\n');
  const starts = ['NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'].map((h) => header!.indexOf(h));
  const cell = (row: string, i: number) => row.slice(starts[i], starts[i + 1]).trim();
  return rows.map((row) => ({
    current: row.startsWith('*'),
    name: cell(row, 0),
    cluster: cell(row, 1),
    user: cell(row, 2),
    namespace: cell(row, 3),
  }));
}

describe('cluster-insight contexts', () => {
  it.skipIf(!hasKubectl)('lists the same contexts, order, winners and current context as kubectl for KUBECONFIG=A:B', async () => {
    const dir = tempDir();
    const { a, b } = writeOverlappingKubeconfigs(dir);
    const kubeconfig = [a, b].join(path.delimiter);

    const run = await runCli(['contexts', '--json', '--kubeconfig', kubeconfig]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const ours = JSON.parse(run.stdout) as ContextSummary[];

    const theirs = parseGetContexts(kubectl(['config', 'get-contexts'], kubeconfig));
    expect(ours.map((c) => ({ current: c.current, name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace ?? '' }))).toEqual(theirs);
    // Spelled out, so that a kubectl that merged differently would show here, not just "equal to kubectl".
    expect(theirs.map((c) => c.name)).toEqual(['Alpha', '_lost', 'alpha', 'mid', 'zeta']);

    const merged = JSON.parse(kubectl(['config', 'view', '--merge', '-o', 'json'], kubeconfig)) as {
      clusters: { name: string; cluster: { server: string } }[];
    };
    const serverOf = new Map(merged.clusters.map((c) => [c.name, c.cluster.server]));
    expect(ours.map((c) => c.server)).toEqual(ours.map((c) => serverOf.get(c.cluster) ?? null));

    const current = kubectl(['config', 'current-context'], kubeconfig).trim();
    expect(ours.filter((c) => c.current).map((c) => c.name)).toEqual([current]);
  });

  it('also reads KUBECONFIG and prints a table by default', async () => {
    const dir = tempDir();
    const { a, b } = writeOverlappingKubeconfigs(dir);
    const run = await runCli(['contexts'], { ...process.env, KUBECONFIG: [a, b].join(path.delimiter) });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CURRENT\s+NAME\s+CLUSTER\s+USER\s+NAMESPACE\s+SERVER$/);
    expect(lines.find((l) => l.startsWith('*'))).toMatch(/^\*\s+zeta\s+shared\s+shared-user\s+from-a\s+https:\/\/a\.example:6443$/);
    expect(lines.find((l) => l.includes('_lost'))).toContain('(no such cluster)');
  });

  it('exits 2 with the file named when --kubeconfig does not exist', async () => {
    const missing = path.join(tempDir(), 'nope.yaml');
    const run = await runCli(['contexts', '--kubeconfig', missing]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error: The kubeconfig file ${missing} given with --kubeconfig does not exist`);
  });

  it('exits 2 naming file and line for a YAML syntax error', async () => {
    const bad = writeFile(tempDir(), 'config', 'contexts:\n  - name: [unclosed\n');
    const run = await runCli(['contexts', '--kubeconfig', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`error: ${bad}:\\d+:\\d+: YAML syntax error`));
  });
});
