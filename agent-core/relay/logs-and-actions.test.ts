import { describe, expect, test } from 'vitest';
import { openAgentLog } from '../log/agent-log.ts';
import { AuditTrail } from '../apply/audit-trail.ts';
import type { PendingAction } from './remote-actions.ts';
import { RelayHarness } from './testing/relay-harness.ts';
import { eventually, useRelayHarnesses } from './testing/relay-fixtures.ts';

const { harness, defer } = useRelayHarnesses();

const packetsOf = (h: RelayHarness, kind: string) => h.storedPackets(kind);

describe('log shipping', () => {
  test('an error line from agent.log reaches the gateway within one flush interval; info lines stay local', async () => {
    const h = harness();
    await h.enrolAndStart();
    const flushMs = 300;
    const relay = h.relay({ logFlushMs: flushMs, logBatch: 50 });
    await eventually(() => relay.report().state === 'connected', 5000, 'connected');
    const log = openAgentLog({ dir: h.agentDir, tee: relay.logStream() });
    defer(() => log.close());
    log.logger.info('all good');
    const started = Date.now();
    log.logger.error({ err: new Error('kubelet unreachable') }, 'metrics cycle failed');
    const [packet] = await eventually(() => packetsOf(h, 'logs').length > 0 && packetsOf(h, 'logs'), 3000, 'a logs packet');
    expect(Date.now() - started).toBeLessThan(flushMs + 500);
    const lines = (packet!.body as { lines: { msg: string; level: number; err?: { message: string } }[] }).lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'metrics cycle failed', level: 50, err: { message: 'kubelet unreachable' } });
  });

  test('a full batch is sent at once, without waiting for the interval; audit lines go as audit packets', async () => {
    const h = harness();
    await h.enrolAndStart();
    const relay = h.relay({ logFlushMs: 60_000, logBatch: 3 });
    const log = openAgentLog({ dir: h.agentDir, tee: relay.logStream() });
    defer(() => log.close());
    for (let i = 0; i < 3; i++) log.logger.fatal(`fatal ${i}`);
    new AuditTrail(log.logger).record({
      recommendationId: 'r1',
      serviceId: 'u1',
      containerId: 'shop/Deployment/web/app',
      namespace: 'shop',
      service: 'web',
      kind: 'Deployment',
      dryRun: true,
      current: { cpuRequest: 1, cpuLimit: null, memRequest: null, memLimit: null },
      proposed: { cpuRequest: 0.5, cpuLimit: null, memRequest: null, memLimit: null },
      who: 'admin',
      when: new Date().toISOString(),
      outcome: 'ok',
      message: 'dry-run: no rollout',
    });
    await eventually(() => packetsOf(h, 'logs').length === 1 && packetsOf(h, 'audit').length === 1, 3000, 'logs and audit packets');
    expect((packetsOf(h, 'logs')[0]!.body as { lines: unknown[] }).lines).toHaveLength(3);
    expect(packetsOf(h, 'audit')[0]!.body).toMatchObject({ audit: true, recommendationId: 'r1', dryRun: true, outcome: 'ok' });
  });
});

describe('remote actions', () => {
  test('an action arrives as a pending approval and nothing runs until it is approved; then dry run, apply, feedback', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    const relay = h.relay();
    const seen: PendingAction[] = [];
    relay.on('action', (a) => seen.push(a));
    await eventually(() => relay.report().state === 'connected', 5000, 'connected');
    const calls: string[] = [];
    const executor = {
      dryRun: async ({ recommendationId: id }: PendingAction) => {
        calls.push(`dry-run ${id}`);
        return { ok: true, diff: '-cpu: 1\n+cpu: 500m', summary: 'pods replaced one at a time', apply: async () => (calls.push(`apply ${id}`), 'applied; rollout complete') };
      },
    };

    const { actionId, delivered } = gateway.requestAction(h.connection.clusterId, 'rec-web-app', 'alice');
    expect(delivered).toBe(true);
    await eventually(() => seen.length === 1, 3000, 'the pending action');
    expect(relay.pendingActions()).toEqual([expect.objectContaining({ actionId, recommendationId: 'rec-web-app', requestedBy: 'alice' })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toEqual([]);
    expect(gateway.store.actions(h.connection.clusterId)[0]).toMatchObject({ actionId, result: null });
    expect(packetsOf(h, 'actionResult')).toEqual([]);

    const result = await relay.approve(actionId, executor, 'bob');
    expect(calls).toEqual(['dry-run rec-web-app', 'apply rec-web-app']);
    expect(result).toMatchObject({ outcome: 'applied', dryRun: { ok: true }, decidedBy: 'bob' });
    await eventually(() => gateway.store.actions(h.connection.clusterId)[0]!.result, 3000, 'the result at the gateway');
    expect(gateway.store.actions(h.connection.clusterId)[0]!.result).toMatchObject({ outcome: 'applied', message: 'applied; rollout complete' });
    expect(relay.pendingActions()).toEqual([]);
  });

  test('a dry run that fails stops the apply; a rejection runs nothing; an action asked while offline arrives on connection', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    const clusterId = () => h.connection.clusterId;
    const offline = gateway.requestAction(clusterId(), 'rec-a');
    expect(offline.delivered).toBe(false);
    const relay = h.relay();
    await eventually(() => relay.pendingActions().length === 1, 5000, 'the queued action');
    let applied = false;
    const failing = {
      dryRun: async () => ({ ok: false, message: 'admission webhook denied', apply: async () => ((applied = true), 'x') }),
    };
    expect(await relay.approve(offline.actionId, failing, 'bob')).toMatchObject({ outcome: 'refused' });
    expect(applied).toBe(false);

    const second = gateway.requestAction(clusterId(), 'rec-b');
    await eventually(() => relay.pendingActions().length === 1, 3000, 'the second action');
    relay.reject(second.actionId, 'not during the freeze', 'carol');
    await eventually(() => gateway.store.actions(clusterId()).every((a) => a.result !== null), 3000, 'both results');
    expect(gateway.store.actions(clusterId()).map((a) => (a.result as { outcome: string }).outcome)).toEqual(['refused', 'rejected']);
    expect(() => relay.reject(second.actionId, 'again', 'carol')).toThrow(/no pending remote action/);
  });

  test('an action decided while the gateway was away is not offered again when the gateway re-sends it', async () => {
    const h = harness();
    const gateway = await h.enrolAndStart();
    const relay = h.relay();
    const seen: string[] = [];
    relay.on('action', (a) => seen.push(a.actionId));
    await eventually(() => relay.report().state === 'connected', 5000, 'connected');
    const { actionId } = gateway.requestAction(h.connection.clusterId, 'rec-a');
    await eventually(() => seen.length === 1, 3000, 'the action');
    await h.stopGateway();
    relay.reject(actionId, 'no', 'dave');
    // Back up: the gateway has no result yet, so it re-sends the action before the agent replays its result.
    const back = await h.startGateway();
    await eventually(() => back.store.actions(h.connection.clusterId)[0]!.result, 5000, 'the replayed result');
    expect(seen).toEqual([actionId]);
    expect(relay.pendingActions()).toEqual([]);
    expect(back.store.actions(h.connection.clusterId)[0]!.result).toMatchObject({ outcome: 'rejected', decidedBy: 'dave' });
  });
});
