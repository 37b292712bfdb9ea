import { describe, expect, it } from 'vitest';
import { describeBacklog, describeGap, describeLastAck, pickedFileProblem, relayTone, RELAY_STATE_LABEL } from './relay-view.ts';

const now = 1_800_000_000_000;

describe('relay view', () => {
  it('names every state in plain words with a tone', () => {
    expect(RELAY_STATE_LABEL.backoff).toBe('Waiting to reconnect');
    expect(relayTone('connected')).toBe('ok');
    expect(relayTone('refused')).toBe('error');
    expect(relayTone('off')).toBe('neutral');
  });

  it('describes the backlog, the last ack and a gap', () => {
    expect(describeBacklog({ count: 0, oldestAt: null }, now)).toMatch(/Nothing waiting/);
    expect(describeBacklog({ count: 12, oldestAt: now - 180_000 }, now)).toBe('12 packets waiting, the oldest from 3 min ago');
    expect(describeLastAck({ lastAckAt: null, lastAckedSeq: 0 }, now)).toBe('nothing acknowledged yet');
    expect(describeLastAck({ lastAckAt: now - 5000, lastAckedSeq: 42 }, now)).toBe('5 s ago (up to packet 42)');
    expect(describeGap({ count: 30, firstSeq: 2, lastSeq: 31, from: now - 7_200_000, to: now - 3_600_000 })).toMatch(/^30 packets \(seq 2–31\)/);
  });

  it('refuses an empty or oversized file before reading it', () => {
    expect(pickedFileProblem({ name: 'c.json', size: 300 })).toBeNull();
    expect(pickedFileProblem({ name: 'c.json', size: 0 })).toMatch(/c\.json is empty/);
    expect(pickedFileProblem({ name: 'big.iso', size: 5_000_000 })).toMatch(/big\.iso is too large/);
  });
});
