// The relay's outbox, in the agent's own store (metrics.sqlite, tables relay_outbox and relay_state, migration 4).
// Every packet is written here before it is sent and deleted only when the gateway acks it, so an outage or a
// restart loses nothing younger than the bound; what the bound drops is recorded and reported as a gap packet.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { GapBody, PacketKind, PacketMessage } from './protocol.ts';

export const DEFAULT_OUTBOX_MAX_AGE_MS = 60 * 60_000;

export interface OutboxOptions {
  /** Unacked packets older than this are dropped (default 1 h). */
  maxAgeMs?: number;
  /** ms epoch; injected so tests can simulate an hour-long outage. */
  now?: () => number;
  /**
   * Where the packets go (gateway, account, cluster). Packets queued for another destination are discarded and a
   * new stream starts at seq 1: they were never meant for this gateway, and its seqs start afresh.
   */
  destination?: string;
}

export interface OutboxBacklog {
  count: number;
  oldestSentAt: number | null;
  firstSeq: number | null;
  lastSeq: number | null;
}

interface Row {
  seq: number;
  packet_id: string;
  kind: string;
  sent_at: number;
  body: string;
}

const toPacket = (row: Row): PacketMessage => ({ type: 'packet', seq: row.seq, packetId: row.packet_id, kind: row.kind as PacketKind, sentAt: row.sent_at, body: JSON.parse(row.body) as unknown });

/** Empties the outbox and its state (stream, seq, gap, marks); returns how many packets were discarded. */
export function clearRelayTables(db: Database.Database): number {
  const discarded = db.prepare('DELETE FROM relay_outbox').run().changes;
  db.prepare('DELETE FROM relay_state').run();
  return discarded;
}

export class Outbox {
  readonly maxAgeMs: number;
  readonly streamId: string;
  /** Packets discarded on opening because they were queued for another destination. */
  readonly discardedForOtherDestination: number;
  private readonly now: () => number;
  private readonly getState: Database.Statement<[string], string>;
  private readonly setState: Database.Statement<[string, string]>;
  private readonly deleteState: Database.Statement<[string]>;
  private readonly insert: Database.Statement<[number, string, string, number, string]>;
  private readonly after: Database.Statement<[number, number], Row>;
  private readonly deleteUpTo: Database.Statement<[number]>;
  private readonly expired: Database.Statement<[number], Row>;
  private readonly deleteSeq: Database.Statement<[number]>;
  private readonly stats: Database.Statement<[], { count: number; oldest: number | null; first: number | null; last: number | null }>;

