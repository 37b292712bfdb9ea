import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { challengeAnswer } from './challenge-answer.ts';
import { CloseCode, PROTOCOL_VERSION, type GapBody } from './protocol.ts';
import { MINUTE, RelayHarness, T0 } from './testing/relay-harness.ts';
import { RawClient, eventually, useRelayHarnesses } from './testing/relay-fixtures.ts';

const { harness } = useRelayHarnesses();

async function handshake(url: string, h: RelayHarness, streamId: string): Promise<RawClient> {
  const c = h.connection;
  const client = await RawClient.connect(url);
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, agentVersion: 't', accountId: c.accountId, clusterId: c.clusterId, kubernetesVersion: '', capabilities: [], streamId });
  const { challenge } = await client.next<{ challenge: string }>('challenge');
  client.send({ type: 'answer', answer: challengeAnswer(Buffer.from(challenge, 'base64'), c.secret) });
  await client.next('welcome');
  return client;
}

const stored = (h: RelayHarness) => h.storedPackets();

describe('outbox through an outage', () => {
  test('60 simulated minutes down, agent restarted mid-outage: every packet arrives once, in seq order', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    let relay = h.relay();
    const produced: number[] = [];
    const produce = (minute: number) => produced.push(relay.send('metrics', { minute })!.seq);
    for (let m = 0; m < 5; m++) produce(-5 + m);
    await eventually(() => stored(h).length === 5 && relay.report().backlog.count === 0, 5000, 'the first packets acked');

    await h.stopGateway();
    await eventually(() => relay.report().state === 'waiting', 5000, 'the relay to notice');
    for (let m = 0; m < 60; m++) {
      h.clock = T0 + m * MINUTE;
      if (m === 30) {
        // The agent process stops mid-outage and starts again from its data folder.
        await relay.close();
        relay = h.relay();
      }
      produce(m);
    }
    expect(relay.report().backlog.count).toBe(60);

    h.clock = T0 + 60 * MINUTE;
    await h.startGateway();
    await eventually(() => relay.report().backlog.count === 0, 10_000, 'the backlog to drain');
    const packets = stored(h);
    expect(packets.map((p) => p.seq)).toEqual(produced);
    expect(produced).toEqual(Array.from({ length: 65 }, (_, i) => i + 1));
    expect(new Set(packets.map((p) => p.packetId)).size).toBe(65);
    expect(packets.map((p) => (p.body as { minute: number }).minute)).toEqual([-5, -4, -3, -2, -1, ...Array.from({ length: 60 }, (_, i) => i)]);
    expect(packets.every((p) => p.kind === 'metrics')).toBe(true);
    expect(gateway.store).toBeDefined();
  });

  test('a packet sent again after a lost ack is acked and not stored twice; another packet under a stored seq is refused', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    const streamId = crypto.randomUUID();
    const packet = (seq: number, packetId = crypto.randomUUID()) => ({ type: 'packet', seq, packetId, kind: 'logs', sentAt: h.clock, body: { seq } });
    const sent = [packet(1), packet(2), packet(3)];
    const first = await handshake(gateway.url, h, streamId);
    for (const p of sent) first.send(p);
    await eventually(() => first.messages.filter((m) => (m as { type: string }).type === 'ack').length === 3, 3000, 'three acks');
    first.ws.terminate();

    const second = await handshake(gateway.url, h, streamId);
    expect(await second.next('welcome')).toMatchObject({ lastAckedSeq: 3 });
    second.send(sent[2]);
    expect(await second.next('ack')).toEqual({ type: 'ack', seq: 3 });
    expect(stored(h).map((p) => p.seq)).toEqual([1, 2, 3]);
    second.send(packet(2));
    expect((await second.closedWith()).code).toBe(CloseCode.protocolError);
    expect(stored(h)).toHaveLength(3);
  });

  test('past the one-hour bound the oldest are dropped, and exactly what was dropped is reported as a gap', async () => {
    const h = harness();
    await h.enrolAndStart();
    let relay = h.relay();
    relay.send('logs', { before: true });
    await eventually(() => relay.report().backlog.count === 0, 5000, 'the first packet acked');
    await h.stopGateway();
    for (let m = 0; m < 90; m++) {
      h.clock = T0 + m * MINUTE;
      if (m === 45) {
        await relay.close();
        relay = h.relay();
      }
      relay.send(m % 10 === 0 ? 'recommendations' : 'metrics', { minute: m });
    }
    h.clock = T0 + 90 * MINUTE;
    const gateway = await h.startGateway();
    await eventually(() => relay.report().backlog.count === 0 && relay.report().state === 'connected', 10_000, 'the backlog to drain');
    const packets = stored(h);
    // seq 1 was acked; seqs 2..31 (minutes 0..29) outlived the bound; 32..91 arrived; 92 is the gap report.
    expect(packets.map((p) => p.seq)).toEqual([1, ...Array.from({ length: 60 }, (_, i) => 32 + i), 92]);
    const gap = packets[packets.length - 1]!;
    expect(gap.kind).toBe('gap');
    expect(gap.body).toEqual({
      count: 30,
      firstSeq: 2,
      lastSeq: 31,
      kinds: { recommendations: 3, metrics: 27 },
      from: T0,
      to: T0 + 29 * MINUTE,
      maxAgeMs: 60 * MINUTE,
    } satisfies GapBody);

    const res = await fetch(`${gateway.httpUrl}/api/clusters/${h.connection.clusterId}/gaps`, { headers: { authorization: `Bearer ${gateway.adminToken}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([expect.objectContaining({ count: 30, firstSeq: 2, lastSeq: 31 })]);
  });
});
