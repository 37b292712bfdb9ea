import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { enrol } from '../gateway/enrolment.ts';
import { startGateway, type GatewayOptions } from '../gateway/gateway-server.ts';
import { challengeAnswer } from './challenge-answer.ts';
import { openOutbox } from './outbox-store.ts';
import { CloseCode, PROTOCOL_VERSION } from './protocol.ts';
import { RelayConnection, type RelayProblem, type RelayStatus } from './relay-connection.ts';
import { RawClient, eventually, useCleanup } from './testing/relay-fixtures.ts';
import type { ConnectionFile } from './connection-file.ts';

const { tempDir, defer } = useCleanup();
const HOUR = 60 * 60_000;

async function gatewayWithClock(options: Partial<GatewayOptions> = {}) {
  let clock = Date.parse('2026-11-25T00:00:00Z');
  const gateway = await startGateway({ port: 0, dataDir: tempDir(), now: () => clock, ...options });
  defer(() => gateway.close());
  return { gateway, advance: (ms: number) => (clock += ms), now: () => clock };
}

function agent(connection: ConnectionFile) {
  const opened = openOutbox(tempDir());
  const statuses: RelayStatus[] = [];
  const problems: RelayProblem[] = [];
  const conn = new RelayConnection({
    connection,
    outbox: opened.outbox,
    hello: () => ({ agentVersion: '0.1.0', kubernetesVersion: 'v1.20.2', capabilities: ['metrics'] }),
    backoff: { baseMs: 20, capMs: 200 },
    onStatus: (s) => statuses.push(s),
    onProblem: (p) => problems.push(p),
  });
  defer(() => opened.close());
  defer(() => conn.close());
  return { conn, outbox: opened.outbox, statuses, problems };
}

const hello = (c: ConnectionFile, streamId: string = crypto.randomUUID()) => ({
  type: 'hello',
  protocol: PROTOCOL_VERSION,
  agentVersion: 'test',
  accountId: c.accountId,
  clusterId: c.clusterId,
  kubernetesVersion: 'v1.20.2',
  capabilities: [],
  streamId,
});

async function answerFor(client: RawClient, secret: string): Promise<string> {
  const { challenge } = await client.next<{ challenge: string }>('challenge');
  return challengeAnswer(Buffer.from(challenge, 'base64'), secret);
}

