import { SqliteDatabase } from '../store/sqlite-driver.ts';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { STORE_FILE_NAME, openMetricsStore } from '../store/index.ts';
import { discardOutbox, openOutbox } from './outbox-store.ts';
import { useCleanup } from './testing/relay-fixtures.ts';

const { tempDir } = useCleanup();
const MINUTE = 60_000;

describe('outbox', () => {
  test('lives in metrics.sqlite beside the metrics store; seq continues across reopening, unacked packets stay', () => {
    const dir = tempDir();
    let clock = 1_000_000;
    const first = openOutbox(dir, { now: () => clock });
    const store = openMetricsStore({ dataDir: dir });
    const streamId = first.outbox.streamId;
    expect([1, 2, 3].map((i) => first.outbox.append('logs', { i }).seq)).toEqual([1, 2, 3]);
    expect(first.outbox.ackUpTo(1)).toBe(1);
    first.close();
    store.close();

    clock += MINUTE;
    const second = openOutbox(dir, { now: () => clock });
    expect(second.outbox.streamId).toBe(streamId);
    expect(second.outbox.append('logs', { i: 4 }).seq).toBe(4);
    expect(second.outbox.pendingAfter(0).map((p) => [p.seq, p.body])).toEqual([
      [2, { i: 2 }],
      [3, { i: 3 }],
      [4, { i: 4 }],
    ]);
    expect(second.outbox.lastAssignedSeq()).toBe(4);
    second.close();
    const db = new SqliteDatabase(path.join(dir, STORE_FILE_NAME), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM relay_outbox').pluck().get()).toBe(3);
    db.close();
  });

  test('bound to a destination: reopened for another gateway or cluster, the queue is discarded and a new stream starts at seq 1', () => {
    const dir = tempDir();
    const a = openOutbox(dir, { destination: 'ws://one acc-1 cl-1' });
    a.outbox.append('logs', { i: 1 });
    a.outbox.append('logs', { i: 2 });
    a.outbox.setStateValue('metrics_hw', '42');
    const firstStream = a.outbox.streamId;
    a.close();

    const same = openOutbox(dir, { destination: 'ws://one acc-1 cl-1' });
    expect([same.outbox.streamId, same.outbox.discardedForOtherDestination, same.outbox.backlog().count]).toEqual([firstStream, 0, 2]);
    same.close();

    const other = openOutbox(dir, { destination: 'ws://two acc-1 cl-9' });
    expect(other.outbox.streamId).not.toBe(firstStream);
    expect([other.outbox.discardedForOtherDestination, other.outbox.backlog().count, other.outbox.state('metrics_hw')]).toEqual([2, 0, undefined]);
    expect(other.outbox.append('logs', { i: 3 }).seq).toBe(1);
    other.close();
  });

  test('discardOutbox empties a folder\'s queue and state (forget), and is a no-op for a folder without a store', () => {
    const dir = tempDir();
    const a = openOutbox(dir, { destination: 'ws://one acc-1 cl-1' });
    for (let i = 0; i < 3; i++) a.outbox.append('logs', { i });
    const stream = a.outbox.streamId;
    a.close();
    expect(discardOutbox(dir)).toBe(3);
    const b = openOutbox(dir, { destination: 'ws://one acc-1 cl-1' });
    expect([b.outbox.backlog().count, b.outbox.streamId === stream, b.outbox.append('logs', {}).seq]).toEqual([0, false, 1]);
    b.close();
    expect(discardOutbox(path.join(dir, 'nowhere'))).toBe(0);
  });

  test('the age bound drops the oldest into one open gap, which survives a restart and is sealed once', () => {
    const dir = tempDir();
    let clock = 0;
    const a = openOutbox(dir, { now: () => clock, maxAgeMs: 10 * MINUTE });
    for (let m = 0; m < 15; m++) {
      clock = m * MINUTE;
      a.outbox.append(m < 2 ? 'entities' : 'metrics', { m });
    }
    // Minutes 0..4 are older than 10 minutes at minute 14 (cutoff minute 4 is kept).
    expect(a.outbox.openGap()).toEqual({ count: 4, firstSeq: 1, lastSeq: 4, kinds: { entities: 2, metrics: 2 }, from: 0, to: 3 * MINUTE, maxAgeMs: 10 * MINUTE });
    a.close();
    const b = openOutbox(dir, { now: () => clock, maxAgeMs: 10 * MINUTE });
    const gap = b.outbox.sealGap()!;
    expect(gap).toMatchObject({ seq: 16, kind: 'gap', body: { count: 4, firstSeq: 1, lastSeq: 4 } });
    expect(b.outbox.sealGap()).toBeUndefined();
    expect(b.outbox.pendingAfter(0, 100).map((p) => p.seq)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    b.close();
  });

  test('a gap packet that itself expires is folded into the next gap', () => {
    const dir = tempDir();
    let clock = 0;
    const { outbox, close } = openOutbox(dir, { now: () => clock, maxAgeMs: 5 * MINUTE });
    outbox.append('logs', {});
    clock = 6 * MINUTE;
    outbox.sealGap();
    outbox.append('logs', {});
    clock = 20 * MINUTE;
    outbox.dropExpired();
    expect(outbox.openGap()).toMatchObject({ count: 3, firstSeq: 1, lastSeq: 3, kinds: { logs: 2, gap: 1 } });
    close();
  });
});
