import { describe, expect, it } from 'vitest';
import { compareKubectlNames, listContexts, resolveContext } from './kubeconfig-context.ts';
import { loadKubeconfig } from './kubeconfig-files.ts';
import { UserFacingError } from './user-facing-error.ts';
import { tempDir, writeFile } from './test-support/temp-files.ts';

function load(content: unknown) {
  const file = writeFile(tempDir(), 'config', content);
  return { file, kubeconfig: loadKubeconfig({ kubeconfig: file, env: {} }) };
}

function thrown(fn: () => unknown): UserFacingError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserFacingError) return err;
    throw err;
  }
  throw new Error('expected a UserFacingError');
}

const base = {
  clusters: [
    { name: 'prod', cluster: { server: 'https://prod:6443' } },
    { name: 'serverless', cluster: {} },
  ],
  users: [{ name: 'me', user: { token: 't' } }],
};

describe('resolveContext', () => {
  it('resolves the named context, else the current one, with its cluster and user', () => {
    const { kubeconfig } = load({
      ...base,
      'current-context': 'anon',
      contexts: [
        { name: 'prod', context: { cluster: 'prod', user: 'me', namespace: 'web' } },
        { name: 'anon', context: { cluster: 'prod' } },
      ],
    });
    const prod = resolveContext(kubeconfig, 'prod');
    expect(prod.cluster.server).toBe('https://prod:6443');
    expect(prod.user?.token).toBe('t');
    expect(prod.context.namespace).toBe('web');
    const anon = resolveContext(kubeconfig);
    expect(anon.context.name).toBe('anon');
    expect(anon.user).toBeUndefined();
  });

  it('names the known contexts when asked for an unknown one', () => {
    const { kubeconfig, file } = load({ ...base, contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'me' } }, { name: 'b', context: { cluster: 'prod' } }] });
    const err = thrown(() => resolveContext(kubeconfig, 'prdo'));
    expect(err.code).toBe('context-not-found');
    expect(err.message).toContain('Context "prdo" was given but is not defined');
    expect(err.message).toContain(file);
    expect(err.message).toContain('Known contexts: b, prod.');
  });

  it('says how to pick a context when there is no current-context', () => {
    const { kubeconfig } = load({ ...base, contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'me' } }] });
    const err = thrown(() => resolveContext(kubeconfig));
    expect(err.code).toBe('no-current-context');
    expect(err.message).toContain('Pass --context NAME');
    expect(err.message).toContain('kubectl config use-context NAME');
  });

  it('reports a context whose cluster no file defines, with the context\'s file and line', () => {
    const { kubeconfig, file } = load({ ...base, contexts: [{ name: 'broken', context: { cluster: 'gone', user: 'me' } }] });
    const err = thrown(() => resolveContext(kubeconfig, 'broken'));
    expect(err.code).toBe('context-cluster-missing');
    expect(err.message).toContain(`Context "broken" (${file}:`);
    expect(err.message).toContain('names cluster "gone"');
    expect(err.message).toContain('known clusters: prod, serverless');
  });

  it('reports a context whose user no file defines', () => {
    const { kubeconfig } = load({ ...base, contexts: [{ name: 'broken', context: { cluster: 'prod', user: 'ghost' } }] });
    const err = thrown(() => resolveContext(kubeconfig, 'broken'));
    expect(err.code).toBe('context-user-missing');
    expect(err.message).toContain('names user "ghost"');
    expect(err.message).toContain('known users: me');
  });

  it('reports a cluster without a server address', () => {
    const { kubeconfig } = load({ ...base, contexts: [{ name: 'x', context: { cluster: 'serverless', user: 'me' } }] });
    const err = thrown(() => resolveContext(kubeconfig, 'x'));
    expect(err.code).toBe('cluster-no-server');
    expect(err.message).toContain('Set clusters[].cluster.server');
  });
});

describe('listContexts', () => {
  it('sorts by bytes as kubectl (Go) does, and marks the current context', () => {
    expect(['b', 'a', '_x', 'Z', 'ä'].sort(compareKubectlNames)).toEqual(['Z', '_x', 'a', 'b', 'ä']);
    const { kubeconfig } = load({
      ...base,
      'current-context': 'b',
      contexts: [
        { name: 'b', context: { cluster: 'prod', user: 'me', namespace: 'ns' } },
        { name: 'A', context: { cluster: 'nowhere' } },
      ],
    });
    expect(listContexts(kubeconfig)).toEqual([
      { name: 'A', cluster: 'nowhere', user: '', namespace: null, server: null, current: false },
      { name: 'b', cluster: 'prod', user: 'me', namespace: 'ns', server: 'https://prod:6443', current: true },
    ]);
  });
});