describe('handshake', () => {
  test('the right secret is welcomed, and the enrolment is marked used', async () => {
    const { gateway } = await gatewayWithClock();
    const connection = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url });
    const a = agent(connection);
    a.conn.start();
    await eventually(() => a.conn.status().state === 'connected', 5000, 'connected');
    expect(gateway.isConnected(connection.clusterId)).toBe(true);
    expect(gateway.store.enrolment(connection.clusterId)!.firstUsedAt).not.toBeNull();
    expect(gateway.store.enrolment(connection.clusterId)!.kubernetesVersion).toBe('v1.20.2');
  });

  test('a wrong secret is refused with badAnswer, and the agent says to enrol again', async () => {
    const { gateway } = await gatewayWithClock();
    const connection = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url });
    const a = agent({ ...connection, secret: 'x'.repeat(43) });
    a.conn.start();
    await eventually(() => a.conn.status().state === 'refused', 5000, 'refused');
    expect(a.conn.status().lastError).toMatch(/badAnswer/);
    expect(a.problems.some((p) => p.kind === 'refused' && /enrol again/i.test(p.message))).toBe(true);
    expect(gateway.isConnected(connection.clusterId)).toBe(false);
    // Refused credentials are not redialled quickly: the next attempt waits the cap.
    expect(a.conn.status().nextAttemptAt! - Date.now()).toBeGreaterThan(100);
  });

  test('a replayed answer is refused: each challenge is single-use', async () => {
    const { gateway } = await gatewayWithClock();
    const connection = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url });
    const first = await RawClient.connect(gateway.url);
    first.send(hello(connection));
    const answer = await answerFor(first, connection.secret);
    first.send({ type: 'answer', answer });
    await first.next('welcome');
    first.ws.close();

    // An eavesdropper sends the captured answer on a new connection: it answers an old challenge.
    const replay = await RawClient.connect(gateway.url);
    replay.send(hello(connection));
    await replay.next('challenge');
    replay.send({ type: 'answer', answer });
    expect((await replay.closedWith()).code).toBe(CloseCode.replayedAnswer);
    expect(replay.messages.some((m) => (m as { type: string }).type === 'welcome')).toBe(false);

    // The same challenge cannot be answered twice on one connection either.
    const twice = await RawClient.connect(gateway.url);
    twice.send(hello(connection));
    await twice.next('challenge');
    twice.send({ type: 'answer', answer: 'a'.repeat(128) });
    expect((await twice.closedWith()).code).toBe(CloseCode.badAnswer);
  });

  test('an enrolment never used for 4 hours is refused as expired; a used one does not expire', async () => {
    const { gateway, advance } = await gatewayWithClock();
    const unused = enrol(gateway.store, { accountId: 'acme', name: 'staging', gatewayUrl: gateway.url, now: Date.parse('2026-11-25T00:00:00Z') });
    const used = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url, now: Date.parse('2026-11-25T00:00:00Z') });
    const early = agent(used);
    early.conn.start();
    await eventually(() => early.conn.status().state === 'connected', 5000, 'connected');
    await early.conn.close();

    advance(4 * HOUR);
    const late = agent(unused);
    late.conn.start();
    await eventually(() => late.conn.status().state === 'refused', 5000, 'refused');
    expect(late.conn.status().lastError).toMatch(/expiredEnrolment/);

    const again = agent(used);
    again.conn.start();
    await eventually(() => again.conn.status().state === 'connected', 5000, 'connected after 4 h');
  });

  test('an unknown cluster, or a known cluster under another account, is refused', async () => {
    const { gateway } = await gatewayWithClock();
    const connection = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url });
    for (const wrong of [{ ...connection, clusterId: crypto.randomUUID() }, { ...connection, accountId: 'other' }]) {
      const client = await RawClient.connect(gateway.url);
      client.send(hello(wrong));
      expect((await client.closedWith()).code).toBe(CloseCode.unknownEnrolment);
      expect(client.messages).toEqual([]);
    }
  });

  test('the agent refuses a challenge shorter than 32 bytes and never answers it', async () => {
    const received: string[] = [];
    const fake = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    defer(() => new Promise((r) => fake.close(r)));
    fake.on('connection', (ws) => {
      ws.on('message', (data) => {
        received.push(data.toString());
        if ((JSON.parse(data.toString()) as { type: string }).type === 'hello') ws.send(JSON.stringify({ type: 'challenge', challenge: crypto.randomBytes(16).toString('base64') }));
      });
    });
    await new Promise((r) => fake.once('listening', r));
    const port = (fake.address() as { port: number }).port;
    const a = agent({ gatewayUrl: `ws://127.0.0.1:${port}`, accountId: 'acme', clusterId: 'c1', secret: 's'.repeat(43) });
    a.conn.start();
    await eventually(() => a.problems.find((p) => /challenge/.test(p.message)), 5000, 'a refusal');
    const waiting = await eventually(() => a.statuses.find((s) => s.state === 'waiting'), 5000, 'closed and waiting to redial');
    expect(waiting.lastError).toMatch(/shortChallenge/);
    await eventually(() => received.length >= 2, 5000, 'a redial');
    expect(received.map((m) => (JSON.parse(m) as { type: string }).type).filter((t) => t !== 'hello')).toEqual([]);
  });

  test('a gateway that welcomes with a seq this agent never produced is not trusted', async () => {
    const fake = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    defer(() => new Promise((r) => fake.close(r)));
    fake.on('connection', (ws) => {
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { type: string };
        if (m.type === 'hello') ws.send(JSON.stringify({ type: 'challenge', challenge: crypto.randomBytes(48).toString('base64') }));
        if (m.type === 'answer') ws.send(JSON.stringify({ type: 'welcome', lastAckedSeq: 50, serverTime: Date.now() }));
      });
    });
    await new Promise((r) => fake.once('listening', r));
    const port = (fake.address() as { port: number }).port;
    const a = agent({ gatewayUrl: `ws://127.0.0.1:${port}`, accountId: 'acme', clusterId: 'c1', secret: 's'.repeat(43) });
    a.outbox.append('logs', {});
    a.conn.start();
    const lie = await eventually(() => a.problems.find((p) => p.kind === 'gateway-lied'), 5000, 'the lie to be detected');
    expect(lie.message).toMatch(/acked seq 50 in its welcome, but this agent has only produced up to 1/);
    expect(a.outbox.backlog().count).toBe(1);
    expect(a.statuses.some((s) => s.state === 'connected')).toBe(false);
  });

  test('a gateway that acks a seq never sent is not trusted: nothing leaves the outbox', async () => {
    const fake = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    defer(() => new Promise((r) => fake.close(r)));
    const secret = 's'.repeat(43);
    fake.on('connection', (ws) => {
      let challenge: Buffer | undefined;
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { type: string };
        if (m.type === 'hello') {
          challenge = crypto.randomBytes(48);
          ws.send(JSON.stringify({ type: 'challenge', challenge: challenge.toString('base64') }));
        } else if (m.type === 'answer') {
          ws.send(JSON.stringify({ type: 'welcome', lastAckedSeq: 0, serverTime: Date.now() }));
        } else if (m.type === 'packet') {
          ws.send(JSON.stringify({ type: 'ack', seq: 999 }));
        }
      });
    });
    await new Promise((r) => fake.once('listening', r));
    const port = (fake.address() as { port: number }).port;
    const a = agent({ gatewayUrl: `ws://127.0.0.1:${port}`, accountId: 'acme', clusterId: 'c1', secret });
    a.outbox.append('logs', { lines: [] });
    a.outbox.append('logs', { lines: [] });
    a.conn.start();
    const lie = await eventually(() => a.problems.find((p) => p.kind === 'gateway-lied'), 5000, 'the lie to be detected');
    expect(lie.message).toMatch(/acked seq 999 but only up to 2 was sent/);
    expect(a.outbox.backlog().count).toBe(2);
  });
});

