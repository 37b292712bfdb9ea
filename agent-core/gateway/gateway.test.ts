import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readConnectionFile, writeConnectionFile } from '../relay/connection-file.ts';
import { CloseCode } from '../relay/protocol.ts';
import { MINUTE } from '../relay/testing/relay-harness.ts';
import { eventually, useRelayHarnesses } from '../relay/testing/relay-fixtures.ts';
import { enrol } from './enrolment.ts';
import { GatewayStore } from './gateway-store.ts';

const { harness, tempDir, defer } = useRelayHarnesses();
const DAY = 24 * 60 * MINUTE;

describe('reference gateway', () => {
  test('the read API: token required; clusters, packets by kind and since, paging, actions', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    const relay = h.relay();
    relay.send('logs', { n: 1 });
    h.clock += MINUTE;
    relay.send('metrics', { n: 2 });
    h.clock += MINUTE;
    relay.send('metrics', { n: 3 });
    await eventually(() => relay.report().backlog.count === 0, 5000, 'acked');
    const api = (p: string, init: RequestInit = {}) => fetch(`${gateway.httpUrl}${p}`, { ...init, headers: { authorization: `Bearer ${gateway.adminToken}`, ...(init.headers ?? {}) } });
    const id = h.connection.clusterId;

    expect((await fetch(`${gateway.httpUrl}/api/clusters`)).status).toBe(401);
    expect((await fetch(`${gateway.httpUrl}/api/clusters`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const clusters = (await (await api('/api/clusters')).json()) as { clusterId: string; state: string; connected: boolean; packets: number }[];
    expect(clusters).toEqual([expect.objectContaining({ clusterId: id, state: 'active', connected: true, packets: 3 })]);

    const metrics = (await (await api(`/api/clusters/${id}/packets?kind=metrics`)).json()) as { packets: { seq: number; body: unknown }[]; next: number };
    expect(metrics.packets.map((p) => p.seq)).toEqual([2, 3]);
    const since = (await (await api(`/api/clusters/${id}/packets?since=${h.clock}`)).json()) as { packets: { seq: number }[] };
    expect(since.packets.map((p) => p.seq)).toEqual([3]);
    const page = (await (await api(`/api/clusters/${id}/packets?limit=1&after=${metrics.next - 1}`)).json()) as { packets: { seq: number }[] };
    expect(page.packets.map((p) => p.seq)).toEqual([3]);
    expect((await api(`/api/clusters/${id}/packets?since=yesterday`)).status).toBe(400);
    expect((await api('/api/clusters/nope/packets')).status).toBe(404);

    const posted = await api(`/api/clusters/${id}/actions`, { method: 'POST', body: JSON.stringify({ recommendationId: 'rec-1', requestedBy: 'alice' }) });
    expect(posted.status).toBe(202);
    expect(await posted.json()).toMatchObject({ delivered: true });
    await eventually(() => relay.pendingActions().length === 1, 3000, 'the action at the agent');
    expect((await api(`/api/clusters/${id}/actions`, { method: 'POST', body: '{"nope": 1}' })).status).toBe(400);
    const actions = (await (await api(`/api/clusters/${id}/actions`)).json()) as { recommendationId: string; deliveredAt: number | null }[];
    expect(actions).toEqual([expect.objectContaining({ recommendationId: 'rec-1', requestedBy: 'alice', deliveredAt: expect.any(Number) })]);
  });

  test('a revoked enrolment is refused at its next connection', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    const first = h.relay();
    await eventually(() => first.report().state === 'connected', 5000, 'connected');
    await first.close();
    expect(gateway.store.revoke(h.connection.clusterId, h.clock)).toBe(true);
    const again = h.relay();
    await eventually(() => again.report().state === 'refused', 5000, 'refused');
    expect(again.report().lastError).toMatch(/unknownEnrolment/);
  });

  test('packets are kept 30 days', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    const relay = h.relay();
    relay.send('logs', { old: true });
    await eventually(() => relay.report().backlog.count === 0, 5000, 'acked');
    h.clock += 29 * DAY;
    relay.send('logs', { old: false });
    await eventually(() => relay.report().backlog.count === 0, 5000, 'acked');
    h.clock += 1 * DAY + MINUTE;
    gateway.prune();
    expect(gateway.store.packets({ clusterId: h.connection.clusterId }).map((p) => p.body)).toEqual([{ old: false }]);
  });

  test('a second connection of the same cluster supersedes the first', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    const first = h.relay();
    await eventually(() => first.report().state === 'connected', 5000, 'first connected');
    const otherDir = tempDir();
    const second = h.relay({ dataDir: otherDir });
    await eventually(() => second.report().state === 'connected', 5000, 'second connected');
    await eventually(() => first.report().state !== 'connected', 5000, 'first superseded');
    expect(first.report().lastError).toMatch(/superseded/);
    expect(gateway.isConnected(h.connection.clusterId)).toBe(true);
  });

  test('enrolment writes an owner-only connection file; a malformed one is refused naming the file and the fix', () => {
    const dir = tempDir();
    const store = new GatewayStore(path.join(dir, 'gw'));
    defer(() => store.close());
    const connection = enrol(store, { accountId: 'acme', name: 'prod', gatewayUrl: 'wss://gw.example.com' });
    const file = path.join(dir, 'conn.json');
    writeConnectionFile(file, connection);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readConnectionFile(file)).toEqual(connection);
    expect(Buffer.from(connection.secret, 'base64url')).toHaveLength(32);

    fs.writeFileSync(file, JSON.stringify({ ...connection, gatewayUrl: 'http://gw', secret: 'short' }));
    expect(() => readConnectionFile(file)).toThrow(/conn\.json is not a valid Cluster Insight connection file \(gatewayUrl must start with ws:\/\/ or wss:\/\/; secret must be at least 32 characters.*gateway enroll/);
    fs.writeFileSync(file, '{');
    expect(() => readConnectionFile(file)).toThrow(/is not JSON/);
    expect(() => enrol(store, { accountId: ' ', name: 'x', gatewayUrl: 'ws://x' })).toThrow(/--account/);
    expect(CloseCode.expiredEnrolment).toBe(4003);
  });
});
