// The relay the agent attaches to: an outbox in its store, one connection to the gateway, and small hooks for what
// it produces (inventory changes, each metrics cycle, recommendations, agent.log lines). Remote actions come out as
// 'action' events and wait for a decision; nothing is applied here.
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { EntityChange, Inventory } from '../inventory/index.ts';
import type { MetricsStore } from '../store/index.ts';
import type { BackoffPolicy } from './backoff-delay.ts';
import type { ConnectionFile } from './connection-file.ts';
import { deltaBody, snapshotBodies } from './entity-packets.ts';
import { LogShipper, scrubLogBody } from './log-shipper.ts';
import { eventsBody, metricsMinuteBodies } from './metrics-packets.ts';
import { NameHasher } from './name-privacy.ts';
import { openOutbox, type OpenedOutbox } from './outbox-store.ts';
import type { OutboxBacklog } from './outbox.ts';
import type { ActionMessage, ActionResultBody, GapBody, PacketKind, PacketMessage } from './protocol.ts';
import { RelayConnection, type KeepalivePolicy, type RelayProblem, type RelayStatus } from './relay-connection.ts';
import { executeApproved, type ActionExecutor, type PendingAction } from './remote-actions.ts';

export const AGENT_VERSION = '0.1.0';
const MINUTE = 60_000;
const DELTA_FLUSH_MS = 1000;
const DELTA_BATCH = 500;

export interface RelayOptions {
  connection: ConnectionFile;
  /** The agent's data folder: the outbox lives in its metrics.sqlite. */
  dataDir: string;
  /** ms epoch for packet times and the outbox bound (tests simulate outages with it). */
  now?: () => number;
  /** Unacked packets older than this are dropped and reported as a gap (default 1 h). */
  outboxMaxAgeMs?: number;
  /** Privacy: send HMACs of names instead of names (and no raw objects). */
  hashNames?: boolean;
  agentVersion?: string;
  kubernetesVersion?: () => string;
  capabilities?: () => string[];
  logFlushMs?: number;
  logBatch?: number;
  backoff?: Partial<BackoffPolicy>;
  keepalive?: Partial<KeepalivePolicy>;
  random?: () => number;
}

export interface RelayReport extends RelayStatus {
  backlog: OutboxBacklog;
  pendingActions: number;
}

interface RelayEvents {
  action: [PendingAction];
  status: [RelayStatus];
  problem: [RelayProblem];
}

export class Relay extends EventEmitter<RelayEvents> {
  private readonly opened: OpenedOutbox;
  private readonly connection: RelayConnection;
  private readonly names: NameHasher;
  private readonly logs: LogShipper;
  private readonly now: () => number;
  private readonly pending = new Map<string, PendingAction>();
  private inventory: Inventory | undefined;
  private unsubscribe: (() => void) | undefined;
  private deltas: EntityChange[] = [];
  private deltaTimer: NodeJS.Timeout | undefined;
  private lastRecommendations: string | undefined;
  private closed = false;
  private snapshotLastSeq = 0;

  constructor(private readonly opts: RelayOptions) {
    super();
    this.now = opts.now ?? Date.now;
    const { gatewayUrl, accountId, clusterId } = opts.connection;
    this.opened = openOutbox(opts.dataDir, { maxAgeMs: opts.outboxMaxAgeMs, now: this.now, destination: `${gatewayUrl} ${accountId} ${clusterId}` });
    const outbox = this.opened.outbox;
    let key: Buffer | undefined;
    if (opts.hashNames) {
      let stored = outbox.state('name_key');
      if (!stored) outbox.setStateValue('name_key', (stored = crypto.randomBytes(32).toString('base64')));
      key = Buffer.from(stored, 'base64');
    }
    this.names = new NameHasher(key);
    this.logs = new LogShipper({ flushMs: opts.logFlushMs, batch: opts.logBatch, emit: (kind, body) => this.queue(kind, this.names.enabled ? scrubLogBody(kind, body, this.names) : body) });
    this.connection = new RelayConnection({
      connection: opts.connection,
      outbox,
      hello: () => ({
        agentVersion: opts.agentVersion ?? AGENT_VERSION,
        kubernetesVersion: opts.kubernetesVersion?.() ?? '',
        capabilities: opts.capabilities?.() ?? [],
      }),
      backoff: opts.backoff,
      keepalive: opts.keepalive,
      random: opts.random,
      onReady: () => this.onReady(),
      onAction: (a) => this.onAction(a),
      onStatus: (s) => this.emit('status', s),
      onProblem: (p) => {
        if (this.listenerCount('problem') > 0) this.emit('problem', p);
      },
    });
  }

