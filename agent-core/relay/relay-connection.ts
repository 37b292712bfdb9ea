// The agent's side of one relay: dial, authenticate, stream the outbox in seq order, take acks and actions, keep
// the socket alive with pings and a read deadline, and redial with exponential backoff and full jitter.
import WebSocket from 'ws';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff-delay.ts';
import { challengeAnswer, decodeChallenge } from './challenge-answer.ts';
import type { ConnectionFile } from './connection-file.ts';
import type { Outbox } from './outbox.ts';
import {
  CloseCode,
  FATAL_CLOSE_CODES,
  MAX_FRAME_BYTES,
  MIN_CHALLENGE_BYTES,
  PROTOCOL_VERSION,
  RELAY_PATH,
  closeCodeName,
  closeReason,
  gatewayMessageSchema,
  parseMessage,
  type ActionMessage,
  type AgentMessage,
  type GatewayMessage,
} from './protocol.ts';

// The gateway answers the upgrade with 429 after too many failed authentications from this address.
const THROTTLED = 'the gateway turns this address away for now after too many failed authentications from it (HTTP 429): check that the connection file is the current one';

export interface KeepalivePolicy {
  /** A ping this often (default 20 s). */
  pingIntervalMs: number;
  /** Nothing heard (message or pong) for this long ends the connection (default 60 s). */
  readDeadlineMs: number;
  /** hello → welcome must finish within this (default 15 s). */
  handshakeTimeoutMs: number;
}

export const DEFAULT_KEEPALIVE: KeepalivePolicy = { pingIntervalMs: 20_000, readDeadlineMs: 60_000, handshakeTimeoutMs: 15_000 };

export type RelayState = 'idle' | 'connecting' | 'authenticating' | 'connected' | 'waiting' | 'refused' | 'closed';

export interface RelayStatus {
  state: RelayState;
  /** Why the last connection ended or was refused. */
  lastError?: string;
  /** ms epoch of the last ack. */
  lastAckAt?: number;
  lastAckedSeq: number;
  /** When the next dial happens (state 'waiting' or 'refused'). */
  nextAttemptAt?: number;
  attempt: number;
}

export interface RelayProblem {
  /** 'gateway-lied' when the gateway acked what was never sent; 'refused' for a close code; 'protocol' otherwise. */
  kind: 'gateway-lied' | 'refused' | 'protocol' | 'network' | 'outbox';
  message: string;
}

export interface HelloFields {
  agentVersion: string;
  kubernetesVersion: string;
  capabilities: string[];
}

export interface RelayConnectionOptions {
  connection: ConnectionFile;
  outbox: Outbox;
  hello: () => HelloFields;
  backoff?: Partial<BackoffPolicy>;
  keepalive?: Partial<KeepalivePolicy>;
  /** How many unacked packets may be in flight (default 32). */
  window?: number;
  random?: () => number;
  /** After welcome, once the backlog is queued: the place to enqueue a snapshot. */
  onReady?: () => void;
  onAction?: (action: ActionMessage) => void;
  onStatus?: (status: RelayStatus) => void;
  onProblem?: (problem: RelayProblem) => void;
}

