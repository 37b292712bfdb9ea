import fs from 'node:fs';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { ContractClient, type SocketLike } from '../contract/contract-client.ts';
import type { SessionState } from '../contract/app-contract.ts';
import { startAppServer, type AppServer } from './index.ts';

const run = promisify(execFile);
const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function clientFor(server: AppServer): ContractClient {
  const ws = server.origin.replace(/^http/, 'ws');
  return new ContractClient({ origin: ws, token: server.token }, (url) => new WebSocket(url, { headers: { Origin: server.origin } }) as unknown as SocketLike);
}

/**
 * The status code of a refused upgrade; for an accepted one, the close code the server sent within a moment
 * (4401: bad token), or 101 when it stayed open and answered a request.
 */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'session.get', params: {} })));
    ws.on('message', (data) => {
      if (String(data).includes('"result"')) {
        ws.close();
        resolve(101);
      }
    });
    ws.on('close', (code) => resolve(code));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (err) => reject(err));
  });
}

/** GET without the URL normalisation fetch applies, as a hostile client would send it. */
function rawStatus(origin: string, requestPath: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${origin}${requestPath}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

async function untilPhase(client: ContractClient, phases: SessionState['phase'][], timeoutMs = 60_000): Promise<SessionState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await client.request('session.get', {});
    if (phases.includes(state.phase)) return state;
    if (Date.now() > deadline) throw new Error(`session stayed ${state.phase}: ${JSON.stringify(state.error)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let server: AppServer;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = tempDir('ci-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Cluster Insight</title>');
  server = await startAppServer({ kubeconfig: inject('testclusterKubeconfig'), dataDir: tempDir('ci-app-'), rendererDir, intervalMs: 1000 });
});

afterAll(async () => {
  await server?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the app server', () => {
  it('serves the page with the CSP, and refuses other hosts and paths outside the build', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Cluster Insight');
    expect(await rawStatus(server.origin, '/..%2f..%2f..%2fetc%2fpasswd')).toBe(400);
    expect(await rawStatus(server.origin, '/assets/missing.js')).toBe(404);
    // A page on another name that DNS-rebinds to 127.0.0.1 gets nothing.
    expect(await rawStatus(server.origin, '/', { Host: 'evil.example:80' })).toBe(403);
  });

  it('opens the contract socket only with the token, from the app origin', async () => {
    const ws = server.origin.replace(/^http/, 'ws');
    const good = `${ws}/contract?token=${server.token}`;
    expect(await upgradeStatus(good, { Origin: server.origin })).toBe(101);
    expect(await upgradeStatus(`${ws}/contract?token=nope`, { Origin: server.origin })).toBe(4401);
    expect(await upgradeStatus(`${ws}/contract`, { Origin: server.origin })).toBe(4401);
    expect(await upgradeStatus(good, { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(good, {})).toBe(403);
  });

  it('rejects requests that break the contract with a clear error', async () => {
    const client = clientFor(server);
    try {
      await expect(client.request('workload.charts', { uid: 'x', range: '2h' as '1h' })).rejects.toThrow(/range/);
      // The server checks too: a client that skips validation is answered with the reason.
      const raw = new WebSocket(`${server.origin.replace(/^http/, 'ws')}/contract?token=${server.token}`, { headers: { Origin: server.origin } });
      const answer = new Promise<string>((resolve) => raw.on('message', (data) => !String(data).includes('"event"') && resolve(String(data))));
      await new Promise((resolve) => raw.once('open', resolve));
      raw.send(JSON.stringify({ id: 7, method: 'workload.charts', params: { uid: 'x', range: '2h' } }));
      expect(JSON.parse(await answer)).toMatchObject({ type: 'error', id: 7, error: { code: 'bad-params', message: expect.stringContaining('range') } });
      raw.close();
      await expect(client.request('overview.get', {})).rejects.toThrow(/pick a context/);
    } finally {
      client.close();
    }
  });

  it('lists contexts, connects to one, and answers every request with what the cluster holds', async () => {
    const client = clientFor(server);
    try {
      const contexts = await client.request('contexts.list', {});
      expect(contexts.contexts.map((c) => c.name)).toEqual(expect.arrayContaining(['testcluster', 'testcluster-viewer']));
      expect(contexts.error).toBeUndefined();

      const states: string[] = [];
      client.on('session', (s) => states.push(s.phase));
      const selected = await client.request('session.select', { context: 'testcluster' });
      expect(selected.probe?.reachable).toBe(true);
      expect(selected.probe?.version).toMatch(/^v1\./);
      await untilPhase(client, ['ready']);
      expect(states).toContain('probing');
      expect((await client.request('contexts.list', {})).lastUsed).toBe('testcluster');

      // Minutes arrive: the collector runs every second against kubelets running 60× fast.
      const deadline = Date.now() + 60_000;
      let rows = (await client.request('workloads.list', { range: '1h' })).rows;
      while (!rows.some((r) => r.name === 'api-gateway' && r.cpuP95 !== null) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
        rows = (await client.request('workloads.list', { range: '1h' })).rows;
      }
      const gateway = rows.find((r) => r.name === 'api-gateway' && r.namespace === 'shop');
      expect(gateway).toMatchObject({ kind: 'Deployment', cpuRequest: 0.25, cpuLimit: 0.5, memLimit: 512 * 2 ** 20 });
      expect(gateway!.cpuP95).toBeGreaterThan(0);
      expect(gateway!.throttled).toBeGreaterThan(0);
      // ReplicaSets of a Deployment are not rows of their own; the bare pod is.
      expect(rows.filter((r) => r.kind === 'ReplicaSet').map((r) => r.name)).toEqual(['old-api']);
      expect(rows.some((r) => r.kind === 'Pod' && r.name === 'debug-shell')).toBe(true);

      const detail = await client.request('workload.get', { uid: gateway!.uid });
      expect(detail.containers.map((c) => c.name)).toContain('gateway');
      expect(detail.pods.length).toBeGreaterThan(0);
      expect(detail.ownerChain.map((o) => o.kind)).toEqual(['Deployment', 'ReplicaSet']);
      expect(detail.yaml).toContain('kind: Deployment');
      expect(detail.yaml).not.toContain('hunter2');

      const charts = await client.request('workload.charts', { uid: gateway!.uid, range: '1h', maxPoints: 100 });
      const chart = charts.containers.find((c) => c.container === 'gateway');
      expect(chart?.points.length).toBeGreaterThan(0);
      expect(chart!.points.length).toBeLessThanOrEqual(100);
      expect(chart!.settings.at(-1)).toMatchObject({ cpuRequest: 0.25, cpuLimit: 0.5 });

      const overview = await client.request('overview.get', {});
      expect(overview.counts.nodes).toBe(3);
      expect(overview.cpu.allocatable).toBeGreaterThan(0);
      expect(overview.cpu.requests).toBeGreaterThan(0);
      expect(overview.collection.state).toBe('collecting');

      const nodes = await client.request('nodes.list', {});
      expect(nodes.rows).toHaveLength(3);
      expect(nodes.rows.every((n) => n.ready && n.cpu.capacity > 0)).toBe(true);

      const permissions = await client.request('permissions.get', {});
      expect(permissions.capabilities.find((c) => c.name === 'metrics')?.status).toBe('available');

    } finally {
      client.close();
    }
  });

  it('after an hour of simulated minutes, recommends what the workloads need, with badges in the table', async () => {
    const client = clientFor(server);
    try {
      if ((await client.request('session.get', {})).context !== 'testcluster') await client.request('session.select', { context: 'testcluster' });
      await untilPhase(client, ['ready']);
      // The kubelets run 60× fast and the agent collects every second: a simulated hour takes about a minute.
      // Usually about a minute; more on a loaded machine, where the simulated leak can take longer to show.
      const deadline = Date.now() + 240_000;
      let recs = (await client.request('recommendations.list', {})).rows;
      const find = (name: string, container: string) => recs.find((r) => r.workload.name === name && r.container === container);
      const ready = () =>
        ['api-gateway/gateway', 'frontend/web', 'session-cache/cache'].every((k) => (find(k.split('/')[0]!, k.split('/')[1]!)?.evidence.coverage.minutes ?? 0) >= 60) &&
        // The leak shows within a life; the OOM kill at its end comes when the simulated leak reaches the limit.
        ((find('session-cache', 'cache')?.evidence.ooms.count ?? 0) >= 1 || find('session-cache', 'cache')?.signals.leaking === true);
      while (!ready() && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 2000));
        recs = (await client.request('recommendations.list', {})).rows;
      }
      const oomEvents = () => server.session.agent()?.store.events({ from: 0, to: Number.MAX_SAFE_INTEGER, kinds: ['OOMKilled'] }).map((e) => `${e.pod}@${new Date(e.time).toISOString()}`);
      const cacheEvidence = () => {
        const cache = find('session-cache', 'cache');
        return cache && { memory: cache.evidence.memory, current: cache.current, signals: cache.signals, restarts: server.session.agent()?.inventory.entities().filter((e) => e.name.startsWith('session-cache')).map((e) => e.containers.map((c) => [c.restarts, c.lastTerminationReason])) };
      };
      expect(ready(), JSON.stringify([recs.map((r) => [r.workload.name, r.container, r.evidence.coverage.minutes, r.evidence.ooms.count]), oomEvents(), cacheEvidence()])).toBe(true);
      // The throttled gateway's CPU limit is raised at least 2× or removed, never lowered, and it is marked critical.
      const gatewayRec = find('api-gateway', 'gateway')!;
      expect(gatewayRec.proposed.cpuLimit === null || gatewayRec.proposed.cpuLimit >= 2 * gatewayRec.current.cpuLimit!).toBe(true);
      expect(gatewayRec.proposed.cpuRequest!).toBeGreaterThanOrEqual(gatewayRec.current.cpuLimit!);
      expect(gatewayRec.severity).toBe('critical');
      expect(gatewayRec.evidence.throttling?.throttledShare).toBeGreaterThan(0.5);
      // The idle, over-provisioned frontend asks for less CPU and memory.
      const frontendRec = find('frontend', 'web')!;
      expect(frontendRec.proposed.cpuRequest!).toBeLessThan(frontendRec.current.cpuRequest!);
      expect(frontendRec.effect.cpuCoresFreed).toBeGreaterThan(0);
      // The leaking, OOM-killed cache gets more memory.
      const cacheRec = find('session-cache', 'cache')!;
      expect(cacheRec.proposed.memLimit!).toBeGreaterThan(cacheRec.current.memLimit!);
      expect(cacheRec.signals.oomKilled || cacheRec.signals.leaking).toBe(true);

      const readiness = await client.request('readiness.list', {});
      expect(readiness.rows.find((r) => r.workload.name === 'etl-worker')?.findings.map((f) => f.id)).toContain('tagNotSpecified');

      // Approve-to-apply through the contract: the dry run shows the diff and stores nothing, the confirmed
      // patch changes the container, undo puts the old values back, and each step is in the audit.
      const etl = recs.find((r) => r.workload.name === 'etl-worker' && r.container === 'worker')!;
      expect(etl).toBeDefined();
      // An id from before new data moved the proposal: alone it is refused with the reason; with its container,
      // the current proposal is previewed and the preview says it moved.
      const stale = 'rec-00000000deadbeef';
      await expect(client.request('apply.preview', { recommendationId: stale })).rejects.toThrow(/No current recommendation rec-00000000deadbeef: .*Reopen the Recommendations view/);
      const moved = await client.request('apply.preview', { recommendationId: stale, container: { workloadUid: etl.workload.uid, container: 'worker' } });
      expect([moved.recommendationId, moved.recomputedFrom, moved.proposed]).toEqual([etl.id, stale, etl.proposed]);
      const preview = await client.request('apply.preview', { recommendationId: etl.id });
      expect(preview.recomputedFrom).toBeNull();
      expect(preview.access.allowed).toBe(true);
      expect(preview.diff).toMatch(/^\+ .*cpu: /m);
      const kubectlJson = async () => {
        const { stdout } = await run('kubectl', ['--kubeconfig', inject('testclusterKubeconfig'), '--context', 'testcluster', 'get', 'deployment', 'etl-worker', '-n', 'data', '-o', 'json']);
        return JSON.parse(stdout) as { metadata: { resourceVersion: string }; spec: { template: { spec: { containers: { name: string; resources?: unknown }[] } } } };
      };
      const beforeApply = await kubectlJson();
      expect(beforeApply.metadata.resourceVersion).toBe(preview.resourceVersion);
      const result = await client.request('apply.confirm', { previewId: preview.previewId });
      expect(result.outcome, result.message).toBe('ok');
      const afterApply = await kubectlJson();
      const worker = afterApply.spec.template.spec.containers.find((c) => c.name === 'worker') as { resources: { requests: { cpu: string } } };
      expect(worker.resources.requests.cpu).toBeDefined();
      await expect(client.request('apply.confirm', { previewId: preview.previewId })).rejects.toThrow(/preview again/);
      const undo = await client.request('apply.preview', { recommendationId: etl.id, undo: true });
      expect(undo.proposed).toEqual(etl.current);
      expect((await client.request('apply.confirm', { previewId: undo.previewId })).outcome).toBe('ok');
      const afterUndo = await kubectlJson();
      expect(afterUndo.spec.template.spec.containers.find((c) => c.name === 'worker')?.resources ?? {}).toEqual(beforeApply.spec.template.spec.containers.find((c) => c.name === 'worker')?.resources ?? {});
      let audit = (await client.request('audit.list', {})).rows;
      for (let i = 0; i < 20 && audit.filter((a) => a.service === 'etl-worker').length < 5; i++) {
        await new Promise((r) => setTimeout(r, 250));
        audit = (await client.request('audit.list', {})).rows;
      }
      expect(audit.filter((a) => a.service === 'etl-worker').map((a) => [a.dryRun, a.outcome])).toEqual([
        [false, 'ok'],
        [true, 'ok'],
        [false, 'ok'],
        [true, 'ok'],
        [true, 'ok'],
      ]);
      const badged = (await client.request('workloads.list', { range: '1h' })).rows.find((r) => r.name === 'api-gateway');
      expect(badged?.recommendation).toBe('critical');
      expect(badged?.readiness).not.toBeNull();
    } finally {
      client.close();
    }
  }, 300_000);

  it('on the viewer context, reports metrics denied with the impact', async () => {
    const client = clientFor(server);
    try {
      await client.request('session.select', { context: 'testcluster-viewer' });
      await untilPhase(client, ['ready', 'syncing']);
      const permissions = await client.request('permissions.get', {});
      const metrics = permissions.capabilities.find((c) => c.name === 'metrics');
      expect(metrics?.status).toBe('denied');
      expect(metrics?.impact).toMatch(/metrics/i);
      expect((await client.request('overview.get', {})).collection.state).toBe('denied');
    } finally {
      client.close();
    }
  });

  it('explains an unknown context instead of connecting', async () => {
    const client = clientFor(server);
    try {
      const state = await client.request('session.select', { context: 'no-such-context' });
      expect(state.phase).toBe('error');
      expect(state.error?.message).toMatch(/no-such-context/);
    } finally {
      client.close();
    }
  });
});