  start(): this {
    const discarded = this.opened.outbox.discardedForOtherDestination;
    if (discarded > 0 && this.listenerCount('problem') > 0) {
      this.emit('problem', { kind: 'outbox', message: `discarded ${discarded} packets queued for another gateway or cluster: a new stream starts for ${this.opts.connection.gatewayUrl}` });
    }
    this.connection.start();
    return this;
  }

  report(): RelayReport {
    return { ...this.connection.status(), backlog: this.opened.outbox.backlog(), pendingActions: this.pending.size };
  }

  /** What the outbox dropped (older than its bound) and has not reported yet: sent as a gap packet at the next welcome. */
  openGap(): GapBody | undefined {
    return this.closed ? undefined : this.opened.outbox.openGap();
  }

  /** Writes a packet to the outbox (durable at once) and sends it if connected. */
  send(kind: PacketKind, body: unknown): PacketMessage | undefined {
    if (this.closed) return undefined;
    const packet = this.opened.outbox.append(kind, body);
    this.connection.kick();
    return packet;
  }

  /**
   * send() for the paths that run from timers and listeners (log batches, entity deltas): a failure to write the
   * outbox (a full disk) is reported as a problem instead of escaping into a timer and ending the process.
   */
  private queue(kind: PacketKind, body: unknown): void {
    try {
      this.send(kind, body);
    } catch (err) {
      const message = `relay: could not write a ${kind} packet to the outbox (${(err as Error).message})`;
      if (this.listenerCount('problem') > 0) this.emit('problem', { kind: 'outbox', message });
    }
  }

  // ---- hooks for the agent ----

  /** Entities: a snapshot on every connection, deltas from the watch in between. */
  attachInventory(inventory: Inventory): void {
    this.inventory = inventory;
    this.unsubscribe?.();
    this.unsubscribe = inventory.subscribe((event) => {
      if (event.type !== 'added' && event.type !== 'modified' && event.type !== 'deleted') return;
      this.deltas.push(event);
      if (this.deltas.length >= DELTA_BATCH) this.flushDeltas();
      else this.deltaTimer ??= setTimeout(() => this.flushDeltas(), DELTA_FLUSH_MS);
    });
    if (this.connection.status().state === 'connected') this.sendSnapshot();
  }

  /**
   * After each metrics cycle: every minute stored since the last call (a high-water mark kept in the store, so a
   * restart neither repeats nor skips), and the container events of that span.
   */
  afterMetricsCycle(store: MetricsStore): void {
    const outbox = this.opened.outbox;
    const latest = store.latestMinuteMs();
    if (latest === null) return;
    const mark = outbox.state('metrics_hw');
    const from = mark ? Number(mark) + MINUTE : latest;
    if (from > latest) return;
    for (const body of metricsMinuteBodies(store, from, latest + MINUTE, this.names)) this.send('metrics', body);
    const events = store.events({ from, to: latest + MINUTE });
    if (events.length) this.send('events', eventsBody(events, this.names));
    outbox.setStateValue('metrics_hw', String(latest));
  }

  /** The current recommendations, sent when they differ from the last set sent. */
  publishRecommendations(recommendations: readonly unknown[]): void {
    const json = JSON.stringify(this.names.enabled ? recommendations.map((r) => this.hashRecommendation(r)) : recommendations);
    // Recomputed every cycle, a set carries a new computedAt each time: only a change in what it says is news.
    const content = JSON.stringify(JSON.parse(json) as unknown, (key, value: unknown) => (key === 'computedAt' ? undefined : value));
    const digest = crypto.createHash('sha256').update(content).digest('hex');
    if (digest === (this.lastRecommendations ??= this.opened.outbox.state('recommendations_digest'))) return;
    this.send('recommendations', { computedAt: this.now(), recommendations: JSON.parse(json) as unknown });
    this.lastRecommendations = digest;
    this.opened.outbox.setStateValue('recommendations_digest', digest);
  }

