import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverKubeconfigFiles, loadKubeconfig, readKubeconfigFile } from './kubeconfig-files.ts';
import { UserFacingError } from './user-facing-error.ts';
import { tempDir, writeFile } from './test-support/temp-files.ts';

const list = (...files: string[]) => files.join(path.delimiter);

function thrown(fn: () => unknown): UserFacingError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserFacingError) return err;
    throw err;
  }
  throw new Error('expected a UserFacingError');
}

describe('discoverKubeconfigFiles', () => {
  it('prefers --kubeconfig, then KUBECONFIG, then ~/.kube/config', () => {
    const dir = tempDir();
    const home = writeFile(dir, 'home/.kube/config', 'contexts: []');
    const env = writeFile(dir, 'env.yaml', 'contexts: []');
    const flag = writeFile(dir, 'flag.yaml', 'contexts: []');
    const homeDir = path.join(dir, 'home');

    expect(discoverKubeconfigFiles({ kubeconfig: flag, env: { KUBECONFIG: env }, homeDir })).toEqual({ kind: 'flag', files: [flag], missing: [] });
    expect(discoverKubeconfigFiles({ env: { KUBECONFIG: env }, homeDir })).toEqual({ kind: 'env', files: [env], missing: [] });
    expect(discoverKubeconfigFiles({ env: {}, homeDir })).toEqual({ kind: 'default', files: [home], missing: [] });
  });

  it('splits KUBECONFIG on the path delimiter, ignoring empty entries and duplicates, skipping missing files', () => {
    const dir = tempDir();
    const a = writeFile(dir, 'a.yaml', '');
    const b = writeFile(dir, 'b.yaml', '');
    const missing = path.join(dir, 'missing.yaml');
    const source = discoverKubeconfigFiles({ env: { KUBECONFIG: `${path.delimiter}${list(a, missing, '', b, a)}` }, homeDir: dir });
    expect(source).toEqual({ kind: 'env', files: [a, b], missing: [missing] });
  });

  it('uses KUBECONFIG even when none of its files exist, as kubectl does (no fallback to ~/.kube/config)', () => {
    const dir = tempDir();
    writeFile(dir, 'home/.kube/config', 'contexts: []');
    const source = discoverKubeconfigFiles({ env: { KUBECONFIG: path.join(dir, 'nope') }, homeDir: path.join(dir, 'home') });
    expect(source.files).toEqual([]);
  });

  it('treats a missing ~/.kube/config as no files', () => {
    const dir = tempDir();
    expect(discoverKubeconfigFiles({ env: {}, homeDir: dir })).toEqual({ kind: 'default', files: [], missing: [path.join(dir, '.kube', 'config')] });
  });

  it('refuses a missing --kubeconfig file, naming it and the fix', () => {
    const dir = tempDir();
    const a = writeFile(dir, 'a.yaml', '');
    const missing = path.join(dir, 'typo.yaml');
    const err = thrown(() => discoverKubeconfigFiles({ kubeconfig: list(a, missing), env: {} }));
    expect(err.code).toBe('kubeconfig-not-found');
    expect(err.message).toContain(missing);
    expect(err.message).toContain('Fix the path');
  });
});

