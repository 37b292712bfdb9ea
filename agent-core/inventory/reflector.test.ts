import type http from 'node:http';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCertificateAuthority, issueCertificate } from '../../sim/controlplane/pki.ts';
import type { ServedResource } from './api-discovery.ts';
import type { KubeObject } from './kube-object.ts';
import { MASK, maskObject } from './masking.ts';
import { Reflector, type ReflectorOptions, type ReflectorStatus, type ReflectorStore } from './reflector.ts';
import { container, pod } from './testing/fixtures.ts';
import {
  listBody,
  sendJson,
  sendStatus,
  startScriptedApiServer,
  startWatchResponse,
  watchLine,
  type ScriptedApiServer,
  type ScriptedRequest,
  type ServerTls,
} from './testing/scripted-api-server.ts';
import { KIND_INFO } from './watched-kinds.ts';

const PODS: ServedResource = { ...KIND_INFO.Pod, version: 'v1', apiVersion: 'v1', collectionPath: '/api/v1/pods' };

type WatchScript = (res: http.ServerResponse, req: ScriptedRequest) => void | Promise<void>;

/** A pods collection: LIST answers from `list`, each WATCH takes the next script (then hangs open until the client leaves). */
function podsScript(list: (req: ScriptedRequest, res: http.ServerResponse) => void, watches: WatchScript[]) {
  return (req: ScriptedRequest, res: http.ServerResponse) => {
    if (req.query.get('watch')) {
      const next = watches.shift();
      if (next) return next(res, req);
      startWatchResponse(res);
      return;
    }
    list(req, res);
  };
}

function recordingStore() {
  const calls: { op: string; names: string[]; objects: KubeObject[]; resourceVersion?: string }[] = [];
  const store: ReflectorStore = {
    replace: (objects, resourceVersion) => calls.push({ op: 'replace', names: objects.map((o) => o.metadata!.name!), objects, resourceVersion }),
    apply: (type, object) => calls.push({ op: type, names: [object.metadata!.name!], objects: [object] }),
  };
  return { store, calls };
}

const secretPod = (name: string, rv: string) =>
  pod(name, [container('app', undefined, { env: [{ name: 'PASSWORD', value: 'do-not-leak-me' }], args: ['--token=hunter2'] })], { resourceVersion: rv });

const fast = { initialMs: 20, capMs: 200, jitter: 0 };

let server: ScriptedApiServer | undefined;
let reflector: Reflector | undefined;
afterEach(async () => {
  await reflector?.stop();
  await server?.close();
  reflector = server = undefined;
});

async function startReflector(script: Parameters<typeof startScriptedApiServer>[0], options: Partial<ReflectorOptions> = {}, tls?: ServerTls) {
  server = await startScriptedApiServer(script, tls);
  const { store, calls } = recordingStore();
  const statuses: ReflectorStatus[] = [];
  reflector = new Reflector({
    kubeConfig: server.kubeConfig,
    resource: PODS,
    store,
    transform: maskObject,
    onStatus: (s) => statuses.push(s),
    backoff: fast,
    watchTimeoutSeconds: () => 300,
    ...options,
  });
  reflector.start();
  return { server, reflector, calls, statuses };
}

const lists = (s: ScriptedApiServer) => s.requests.filter((r) => r.path === '/api/v1/pods' && !r.query.get('watch'));
const watches = (s: ScriptedApiServer) => s.requests.filter((r) => r.query.get('watch'));