describe('failed authentications', () => {
  test('past the limit for a cluster from an address, even the right secret waits out the window; other clusters do not', async () => {
    const { gateway, advance } = await gatewayWithClock({ authFailures: { perCluster: 2, perAddress: 100, windowMs: 60_000 } });
    const connection = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url });
    const other = enrol(gateway.store, { accountId: 'acme', name: 'staging', gatewayUrl: gateway.url });
    const welcomed = (client: RawClient) => client.messages.some((m) => (m as { type: string }).type === 'welcome');
    // One connection: hello, the answer made with this secret if challenged; the close it got, or "welcome".
    const attempt = async (c: ConnectionFile, secret: string) => {
      const client = await RawClient.connect(gateway.url);
      client.send(hello(c));
      const first = await eventually(() => client.closed ?? (client.messages[0] as { challenge: string } | undefined), 3000, 'a challenge or a close');
      if (!client.closed) client.send({ type: 'answer', answer: challengeAnswer(Buffer.from((first as { challenge: string }).challenge, 'base64'), secret) });
      const outcome = await eventually(() => client.closed ?? (welcomed(client) ? { code: 0, reason: 'welcome' } : undefined), 3000, 'welcome or close');
      client.ws.close();
      return outcome;
    };
    expect((await attempt(connection, 'w'.repeat(43))).code).toBe(CloseCode.badAnswer);
    expect((await attempt(connection, 'w'.repeat(43))).code).toBe(CloseCode.badAnswer);
    const turnedAway = await attempt(connection, connection.secret);
    expect(turnedAway.code).toBe(CloseCode.tryAgainLater);
    expect(turnedAway.reason).toMatch(/too many failed authentications .* try again in 60 s/);
    expect((await attempt(other, other.secret)).reason).toBe('welcome');
    advance(60_001);
    expect((await attempt(connection, connection.secret)).reason).toBe('welcome');
  });

  test('past the limit for an address, its connections are turned away with 429, and the agent says why', async () => {
    const { gateway } = await gatewayWithClock({ authFailures: { perCluster: 10, perAddress: 2, windowMs: 60_000 } });
    const connection = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url });
    for (let i = 0; i < 2; i++) {
      const client = await RawClient.connect(gateway.url);
      client.send(hello({ ...connection, clusterId: crypto.randomUUID() }));
      expect((await client.closedWith()).code).toBe(CloseCode.unknownEnrolment);
    }
    await expect(RawClient.connect(gateway.url)).rejects.toThrow(/Unexpected server response: 429/);
    const a = agent(connection);
    a.conn.start();
    const waiting = await eventually(() => a.statuses.find((s) => s.state === 'waiting'), 5000, 'turned away');
    expect(waiting.lastError).toMatch(/too many failed authentications from it \(HTTP 429\)/);
  });

  test('the read API answers 429 after too many wrong admin tokens from an address', async () => {
    const { gateway } = await gatewayWithClock({ authFailures: { perCluster: 2, perAddress: 100, windowMs: 60_000 } });
    const get = (token: string) => fetch(`${gateway.httpUrl}/api/clusters`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get('guess-1')).status).toBe(401);
    expect((await get('guess-2')).status).toBe(401);
    const refused = await get(gateway.adminToken);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many wrong admin tokens/);
  });
});