/** ws://host:port → ws://host:port/relay unless the URL already names a path. */
export function relayUrl(gatewayUrl: string): string {
  const url = new URL(gatewayUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = RELAY_PATH;
  return url.toString();
}

export class RelayConnection {
  private ws: WebSocket | undefined;
  private phase: 'hello' | 'answered' | 'ready' = 'hello';
  private lastSentSeq = 0;
  private lastAckedSeq = 0;
  /** Seqs sent on this connection and not acked yet, ascending. */
  private inflight: number[] = [];
  private attempt = 0;
  private readyAt = 0;
  private closed = false;
  private timers: { retry?: NodeJS.Timeout; ping?: NodeJS.Timeout; handshake?: NodeJS.Timeout } = {};
  private lastHeard = 0;
  private current: RelayStatus = { state: 'idle', lastAckedSeq: 0, attempt: 0 };
  private readonly backoff: BackoffPolicy;
  private readonly keepalive: KeepalivePolicy;
  private readonly window: number;

  constructor(private readonly opts: RelayConnectionOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.keepalive = { ...DEFAULT_KEEPALIVE, ...opts.keepalive };
    this.window = opts.window ?? 32;
  }

  status(): RelayStatus {
    return { ...this.current };
  }

  start(): void {
    if (this.closed || this.ws || this.timers.retry) return;
    this.dial();
  }

  /** New packets are in the outbox: send them if connected. */
  kick(): void {
    if (this.phase === 'ready') this.pump();
  }

  /** Closes the socket and stops redialling; what is unacked stays in the outbox. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timers.retry);
    this.timers.retry = undefined;
    const ws = this.ws;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      const done = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.close(CloseCode.goingAway, 'agent stopping');
      const forced = setTimeout(() => ws.terminate(), 2000);
      await done;
      clearTimeout(forced);
    }
    this.setStatus({ state: 'closed' });
  }

  private setStatus(patch: Partial<RelayStatus>): void {
    this.current = { ...this.current, ...patch, lastAckedSeq: this.lastAckedSeq, attempt: this.attempt };
    this.opts.onStatus?.(this.status());
  }

  private problem(problem: RelayProblem): void {
    this.opts.onProblem?.(problem);
  }

  private dial(): void {
    this.timers.retry = undefined;
    if (this.closed) return;
    this.phase = 'hello';
    this.readyAt = 0;
    this.setStatus({ state: 'connecting', nextAttemptAt: undefined });
    const ws = new WebSocket(relayUrl(this.opts.connection.gatewayUrl), {
      perMessageDeflate: { threshold: 1024 },
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: this.keepalive.handshakeTimeoutMs,
    });
    this.ws = ws;
    let closeInfo: { code: number; reason: string } | undefined;
    ws.on('open', () => {
      this.heard();
      this.setStatus({ state: 'authenticating' });
      const hello = this.opts.hello();
      this.send({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        accountId: this.opts.connection.accountId,
        clusterId: this.opts.connection.clusterId,
        streamId: this.opts.outbox.streamId,
        ...hello,
      });
      this.timers.handshake = setTimeout(() => this.fail(CloseCode.timeout, `no welcome within ${this.keepalive.handshakeTimeoutMs} ms`), this.keepalive.handshakeTimeoutMs);
      this.timers.ping = setInterval(() => this.tick(), Math.max(10, Math.min(this.keepalive.pingIntervalMs, this.keepalive.readDeadlineMs / 2)));
    });
    ws.on('pong', () => this.heard());
    ws.on('ping', () => this.heard());
    ws.on('message', (data, isBinary) => {
      this.heard();
      if (isBinary) return this.fail(CloseCode.protocolError, 'binary frame: the relay protocol uses text frames');
      const parsed = parseMessage(gatewayMessageSchema, data.toString());
      if (!parsed.ok) return this.fail(CloseCode.protocolError, `gateway sent an invalid message: ${parsed.reason}`);
      this.onMessage(parsed.message);
    });
    ws.on('error', (err) => {
      if (!closeInfo) closeInfo = { code: 0, reason: /Unexpected server response: 429\b/.test(err.message) ? THROTTLED : err.message };
    });
    ws.on('close', (code, reasonBuf) => {
      const reason = reasonBuf.toString() || closeInfo?.reason || '';
      this.onClosed(ws, closeInfo?.code === 0 && code === 1006 ? 0 : code, reason);
    });
  }

  private heard(): void {
    this.lastHeard = Date.now();
  }

  private tick(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastHeard > this.keepalive.readDeadlineMs) {
      this.problem({ kind: 'network', message: `the gateway did not answer for ${this.keepalive.readDeadlineMs} ms: reconnecting` });
      ws.terminate();
      return;
    }
    ws.ping();
  }

  private send(message: AgentMessage): void {
    this.ws?.send(JSON.stringify(message));
  }

  /** Ends this connection for a protocol reason; the close handler schedules the redial. */
  private fail(code: number, message: string): void {
    this.problem({ kind: code === CloseCode.protocolError && message.startsWith('gateway acked') ? 'gateway-lied' : 'protocol', message });
    this.current.lastError = message;
    const ws = this.ws;
    if (!ws) return;
    if (ws.readyState === WebSocket.OPEN) ws.close(code, closeReason(message));
    else ws.terminate();
    // A peer that does not complete the close handshake is cut off.
    setTimeout(() => ws.terminate(), 2000).unref();
  }

  private onMessage(message: GatewayMessage): void {
    switch (message.type) {
      case 'challenge': {
        if (this.phase !== 'hello') return this.fail(CloseCode.protocolError, 'a second challenge from the gateway');
        const bytes = decodeChallenge(message.challenge);
        if (!bytes) return this.fail(CloseCode.shortChallenge, `the gateway's challenge is not base64 of at least ${MIN_CHALLENGE_BYTES} bytes: refusing to authenticate`);
        this.phase = 'answered';
        this.send({ type: 'answer', answer: challengeAnswer(bytes, this.opts.connection.secret) });
        return;
      }
      case 'welcome': {
        if (this.phase !== 'answered') return this.fail(CloseCode.protocolError, 'welcome before the challenge was answered');
        const assigned = this.opts.outbox.lastAssignedSeq();
        if (message.lastAckedSeq > assigned) {
          return this.fail(CloseCode.protocolError, `gateway acked seq ${message.lastAckedSeq} in its welcome, but this agent has only produced up to ${assigned}: not trusting it`);
        }
        clearTimeout(this.timers.handshake);
        this.phase = 'ready';
        this.readyAt = Date.now();
        this.opts.outbox.ackUpTo(message.lastAckedSeq);
        this.lastAckedSeq = message.lastAckedSeq;
        this.lastSentSeq = message.lastAckedSeq;
        this.inflight = [];
        this.opts.outbox.sealGap();
        this.setStatus({ state: 'connected', lastError: undefined });
        this.opts.onReady?.();
        this.pump();
        return;
      }
      case 'ack': {
        if (this.phase !== 'ready') return this.fail(CloseCode.protocolError, 'an ack before welcome');
        if (message.seq > this.lastSentSeq) {
          return this.fail(CloseCode.protocolError, `gateway acked seq ${message.seq} but only up to ${this.lastSentSeq} was sent: not trusting it`);
        }
        if (message.seq <= this.lastAckedSeq) return;
        this.opts.outbox.ackUpTo(message.seq);
        this.lastAckedSeq = message.seq;
        while (this.inflight.length > 0 && this.inflight[0]! <= message.seq) this.inflight.shift();
        this.setStatus({ lastAckAt: Date.now() });
        this.pump();
        return;
      }
      case 'action': {
        if (this.phase !== 'ready') return this.fail(CloseCode.protocolError, 'an action before welcome');
        this.opts.onAction?.(message);
        return;
      }
    }
  }

  /** Sends unacked packets in seq order, at most `window` of them unacked at a time. */
  private pump(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || this.phase !== 'ready') return;
    while (this.inflight.length < this.window) {
      const batch = this.opts.outbox.framesAfter(this.lastSentSeq, this.window - this.inflight.length);
      if (batch.length === 0) return;
      for (const { seq, frame } of batch) {
        ws.send(frame);
        this.lastSentSeq = seq;
        this.inflight.push(seq);
      }
    }
  }

  private onClosed(ws: WebSocket, code: number, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    clearTimeout(this.timers.handshake);
    clearInterval(this.timers.ping);
    const wasStable = this.readyAt > 0 && Date.now() - this.readyAt >= this.backoff.stableMs;
    this.phase = 'hello';
    if (this.closed) return;
    if (wasStable) this.attempt = 0;
    const name = closeCodeName(code);
    const why =
      code === 0 ? reason || 'cannot reach the gateway' : code === 1006 ? 'connection lost' : `${name ?? `close ${code}`}${reason ? `: ${reason}` : ''}`;
    const fatal = FATAL_CLOSE_CODES.has(code);
    if (fatal) this.problem({ kind: 'refused', message: `the gateway refused this agent (${why}). Enrol again with \`cluster-insight gateway enroll\` and use the new connection file.` });
    // Refused credentials cannot succeed by retrying soon, and a superseded agent would only take the connection back
    // from its twin (two agents with one connection file): wait the cap, and say so.
    const delay = fatal || code === CloseCode.superseded ? this.backoff.capMs : backoffDelay(this.attempt, this.backoff, this.opts.random);
    this.attempt += 1;
    this.setStatus({ state: fatal ? 'refused' : 'waiting', lastError: why, nextAttemptAt: Date.now() + delay });
    this.timers.retry = setTimeout(() => this.dial(), delay);
  }
}