describe('loadKubeconfig', () => {
  it('merges by kubectl rules: first file to define a name wins, first current-context wins', () => {
    const dir = tempDir();
    const a = writeFile(
      dir,
      'a/config',
      [
        'clusters: [{name: shared, cluster: {server: "https://a:6443"}}]',
        'users: [{name: shared, user: {token: from-a}}]',
        'contexts:',
        '- name: shared',
        '  context: {cluster: shared, user: shared, namespace: ns-a}',
      ].join('\n'),
    );
    const b = writeFile(dir, 'b/config', {
      'current-context': 'only-b',
      clusters: [
        { name: 'shared', cluster: { server: 'https://b:6443' } },
        { name: 'only-b', cluster: { server: 'https://only-b:6443' } },
      ],
      users: [{ name: 'shared', user: { token: 'from-b' } }],
      contexts: [
        { name: 'shared', context: { cluster: 'only-b', user: 'shared', namespace: 'ns-b' } },
        { name: 'only-b', context: { cluster: 'only-b', user: 'shared' } },
      ],
    });
    const c = writeFile(dir, 'c/config', { 'current-context': 'shared' });
    const merged = loadKubeconfig({ kubeconfig: list(a, b, c), env: {} });

    expect(merged.currentContext).toBe('only-b');
    expect(merged.clusters.get('shared')?.server).toBe('https://a:6443');
    expect(merged.clusters.get('only-b')?.server).toBe('https://only-b:6443');
    expect(merged.users.get('shared')?.token).toBe('from-a');
    expect(merged.contexts.get('shared')).toMatchObject({ cluster: 'shared', namespace: 'ns-a', origin: { file: a, line: 4 } });
    expect(merged.contexts.get('only-b')?.origin.file).toBe(b);
  });

  it('resolves relative paths against the folder of the file that defined them', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'conf/kubeconfig', {
      clusters: [{ name: 'c', cluster: { server: 'https://c', 'certificate-authority': 'pki/ca.crt' } }],
      users: [
        {
          name: 'certs',
          user: { 'client-certificate': 'pki/me.crt', 'client-key': '/abs/me.key', tokenFile: '../token' },
        },
        { name: 'plugin-by-path', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './bin/get-token' } } },
        { name: 'plugin-on-path', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'aws' } } },
      ],
    });
    const merged = loadKubeconfig({ kubeconfig: file, env: {} });
    const conf = path.join(dir, 'conf');
    expect(merged.clusters.get('c')?.certificateAuthority).toBe(path.join(conf, 'pki/ca.crt'));
    expect(merged.users.get('certs')).toMatchObject({
      clientCertificate: path.join(conf, 'pki/me.crt'),
      clientKey: '/abs/me.key',
      tokenFile: path.join(dir, 'token'),
    });
    expect(merged.users.get('plugin-by-path')?.exec?.command).toBe(path.join(conf, 'bin/get-token'));
    expect(merged.users.get('plugin-on-path')?.exec?.command).toBe('aws');
  });

  it('keeps names as written, like kubectl: 1.10 and yes stay strings', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'config', 'contexts:\n- name: 1.10\n  context: {cluster: yes, namespace: 007}\n');
    const ctx = loadKubeconfig({ kubeconfig: file, env: {} }).contexts.get('1.10');
    expect(ctx).toMatchObject({ cluster: 'yes', namespace: '007' });
  });

  it('reads an empty file, or one of comments only, as an empty kubeconfig', () => {
    const dir = tempDir();
    const empty = writeFile(dir, 'empty', '');
    const comments = writeFile(dir, 'comments', '# nothing here\n');
    const merged = loadKubeconfig({ kubeconfig: list(empty, comments), env: {} });
    expect(merged.contexts.size).toBe(0);
    expect(merged.currentContext).toBeUndefined();
  });

  it('reports a YAML syntax error with the file and line, and says to fix it', () => {
    const dir = tempDir();
    const good = writeFile(dir, 'good', 'contexts: []\n');
    const bad = writeFile(dir, 'bad', 'apiVersion: v1\nclusters:\n- name: a\n  cluster:\n    server: "https://unterminated\n');
    const err = thrown(() => loadKubeconfig({ env: { KUBECONFIG: list(good, bad) } }));
    expect(err.code).toBe('kubeconfig-yaml-syntax');
    expect(err.message).toMatch(new RegExp(`^${bad}:\\d+:\\d+: YAML syntax error`));
    expect(err.message).toContain(`Fix the YAML at line`);
  });

  it('reports a field of the wrong type with the file and line', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'config', 'clusters:\n- name: a\n  cluster:\n    server: https://a\n    insecure-skip-tls-verify: "yes"\n');
    const err = thrown(() => loadKubeconfig({ kubeconfig: file, env: {} }));
    expect(err.code).toBe('kubeconfig-invalid');
    expect(err.message).toContain(`${file}:5: clusters[0].cluster.insecure-skip-tls-verify`);
    expect(err.message).toContain('expected boolean');
  });

  it('refuses a name defined twice in one file, as kubectl does', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'config', { users: [{ name: 'me', user: {} }, { name: 'me', user: { token: 't' } }] });
    const err = thrown(() => loadKubeconfig({ kubeconfig: file, env: {} }));
    expect(err.code).toBe('kubeconfig-duplicate-name');
    expect(err.message).toContain('user "me" is defined twice');
  });

  it('says when a kubeconfig cannot be read', () => {
    const dir = tempDir();
    // root reads any file whatever its mode, so there a folder in the file's place makes the read fail.
    const asRoot = process.getuid?.() === 0;
    const file = asRoot ? dir : writeFile(dir, 'config', 'contexts: []', 0o000);
    const err = thrown(() => (asRoot ? readKubeconfigFile(file) : loadKubeconfig({ kubeconfig: file, env: {} })));
    expect(err.code).toBe('kubeconfig-unreadable');
    expect(err.message).toContain(`Cannot read kubeconfig ${file}`);
    expect(err.message).toContain(`chmod 600 ${file}`);
  });
});