describe('Reflector: LIST', () => {
  it('pages with limit and continue, stores the whole list once, then watches from its resourceVersion with bookmarks', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((n) => secretPod(n, '7'));
    // How many items were already masked when each page was asked for: each page is transformed as it arrives.
    let masked = 0;
    const maskedBeforePage: number[] = [];
    const { server, calls, statuses } = await startReflector(
      podsScript((req, res) => {
        maskedBeforePage.push(masked);
        const offset = Number(req.query.get('continue') ?? 0);
        const limit = Number(req.query.get('limit'));
        const next = offset + limit < items.length ? String(offset + limit) : undefined;
        sendJson(res, 200, listBody(items.slice(offset, offset + limit), '100', next, next ? items.length - offset - limit : undefined));
      }, []),
      { pageSize: 2, watchTimeoutSeconds: undefined, transform: (o) => (masked++, maskObject(o)) },
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(1));
    expect(maskedBeforePage.slice(0, 3)).toEqual([0, 2, 4]);
    expect(JSON.stringify(calls)).not.toMatch(/hunter2|do-not-leak-me/);
    expect(lists(server).map((r) => [r.query.get('limit'), r.query.get('continue')])).toEqual([
      ['2', null],
      ['2', '2'],
      ['2', '4'],
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ op: 'replace', names: ['a', 'b', 'c', 'd', 'e'], resourceVersion: '100' });
    expect(calls[0]!.objects[0]).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    const watch = watches(server)[0]!.query;
    expect(watch.get('resourceVersion')).toBe('100');
    expect(watch.get('allowWatchBookmarks')).toBe('true');
    const timeout = Number(watch.get('timeoutSeconds'));
    expect(timeout).toBeGreaterThanOrEqual(300);
    expect(timeout).toBeLessThanOrEqual(600);
    expect(statuses.filter((s) => s.state === 'listing' && !s.synced).map((s) => [s.listed, s.remaining])).toEqual([
      [0, undefined],
      [2, 3],
      [4, 1],
      [5, undefined],
    ]);
    expect(statuses.find((s) => s.synced)).toMatchObject({ listed: 5, resourceVersion: '100' });
  });

  it('starts the list over when a continue token expires (410) mid-list', async () => {
    let expiredOnce = false;
    const { server, calls } = await startReflector(
      podsScript((req, res) => {
        const token = req.query.get('continue');
        if (token === 'old' && !expiredOnce) {
          expiredOnce = true;
          return sendStatus(res, 410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.');
        }
        if (!token) return sendJson(res, 200, listBody([secretPod(expiredOnce ? 'a2' : 'a', '1')], expiredOnce ? '200' : '100', expiredOnce ? 'new' : 'old'));
        sendJson(res, 200, listBody([secretPod('b', '1')], '200'));
      }, []),
      { pageSize: 1 },
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(1));
    expect(lists(server).map((r) => r.query.get('continue'))).toEqual([null, 'old', null, 'new']);
    expect(calls).toEqual([expect.objectContaining({ op: 'replace', names: ['a2', 'b'], resourceVersion: '200' })]);
    expect(watches(server)[0]!.query.get('resourceVersion')).toBe('200');
  });
});

describe('Reflector: WATCH', () => {
  const listAt = (rv: string, names = ['a']) => (_req: ScriptedRequest, res: http.ServerResponse) => sendJson(res, 200, listBody(names.map((n) => secretPod(n, rv)), rv));

  it('applies events split across chunks, tracks bookmarks, and resumes from the last resourceVersion after a clean end', async () => {
    const { server, calls } = await startReflector(
      podsScript(listAt('10'), [
        async (res) => {
          startWatchResponse(res);
          const stream = watchLine('ADDED', secretPod('b', '11')) + watchLine('MODIFIED', secretPod('a', '12')) + watchLine('DELETED', secretPod('b', '13'));
          for (const piece of [stream.slice(0, 17), stream.slice(17, 150), stream.slice(150)]) {
            res.write(piece);
            await new Promise((r) => setTimeout(r, 20));
          }
          res.write(watchLine('BOOKMARK', { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '20' } }));
          res.end();
        },
      ]),
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(2));
    expect(calls.map((c) => `${c.op} ${c.names.join()}`)).toEqual(['replace a', 'ADDED b', 'MODIFIED a', 'DELETED b']);
    expect(watches(server).map((w) => w.query.get('resourceVersion'))).toEqual(['10', '20']);
    expect(lists(server)).toHaveLength(1);
  });

  it('resumes from the last resourceVersion after the connection drops mid-stream', async () => {
    const { server, calls } = await startReflector(
      podsScript(listAt('10'), [
        async (res) => {
          startWatchResponse(res);
          res.write(watchLine('ADDED', secretPod('b', '15')));
          res.write('{"type":"MODIFIED","obj');
          await new Promise((r) => setTimeout(r, 1100));
          res.socket?.destroy();
        },
      ]),
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(2), { timeout: 5000 });
    expect(watches(server)[1]!.query.get('resourceVersion')).toBe('15');
    expect(lists(server)).toHaveLength(1);
    expect(calls.map((c) => `${c.op} ${c.names.join()}`)).toEqual(['replace a', 'ADDED b']);
  });

  it('backs off on a watch that ends at once without events, and on undecodable lines resumes from the last resourceVersion', async () => {
    const { server, calls } = await startReflector(
      podsScript(listAt('10'), [
        (res) => {
          startWatchResponse(res);
          res.end();
        },
        (res) => {
          startWatchResponse(res);
          res.write(watchLine('ADDED', secretPod('b', '11')));
          res.write('this is not json\n');
        },
      ]),
      { backoff: { initialMs: 300, jitter: 0 } },
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(3), { timeout: 5000 });
    const [first, second, third] = watches(server);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(290);
    expect(third!.query.get('resourceVersion')).toBe('11');
    expect(lists(server)).toHaveLength(1);
    expect(calls.map((c) => c.op)).toEqual(['replace', 'ADDED']);
  });

  it('survives a store that throws on an event: backs off and watches again from the last resourceVersion', async () => {
    server = await startScriptedApiServer(
      podsScript(listAt('10'), [
        (res) => {
          startWatchResponse(res);
          res.write(watchLine('ADDED', secretPod('ok', '11')));
          res.write(watchLine('ADDED', secretPod('poison', '12')));
        },
      ]),
    );
    const applied: string[] = [];
    const errors: string[] = [];
    reflector = new Reflector({
      kubeConfig: server.kubeConfig,
      resource: PODS,
      backoff: fast,
      onStatus: (s) => s.lastError && errors.push(s.lastError.message),
      store: {
        replace: () => undefined,
        apply: (_type, object) => {
          if (object.metadata!.name === 'poison') throw new Error('store bug');
          applied.push(object.metadata!.name!);
        },
      },
    });
    reflector.start();
    const current = server;
    await vi.waitFor(() => expect(watches(current)).toHaveLength(2));
    expect(watches(current)[1]!.query.get('resourceVersion')).toBe('11');
    expect(applied).toEqual(['ok']);
    expect(errors).toContain('store bug');
    // The watch that followed is healthy: the error no longer shows.
    const healthy = reflector;
    await vi.waitFor(() => {
      expect(healthy.snapshot()).toMatchObject({ state: 'watching' });
      expect(healthy.snapshot()).not.toHaveProperty('lastError');
    });
  });

  it('honours Retry-After on 429 and backs off on 500 before watching again', async () => {
    const { server, statuses } = await startReflector(
      podsScript(listAt('10'), [
        (res) => sendStatus(res, 429, 'TooManyRequests', 'slow down', { 'Retry-After': '1' }),
        (res) => sendStatus(res, 500, 'InternalError', 'etcd hiccup'),
      ]),
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(3), { timeout: 5000 });
    const [first, second, third] = watches(server);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(35);
    expect(watches(server).every((w) => w.query.get('resourceVersion') === '10')).toBe(true);
    expect(statuses.map((s) => s.lastError?.status).filter(Boolean)).toEqual(expect.arrayContaining([429, 500]));
  });
});