  /** With hashed names, a recommendation's workload namespace and name and its container name are hashed too. */
  private hashRecommendation(r: unknown): unknown {
    if (!r || typeof r !== 'object') return r;
    const rec = { ...(r as Record<string, unknown>) };
    const workload = rec.workload as { namespace?: string; name?: string } | undefined;
    if (workload && typeof workload === 'object') rec.workload = { ...workload, namespace: this.names.name(workload.namespace), name: this.names.name(workload.name) };
    if (typeof rec.containerName === 'string') rec.containerName = this.names.name(rec.containerName);
    return rec;
  }

  /** A pino destination for agent.log's lines: error and fatal lines are shipped in batches, audit lines one by one. */
  logStream(): { write(line: string): boolean } {
    return this.logs;
  }

  // ---- remote actions ----

  pendingActions(): PendingAction[] {
    return [...this.pending.values()];
  }

  /** A person (or --allow-remote-apply) approved: dry run, apply, report. */
  async approve(actionId: string, executor: ActionExecutor, decidedBy: string): Promise<ActionResultBody> {
    const action = this.take(actionId);
    const result = await executeApproved(action, executor, decidedBy);
    this.send('actionResult', result);
    return result;
  }

  /** Declined: nothing is run; the gateway is told why. */
  reject(actionId: string, reason: string, decidedBy: string): ActionResultBody {
    const action = this.take(actionId);
    const result: ActionResultBody = { actionId, recommendationId: action.recommendationId, outcome: 'rejected', message: reason, decidedBy };
    this.send('actionResult', result);
    return result;
  }

  private take(actionId: string): PendingAction {
    const action = this.pending.get(actionId);
    if (!action) throw new Error(`no pending remote action ${actionId} (already decided, or never received)`);
    this.pending.delete(actionId);
    // Remembered in the store: the gateway re-sends actions without a result, and the result may still be in the outbox.
    this.opened.outbox.setStateValue(`decided:${actionId}`, String(this.now()));
    return action;
  }

  private onAction(message: ActionMessage): void {
    if (this.pending.has(message.actionId) || this.opened.outbox.state(`decided:${message.actionId}`)) return;
    const action: PendingAction = { actionId: message.actionId, recommendationId: message.recommendationId, requestedBy: message.requestedBy, requestedAt: message.requestedAt, receivedAt: this.now() };
    this.pending.set(action.actionId, action);
    this.emit('action', action);
  }

  private onReady(): void {
    if (this.inventory) this.sendSnapshot();
  }

  private sendSnapshot(): void {
    const inventory = this.inventory;
    if (!inventory) return;
    // Deltas queued so far are older than the snapshot: send them first so the gateway applies them in order.
    this.flushDeltas();
    // A snapshot still unacked from an earlier connection of this process will be replayed: no need for another.
    const { firstSeq } = this.opened.outbox.backlog();
    if (this.snapshotLastSeq > 0 && firstSeq !== null && firstSeq <= this.snapshotLastSeq) return;
    const snapshotId = crypto.randomUUID();
    for (const body of snapshotBodies(inventory.entities(), this.names, snapshotId)) this.snapshotLastSeq = this.send('entities', body)?.seq ?? this.snapshotLastSeq;
  }

  private flushDeltas(): void {
    clearTimeout(this.deltaTimer);
    this.deltaTimer = undefined;
    if (this.deltas.length === 0) return;
    const changes = this.deltas;
    this.deltas = [];
    this.queue('entities', deltaBody(changes, this.names));
  }

  /**
   * Flushes batched logs and deltas into the outbox, gives a connected gateway up to drainMs (default 2 s) to ack
   * the backlog, then closes the connection and the store handle. What is not acked stays for the next start.
   */
  async close(options: { drainMs?: number } = {}): Promise<void> {
    if (this.closed) return;
    this.unsubscribe?.();
    this.flushDeltas();
    this.logs.close();
    this.closed = true;
    const deadline = Date.now() + (options.drainMs ?? 2000);
    while (this.connection.status().state === 'connected' && this.opened.outbox.backlog().count > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await this.connection.close();
    this.opened.close();
  }
}