  constructor(
    private readonly db: Database.Database,
    options: OutboxOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_OUTBOX_MAX_AGE_MS;
    if (!(this.maxAgeMs > 0)) throw new Error(`outbox maxAgeMs must be positive, got ${this.maxAgeMs}`);
    this.now = options.now ?? Date.now;
    this.getState = db.prepare<[string], string>('SELECT value FROM relay_state WHERE key = ?').pluck();
    this.setState = db.prepare('INSERT INTO relay_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.deleteState = db.prepare('DELETE FROM relay_state WHERE key = ?');
    this.insert = db.prepare('INSERT INTO relay_outbox (seq, packet_id, kind, sent_at, body) VALUES (?, ?, ?, ?, ?)');
    this.after = db.prepare<[number, number], Row>('SELECT seq, packet_id, kind, sent_at, body FROM relay_outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.deleteUpTo = db.prepare('DELETE FROM relay_outbox WHERE seq <= ?');
    this.expired = db.prepare<[number], Row>('SELECT seq, packet_id, kind, sent_at, body FROM relay_outbox WHERE sent_at < ? ORDER BY seq');
    this.deleteSeq = db.prepare('DELETE FROM relay_outbox WHERE seq = ?');
    this.stats = db.prepare('SELECT count(*) AS count, min(sent_at) AS oldest, min(seq) AS first, max(seq) AS last FROM relay_outbox');
    const opened = db
      .transaction(() => {
        const existing = this.getState.get('stream_id');
        const boundTo = this.getState.get('destination');
        // A stream from before destinations were recorded is adopted: it was for the only gateway configured.
        const sameDestination = options.destination === undefined || boundTo === undefined || boundTo === options.destination;
        if (existing && sameDestination) {
          if (options.destination !== undefined && boundTo === undefined) this.setState.run('destination', options.destination);
          return { streamId: existing, discarded: 0 };
        }
        const discarded = clearRelayTables(db);
        const created = crypto.randomUUID();
        this.setState.run('stream_id', created);
        this.setState.run('next_seq', '1');
        if (options.destination !== undefined) this.setState.run('destination', options.destination);
        return { streamId: created, discarded };
      })
      .immediate();
    this.streamId = opened.streamId;
    this.discardedForOtherDestination = opened.discarded;
  }

  /** The seq the next packet gets. */
  private nextSeq(): number {
    return Number(this.getState.get('next_seq') ?? '1');
  }

  /** The highest seq ever given to a packet of this stream (0 for none): a gateway acking beyond it is lying. */
  lastAssignedSeq(): number {
    return this.nextSeq() - 1;
  }

  /** Writes a packet (committed before this returns), after dropping what has outlived the bound. */
  append(kind: PacketKind, body: unknown): PacketMessage {
    this.dropExpired();
    return this.appendNow(kind, body);
  }

  private appendNow(kind: PacketKind, body: unknown): PacketMessage {
    const sentAt = this.now();
    const json = JSON.stringify(body ?? null);
    return this.db
      .transaction(() => {
        const seq = this.nextSeq();
        const packetId = crypto.randomUUID();
        this.insert.run(seq, packetId, kind, sentAt, json);
        this.setState.run('next_seq', String(seq + 1));
        return { type: 'packet' as const, seq, packetId, kind, sentAt, body: body ?? null };
      })
      .immediate();
  }

  /** Unacked packets with seq > afterSeq, in seq order. */
  pendingAfter(afterSeq: number, limit = 64): PacketMessage[] {
    return this.after.all(afterSeq, limit).map(toPacket);
  }

  /**
   * The same packets as ready-to-send text frames: the stored body is spliced in as it is, not parsed and
   * serialised again (a minute of 30,000 containers is megabytes).
   */
  framesAfter(afterSeq: number, limit = 64): { seq: number; frame: string }[] {
    return this.after.all(afterSeq, limit).map((row) => ({
      seq: row.seq,
      frame: `{"type":"packet","seq":${row.seq},"packetId":${JSON.stringify(row.packet_id)},"kind":${JSON.stringify(row.kind)},"sentAt":${row.sent_at},"body":${row.body}}`,
    }));
  }

  /** The gateway stored everything up to seq: those leave the outbox. Returns how many were removed. */
  ackUpTo(seq: number): number {
    return this.deleteUpTo.run(seq).changes;
  }

  /**
   * Drops unacked packets older than the bound and adds them to the gap not yet reported (kept in relay_state, so a
   * restart reports it too). Returns how many were dropped now.
   */
  dropExpired(): number {
    const cutoff = this.now() - this.maxAgeMs;
    return this.db
      .transaction(() => {
        const rows = this.expired.all(cutoff);
        if (rows.length === 0) return 0;
        const gap = this.openGap();
        let merged: GapBody | undefined = gap;
        for (const row of rows) {
          // A gap packet that itself expired is folded in: its range is still what the gateway never got.
          const inner = row.kind === 'gap' ? (JSON.parse(row.body) as GapBody) : undefined;
          merged = mergeGap(merged, row, inner, this.maxAgeMs);
          this.deleteSeq.run(row.seq);
        }
        this.setState.run('open_gap', JSON.stringify(merged));
        return rows.length;
      })
      .immediate();
  }

  /** What was dropped and not yet reported, if anything. */
  openGap(): GapBody | undefined {
    const raw = this.getState.get('open_gap');
    return raw ? (JSON.parse(raw) as GapBody) : undefined;
  }

  /** Turns the gap not yet reported into a `gap` packet at the end of the outbox (on each welcome). */
  sealGap(): PacketMessage | undefined {
    this.dropExpired();
    const gap = this.openGap();
    if (!gap) return undefined;
    return this.db
      .transaction(() => {
        const packet = this.appendNow('gap', gap);
        this.deleteState.run('open_gap');
        return packet;
      })
      .immediate();
  }

  backlog(): OutboxBacklog {
    const s = this.stats.get()!;
    return { count: s.count, oldestSentAt: s.oldest, firstSeq: s.first, lastSeq: s.last };
  }

  /** A small persisted value of the relay's own (high-water marks); undefined when never set. */
  state(key: string): string | undefined {
    return this.getState.get(`x:${key}`) ?? undefined;
  }

  setStateValue(key: string, value: string): void {
    this.setState.run(`x:${key}`, value);
  }
}

function mergeGap(gap: GapBody | undefined, row: Row, inner: GapBody | undefined, maxAgeMs: number): GapBody {
  const kinds: Record<string, number> = { ...(gap?.kinds ?? {}) };
  let count = gap?.count ?? 0;
  let firstSeq = Math.min(gap?.firstSeq ?? row.seq, row.seq);
  let lastSeq = Math.max(gap?.lastSeq ?? row.seq, row.seq);
  let from = Math.min(gap?.from ?? row.sent_at, row.sent_at);
  let to = Math.max(gap?.to ?? row.sent_at, row.sent_at);
  if (inner) {
    for (const [k, n] of Object.entries(inner.kinds)) kinds[k] = (kinds[k] ?? 0) + n;
    count += inner.count;
    firstSeq = Math.min(firstSeq, inner.firstSeq);
    lastSeq = Math.max(lastSeq, inner.lastSeq);
    from = Math.min(from, inner.from);
    to = Math.max(to, inner.to);
  }
  kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
  count += 1;
  return { count, firstSeq, lastSeq, kinds, from, to, maxAgeMs };
}