describe('Reflector: 410 Gone, over HTTPS as against a real API server', () => {
  const listAt = (rv: string, names = ['a']) => (_req: ScriptedRequest, res: http.ServerResponse) => sendJson(res, 200, listBody(names.map((n) => secretPod(n, rv)), rv));
  let tls: ServerTls;
  beforeAll(async () => {
    const ca = await createCertificateAuthority('scripted-ca');
    tls = { ...(await issueCertificate(ca, { commonName: 'apiserver' }, { ips: ['127.0.0.1'] })), caPem: ca.pem.cert };
  });

  it('relists on an ERROR event with code 410, then watches from the new list', async () => {
    let listed = 0;
    const { server, calls, statuses } = await startReflector(
      podsScript(
        (_req, res) => {
          listed++;
          sendJson(res, 200, listBody([secretPod(listed === 1 ? 'a' : 'fresh', String(listed * 100))], String(listed * 100)));
        },
        [
          (res) => {
            startWatchResponse(res);
            res.write(watchLine('ERROR', { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version: 100 (150)', reason: 'Expired', code: 410 }));
          },
        ],
      ),
      {},
      tls,
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(2));
    expect(lists(server)).toHaveLength(2);
    expect(calls.map((c) => `${c.op} ${c.names.join()}`)).toEqual(['replace a', 'replace fresh']);
    expect(watches(server)[1]!.query.get('resourceVersion')).toBe('200');
    expect(statuses.at(-1)).toMatchObject({ relists: 1, synced: true, state: 'watching' });
  });

  it('relists on HTTP 410 Gone to the watch request', async () => {
    const { server } = await startReflector(
      podsScript(listAt('10'), [(res) => sendStatus(res, 410, 'Expired', 'too old resource version: 10 (99)')]),
      {},
      tls,
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(2));
    expect(lists(server)).toHaveLength(2);
  });

});

describe('Reflector: permissions', () => {
  it('falls back to periodic relists when watch is refused (403), without a crash loop', async () => {
    const { server, statuses } = await startReflector(
      podsScript((_req, res) => sendJson(res, 200, listBody([secretPod('a', '1')], '10')), [
        (res) => sendStatus(res, 403, 'Forbidden', 'pods is forbidden: User "viewer" cannot watch resource "pods"'),
      ]),
      { relistIntervalMs: 150 },
    );
    await vi.waitFor(() => expect(lists(server).length).toBeGreaterThanOrEqual(3));
    expect(watches(server)).toHaveLength(1);
    expect(statuses.at(-1)).toMatchObject({ watchAllowed: false, synced: true });
    expect(statuses.some((s) => s.state === 'relisting-periodically')).toBe(true);
  });

  it('with watch denied up front, lists periodically and never watches', async () => {
    const { server } = await startReflector(
      podsScript((_req, res) => sendJson(res, 200, listBody([], '10')), []),
      { watch: false, relistIntervalMs: 100 },
    );
    await vi.waitFor(() => expect(lists(server).length).toBeGreaterThanOrEqual(2));
    expect(watches(server)).toHaveLength(0);
  });

  it('reports a refused list (403) as forbidden and retries slowly, not in a loop', async () => {
    const { server, statuses } = await startReflector(
      podsScript((_req, res) => sendStatus(res, 403, 'Forbidden', 'pods is forbidden'), []),
      { forbiddenRetryMs: 300 },
    );
    await vi.waitFor(() => expect(lists(server).length).toBeGreaterThanOrEqual(2));
    expect(statuses.at(-1)).toMatchObject({ state: 'forbidden', synced: false, lastError: { status: 403 } });
    const [first, second] = lists(server);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(290);
  });
});

describe('Reflector: masking on every path', () => {
  it('masks the initial list, watch events and the relist after 410', async () => {
    let listed = 0;
    const { server, calls } = await startReflector(
      podsScript(
        (_req, res) => {
          listed++;
          sendJson(res, 200, listBody([secretPod(`listed-${listed}`, String(listed * 100))], String(listed * 100)));
        },
        [
          (res) => {
            startWatchResponse(res);
            res.write(watchLine('ADDED', secretPod('watched', '101')));
            res.write(watchLine('MODIFIED', secretPod('watched', '102')));
            res.write(watchLine('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' }));
          },
        ],
      ),
    );
    await vi.waitFor(() => expect(calls.map((c) => c.op)).toEqual(['replace', 'ADDED', 'MODIFIED', 'replace']));
    const containers = calls.flatMap((c) => c.objects).map((o) => (o.spec as { containers: { env: unknown; args: unknown }[] }).containers[0]);
    expect(containers).toHaveLength(4);
    for (const c of containers) expect(c).toMatchObject({ env: [{ name: 'PASSWORD', value: MASK }], args: [MASK] });
    expect(JSON.stringify(calls)).not.toMatch(/do-not-leak-me|hunter2/);
    expect(watches(server).length).toBeGreaterThanOrEqual(1);
  });
});

describe('Reflector: resume and stop', () => {
  it('resumeFrom watches without listing; a 410 then relists', async () => {
    const { server, calls } = await startReflector(
      podsScript((_req, res) => sendJson(res, 200, listBody([secretPod('a', '1')], '500')), [
        (res) => sendStatus(res, 410, 'Expired', 'too old resource version: 1 (400)'),
      ]),
      { resumeFrom: '1' },
    );
    await vi.waitFor(() => expect(watches(server)).toHaveLength(2));
    expect(server.requests.map((r) => (r.query.get('watch') ? `watch@${r.query.get('resourceVersion')}` : 'list'))).toEqual(['watch@1', 'list', 'watch@500']);
    expect(calls.map((c) => c.op)).toEqual(['replace']);
  });

  it('stop() ends a hanging watch, a backoff wait and a slow list promptly', async () => {
    const watching = await startReflector(podsScript((_req, res) => sendJson(res, 200, listBody([], '1')), []));
    await vi.waitFor(() => expect(watches(watching.server)).toHaveLength(1));
    let started = Date.now();
    await watching.reflector.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(watching.reflector.snapshot().state).toBe('stopped');
    await watching.server.close();

    const waiting = await startReflector((_req, res) => sendStatus(res, 500, 'InternalError', 'down'), { backoff: { initialMs: 60_000, jitter: 0 } });
    await vi.waitFor(() => expect(waiting.server.requests).toHaveLength(1));
    started = Date.now();
    await waiting.reflector.stop();
    expect(Date.now() - started).toBeLessThan(500);
    await waiting.server.close();

    const slow = await startReflector(() => {
      // Never answers.
    });
    await vi.waitFor(() => expect(slow.server.requests).toHaveLength(1));
    started = Date.now();
    await slow.reflector.stop();
    expect(Date.now() - started).toBeLessThan(500);
  });
});
