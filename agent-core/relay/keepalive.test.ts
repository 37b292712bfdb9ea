import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { openOutbox } from './outbox-store.ts';
import { RelayConnection, type RelayProblem } from './relay-connection.ts';
import { RelayHarness } from './testing/relay-harness.ts';
import { RawClient, eventually, useCleanup } from './testing/relay-fixtures.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import { challengeAnswer } from './challenge-answer.ts';
import { startGateway } from '../gateway/gateway-server.ts';
import { enrol } from '../gateway/enrolment.ts';

const { tempDir, defer } = useCleanup();

describe('keepalive', () => {
  test('the agent drops a gateway that stops answering (no pong within the read deadline) and redials', async () => {
    const fake = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    defer(() => {
      for (const client of fake.clients) client.terminate();
      return new Promise((r) => fake.close(r));
    });
    let connections = 0;
    fake.on('connection', (ws, req) => {
      connections += 1;
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { type: string };
        if (m.type === 'hello') ws.send(JSON.stringify({ type: 'challenge', challenge: crypto.randomBytes(48).toString('base64') }));
        if (m.type === 'answer') {
          ws.send(JSON.stringify({ type: 'welcome', lastAckedSeq: 0, serverTime: Date.now() }));
          // A black hole from now on: nothing is read, so no pong is ever sent.
          setTimeout(() => req.socket.pause(), 20);
        }
      });
    });
    await new Promise((r) => fake.once('listening', r));
    const opened = openOutbox(tempDir());
    defer(() => opened.close());
    const problems: RelayProblem[] = [];
    const conn = new RelayConnection({
      connection: { gatewayUrl: `ws://127.0.0.1:${(fake.address() as { port: number }).port}`, accountId: 'a', clusterId: 'c', secret: 's'.repeat(43) },
      outbox: opened.outbox,
      hello: () => ({ agentVersion: 't', kubernetesVersion: '', capabilities: [] }),
      backoff: { baseMs: 20, capMs: 50 },
      keepalive: { pingIntervalMs: 50, readDeadlineMs: 300 },
      onProblem: (p) => problems.push(p),
    });
    defer(() => conn.close());
    conn.start();
    await eventually(() => conn.status().state === 'connected', 3000, 'connected');
    const started = Date.now();
    await eventually(() => problems.find((p) => /did not answer for 300 ms/.test(p.message)), 3000, 'the read deadline');
    expect(Date.now() - started).toBeLessThan(1500);
    await eventually(() => connections >= 2, 3000, 'a redial');
  });

  test('the gateway drops an agent that stops answering its pings', async () => {
    const h = new RelayHarness(tempDir(), tempDir());
    defer(() => h.closeAll());
    const gateway = await startGateway({ port: 0, dataDir: h.gatewayDir, pingIntervalMs: 50, readDeadlineMs: 300 });
    defer(() => gateway.close());
    const c = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url });
    const client = await RawClient.connect(gateway.url);
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION, agentVersion: 't', accountId: c.accountId, clusterId: c.clusterId, kubernetesVersion: '', capabilities: [], streamId: crypto.randomUUID() });
    const { challenge } = await client.next<{ challenge: string }>('challenge');
    client.send({ type: 'answer', answer: challengeAnswer(Buffer.from(challenge, 'base64'), c.secret) });
    await client.next('welcome');
    expect(gateway.isConnected(c.clusterId)).toBe(true);
    (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await eventually(() => !gateway.isConnected(c.clusterId), 3000, 'the gateway to drop the silent agent');
  });
});
