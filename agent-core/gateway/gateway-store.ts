// The reference gateway's SQLite file (gateway.sqlite in its data folder): enrolments, the answers already used,
// each agent stream's last stored seq, the packets (kept 30 days, unique on packet id) and remote actions.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteDatabase } from '../store/sqlite-driver.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';

export const GATEWAY_STORE_FILE = 'gateway.sqlite';
/** 'CIgw': marks the file as a gateway store. */
const GATEWAY_APPLICATION_ID = 0x43496777;
export const ENROLMENT_UNUSED_TTL_MS = 4 * 60 * 60_000;
export const PACKET_RETENTION_MS = 30 * 24 * 60 * 60_000;

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE enrolments (
    cluster_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The shared secret itself: SHA-512(challenge ‖ secret) cannot be checked against a hash of it. The file is owner-only.
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    first_used_at INTEGER,
    revoked_at INTEGER,
    last_seen_at INTEGER,
    agent_version TEXT,
    kubernetes_version TEXT,
    capabilities TEXT
  );
  CREATE TABLE used_answers (
    answer_hash TEXT PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    used_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE streams (
    cluster_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, stream_id)
  ) WITHOUT ROWID;
  -- id is the order of arrival: within a stream it is seq order, since a stream's packets arrive in seq order.
  CREATE TABLE packets (
    id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    packet_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (cluster_id, stream_id, seq)
  );
  CREATE INDEX packets_by_kind ON packets (cluster_id, kind, sent_at);
  CREATE INDEX packets_by_age ON packets (received_at);
  CREATE TABLE actions (
    action_id TEXT PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    recommendation_id TEXT NOT NULL,
    requested_by TEXT,
    requested_at INTEGER NOT NULL,
    delivered_at INTEGER,
    result TEXT,
    result_at INTEGER
  );
  CREATE INDEX actions_by_cluster ON actions (cluster_id, requested_at);
  `,
];

export interface Enrolment {
  clusterId: string;
  accountId: string;
  name: string;
  secret: string;
  createdAt: number;
  firstUsedAt: number | null;
  revokedAt: number | null;
  lastSeenAt: number | null;
  agentVersion: string | null;
  kubernetesVersion: string | null;
  capabilities: string[];
}

export interface StoredPacket {
  id: number;
  clusterId: string;
  streamId: string;
  seq: number;
  packetId: string;
  kind: string;
  sentAt: number;
  receivedAt: number;
  body: unknown;
}

export interface StoredAction {
  actionId: string;
  clusterId: string;
  recommendationId: string;
  requestedBy: string | null;
  requestedAt: number;
  deliveredAt: number | null;
  result: unknown;
  resultAt: number | null;
}

export type PacketInsert = Omit<StoredPacket, 'id'>;

interface EnrolmentRow {
  cluster_id: string;
  account_id: string;
  name: string;
  secret: string;
  created_at: number;
  first_used_at: number | null;
  revoked_at: number | null;
  last_seen_at: number | null;
  agent_version: string | null;
  kubernetes_version: string | null;
  capabilities: string | null;
}

interface PacketRow {
  id: number;
  cluster_id: string;
  stream_id: string;
  seq: number;
  packet_id: string;
  kind: string;
  sent_at: number;
  received_at: number;
  body: string;
}

interface ActionRow {
  action_id: string;
  cluster_id: string;
  recommendation_id: string;
  requested_by: string | null;
  requested_at: number;
  delivered_at: number | null;
  result: string | null;
  result_at: number | null;
}

const enrolmentOf = (r: EnrolmentRow): Enrolment => ({
  clusterId: r.cluster_id,
  accountId: r.account_id,
  name: r.name,
  secret: r.secret,
  createdAt: r.created_at,
  firstUsedAt: r.first_used_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
  agentVersion: r.agent_version,
  kubernetesVersion: r.kubernetes_version,
  capabilities: r.capabilities ? (JSON.parse(r.capabilities) as string[]) : [],
});

const packetOf = (r: PacketRow): StoredPacket => ({
  id: r.id,
  clusterId: r.cluster_id,
  streamId: r.stream_id,
  seq: r.seq,
  packetId: r.packet_id,
  kind: r.kind,
  sentAt: r.sent_at,
  receivedAt: r.received_at,
  body: JSON.parse(r.body) as unknown,
});

const actionOf = (r: ActionRow): StoredAction => ({
  actionId: r.action_id,
  clusterId: r.cluster_id,
  recommendationId: r.recommendation_id,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  deliveredAt: r.delivered_at,
  result: r.result ? (JSON.parse(r.result) as unknown) : null,
  resultAt: r.result_at,
});

export interface PacketQuery {
  clusterId: string;
  kind?: string;
  /** sentAt ≥ since (ms epoch). */
  since?: number;
  /** Paging: packets after this id. */
  afterId?: number;
  limit?: number;
}

export type StoreOutcome = { stored: true } | { stored: false; reason: 'duplicate' } | { stored: false; reason: 'seq-conflict'; existingPacketId: string };

export class GatewayStore {
  readonly file: string;
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, GATEWAY_STORE_FILE);
    try {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      this.db = new SqliteDatabase(this.file, { timeout: 5000 });
      fs.chmodSync(this.file, 0o600);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      const appId = this.db.pragma('application_id', { simple: true }) as number;
      const version = this.db.pragma('user_version', { simple: true }) as number;
      const hasTables = (this.db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number) > 0;
      if ((appId !== 0 && appId !== GATEWAY_APPLICATION_ID) || (version === 0 && hasTables)) {
        throw new UserFacingError('gateway-store-foreign', `${this.file} is not a Cluster Insight gateway store. Choose another --data-dir for the gateway.`);
      }
      if (version > MIGRATIONS.length) {
        throw new UserFacingError('gateway-store-newer', `${this.file} was written by a newer Cluster Insight (schema ${version}, this one knows ${MIGRATIONS.length}). Update Cluster Insight.`);
      }
      MIGRATIONS.forEach((sql, i) => {
        if (i + 1 <= version) return;
        this.db
          .transaction(() => {
            this.db.exec(sql);
            this.db.pragma(`application_id = ${GATEWAY_APPLICATION_ID}`);
            this.db.pragma(`user_version = ${i + 1}`);
          })
          .immediate();
      });
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      throw new UserFacingError('gateway-store-unopenable', `Cannot open the gateway store ${this.file} (${(err as Error).message}). Check that the data folder is yours and writable.`, 2, { cause: err });
    }
  }

  close(): void {
    this.db.close();
  }

  // ---- enrolments ----

  addEnrolment(e: { clusterId: string; accountId: string; name: string; secret: string; createdAt: number }): void {
    this.db.prepare('INSERT INTO enrolments (cluster_id, account_id, name, secret, created_at) VALUES (?, ?, ?, ?, ?)').run(e.clusterId, e.accountId, e.name, e.secret, e.createdAt);
  }

  enrolment(clusterId: string): Enrolment | undefined {
    const row = this.db.prepare<[string], EnrolmentRow>('SELECT * FROM enrolments WHERE cluster_id = ?').get(clusterId);
    return row ? enrolmentOf(row) : undefined;
  }

  enrolments(): Enrolment[] {
    return this.db.prepare<[], EnrolmentRow>('SELECT * FROM enrolments ORDER BY created_at').all().map(enrolmentOf);
  }

  revoke(clusterId: string, at: number): boolean {
    return this.db.prepare('UPDATE enrolments SET revoked_at = ? WHERE cluster_id = ? AND revoked_at IS NULL').run(at, clusterId).changes > 0;
  }

  /** Records a successful handshake: the first use (which ends the 4-hour window) and what the agent said it is. */
  markUsed(clusterId: string, at: number, hello: { agentVersion: string; kubernetesVersion: string; capabilities: string[] }): void {
    this.db
      .prepare('UPDATE enrolments SET first_used_at = coalesce(first_used_at, ?), last_seen_at = ?, agent_version = ?, kubernetes_version = ?, capabilities = ? WHERE cluster_id = ?')
      .run(at, at, hello.agentVersion, hello.kubernetesVersion, JSON.stringify(hello.capabilities), clusterId);
  }

  touch(clusterId: string, at: number): void {
    this.db.prepare('UPDATE enrolments SET last_seen_at = ? WHERE cluster_id = ?').run(at, clusterId);
  }

  // ---- answers (single use) ----

  /** True if this answer was recorded before (a replay); otherwise records it. */
  answerSeenBefore(clusterId: string, answer: string, at: number): boolean {
    const hash = crypto.createHash('sha256').update(answer).digest('hex');
    return this.db.prepare('INSERT OR IGNORE INTO used_answers (answer_hash, cluster_id, used_at) VALUES (?, ?, ?)').run(hash, clusterId, at).changes === 0;
  }

  wasAnswerUsed(answer: string): boolean {
    const hash = crypto.createHash('sha256').update(answer).digest('hex');
    return this.db.prepare('SELECT 1 FROM used_answers WHERE answer_hash = ?').get(hash) !== undefined;
  }

  // ---- streams and packets ----

  /** The stream's last stored seq, creating the stream at 0. */
  openStream(clusterId: string, streamId: string, at: number): number {
    this.db.prepare('INSERT OR IGNORE INTO streams (cluster_id, stream_id, last_seq, first_seen_at) VALUES (?, ?, 0, ?)').run(clusterId, streamId, at);
    return this.db.prepare<[string, string], number>('SELECT last_seq FROM streams WHERE cluster_id = ? AND stream_id = ?').pluck().get(clusterId, streamId) ?? 0;
  }

  /** Stores a packet once: the same packet id again is a no-op; another packet under a stored seq is a conflict. */
  storePacket(p: PacketInsert): StoreOutcome {
    return this.db
      .transaction((): StoreOutcome => {
        const existing = this.db.prepare<[string], { cluster_id: string; stream_id: string }>('SELECT cluster_id, stream_id FROM packets WHERE packet_id = ?').get(p.packetId);
        if (existing) return { stored: false, reason: 'duplicate' };
        const bySeq = this.db.prepare<[string, string, number], string>('SELECT packet_id FROM packets WHERE cluster_id = ? AND stream_id = ? AND seq = ?').pluck().get(p.clusterId, p.streamId, p.seq);
        if (bySeq) return { stored: false, reason: 'seq-conflict', existingPacketId: bySeq };
        this.db
          .prepare('INSERT INTO packets (cluster_id, stream_id, seq, packet_id, kind, sent_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(p.clusterId, p.streamId, p.seq, p.packetId, p.kind, p.sentAt, p.receivedAt, JSON.stringify(p.body ?? null));
        this.db.prepare('UPDATE streams SET last_seq = max(last_seq, ?) WHERE cluster_id = ? AND stream_id = ?').run(p.seq, p.clusterId, p.streamId);
        return { stored: true };
      })
      .immediate();
  }

  hasPacket(packetId: string): boolean {
    return this.db.prepare('SELECT 1 FROM packets WHERE packet_id = ?').get(packetId) !== undefined;
  }

  packets(q: PacketQuery): StoredPacket[] {
    const where = ['cluster_id = @clusterId'];
    if (q.kind) where.push('kind = @kind');
    if (q.since !== undefined) where.push('sent_at >= @since');
    if (q.afterId !== undefined) where.push('id > @afterId');
    const sql = `SELECT * FROM packets WHERE ${where.join(' AND ')} ORDER BY id LIMIT @limit`;
    return this.db
      .prepare<Record<string, unknown>, PacketRow>(sql)
      .all({ clusterId: q.clusterId, kind: q.kind, since: q.since, afterId: q.afterId, limit: Math.min(Math.max(q.limit ?? 1000, 1), 10_000) })
      .map(packetOf);
  }

  packetCount(clusterId: string): number {
    return this.db.prepare<[string], number>('SELECT count(*) FROM packets WHERE cluster_id = ?').pluck().get(clusterId) ?? 0;
  }

  // ---- actions ----

  addAction(a: { actionId: string; clusterId: string; recommendationId: string; requestedBy: string | null; requestedAt: number }): void {
    this.db.prepare('INSERT INTO actions (action_id, cluster_id, recommendation_id, requested_by, requested_at) VALUES (?, ?, ?, ?, ?)').run(a.actionId, a.clusterId, a.recommendationId, a.requestedBy, a.requestedAt);
  }

  markDelivered(actionId: string, at: number): void {
    this.db.prepare('UPDATE actions SET delivered_at = ? WHERE action_id = ?').run(at, actionId);
  }

  /** Records an agent's result; false when no such action was asked of that cluster (the agent's claim is not trusted). */
  recordResult(clusterId: string, actionId: string, result: unknown, at: number): boolean {
    return this.db.prepare('UPDATE actions SET result = ?, result_at = ? WHERE action_id = ? AND cluster_id = ?').run(JSON.stringify(result), at, actionId, clusterId).changes > 0;
  }

  actions(clusterId: string): StoredAction[] {
    return this.db.prepare<[string], ActionRow>('SELECT * FROM actions WHERE cluster_id = ? ORDER BY requested_at').all(clusterId).map(actionOf);
  }

  /** Actions without a result, to (re)deliver when the agent connects. */
  openActions(clusterId: string): StoredAction[] {
    return this.db.prepare<[string], ActionRow>('SELECT * FROM actions WHERE cluster_id = ? AND result IS NULL ORDER BY requested_at').all(clusterId).map(actionOf);
  }

  // ---- retention ----

  /** Drops packets and used answers older than the retention. */
  prune(now: number, retentionMs = PACKET_RETENTION_MS): { packets: number; answers: number } {
    const cutoff = now - retentionMs;
    const packets = this.db.prepare('DELETE FROM packets WHERE received_at < ?').run(cutoff).changes;
    const answers = this.db.prepare('DELETE FROM used_answers WHERE used_at < ?').run(cutoff).changes;
    return { packets, answers };
  }
}
