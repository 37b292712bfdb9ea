// One agent's socket at the gateway: hello → challenge → answer → welcome, then packets (stored once, acked by seq)
// and actions out. Every refusal closes with a code from the protocol and a reason a person can act on.
import crypto from 'node:crypto';
import type WebSocket from 'ws';
import { answersEqual, challengeAnswer } from '../relay/challenge-answer.ts';
import {
  AUTH_CLOSE_CODES,
  CHALLENGE_BYTES,
  CloseCode,
  PROTOCOL_VERSION,
  actionResultBodySchema,
  agentMessageSchema,
  closeReason,
  gapBodySchema,
  parseMessage,
  type ActionMessage,
  type AgentMessage,
  type GatewayMessage,
  type HelloMessage,
  type PacketMessage,
} from '../relay/protocol.ts';
import { checkEnrolment } from './enrolment.ts';
import type { GatewayStore } from './gateway-store.ts';

export interface SessionHost {
  store: GatewayStore;
  now: () => number;
  handshakeTimeoutMs: number;
  /** A session finished its handshake: it becomes the cluster's connection (an older one is superseded). */
  onAuthenticated(session: AgentSession): void;
  onClosed(session: AgentSession): void;
  onEvent?: (event: GatewayEvent) => void;
  /** This connection's account of failed authentications (per address and claimed cluster). */
  guard?: AuthGuard;
}

export interface AuthGuard {
  /** 0 when this cluster may try from this address; otherwise how long until it may. */
  retryAfterMs(clusterId: string): number;
  failed(clusterId: string | undefined): void;
}

export type GatewayEvent =
  | { type: 'authenticated'; clusterId: string }
  /** clusterId: the one the hello claimed, authenticated or not. */
  | { type: 'refused'; clusterId?: string; code: number; reason: string }
  /** Turned away before the handshake: too many failed authentications from this address lately. */
  | { type: 'throttled'; address: string; retryAfterMs: number }
  | { type: 'packet'; clusterId: string; seq: number; kind: string; duplicate: boolean }
  | { type: 'actionResult'; clusterId: string; actionId: string; known: boolean };

export class AgentSession {
  clusterId: string | undefined;
  private phase: 'hello' | 'challenged' | 'ready' | 'closed' = 'hello';
  private hello: HelloMessage | undefined;
  /** The cluster the hello claimed, before anything checked it: what failed authentications are counted under. */
  private claimed: string | undefined;
  private challenge: Buffer | undefined;
  private lastSeq = 0;
  private readonly handshakeTimer: NodeJS.Timeout;
  lastHeard = Date.now();

  constructor(
    readonly ws: WebSocket,
    private readonly host: SessionHost,
  ) {
    this.handshakeTimer = setTimeout(() => this.refuse(CloseCode.timeout, 'handshake not finished in time'), host.handshakeTimeoutMs);
    ws.on('message', (data, isBinary) => {
      this.lastHeard = Date.now();
      if (isBinary) return this.refuse(CloseCode.protocolError, 'binary frame: the relay protocol uses text frames');
      const parsed = parseMessage(agentMessageSchema, data.toString());
      if (!parsed.ok) return this.refuse(CloseCode.protocolError, `invalid message: ${parsed.reason}`);
      try {
        this.onMessage(parsed.message);
      } catch (err) {
        this.refuse(CloseCode.protocolError, `gateway could not handle the message: ${(err as Error).message}`);
      }
    });
    ws.on('pong', () => (this.lastHeard = Date.now()));
    ws.on('ping', () => (this.lastHeard = Date.now()));
    ws.on('close', () => {
      clearTimeout(this.handshakeTimer);
      this.phase = 'closed';
      host.onClosed(this);
    });
    ws.on('error', () => undefined);
  }

  get ready(): boolean {
    return this.phase === 'ready';
  }

  send(message: GatewayMessage): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Sends an action to this agent (after the handshake only). */
  sendAction(action: ActionMessage): boolean {
    if (this.phase !== 'ready') return false;
    this.send(action);
    return true;
  }

  refuse(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    this.host.onEvent?.({ type: 'refused', clusterId: this.clusterId ?? this.claimed, code, reason });
    if (AUTH_CLOSE_CODES.has(code)) this.host.guard?.failed(this.claimed);
    this.phase = 'closed';
    clearTimeout(this.handshakeTimer);
    this.ws.close(code, closeReason(reason));
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }

  private onMessage(message: AgentMessage): void {
    if (this.phase === 'closed') return;
    switch (message.type) {
      case 'hello':
        return this.onHello(message);
      case 'answer':
        return this.onAnswer(message.answer);
      case 'packet':
        return this.onPacket(message);
    }
  }

  private onHello(hello: HelloMessage): void {
    if (this.phase !== 'hello') return this.refuse(CloseCode.protocolError, 'hello sent twice');
    if (hello.protocol !== PROTOCOL_VERSION) return this.refuse(CloseCode.unsupportedVersion, `protocol ${hello.protocol} is not supported (this gateway speaks ${PROTOCOL_VERSION}): update the gateway or the agent`);
    this.claimed = hello.clusterId;
    const wait = this.host.guard?.retryAfterMs(hello.clusterId) ?? 0;
    if (wait > 0) {
      return this.refuse(CloseCode.tryAgainLater, `too many failed authentications for this cluster from this address: try again in ${Math.ceil(wait / 1000)} s, with the current connection file`);
    }
    const check = checkEnrolment(this.host.store, hello.accountId, hello.clusterId, this.host.now());
    if (!check.ok) return this.refuse(check.code === 'expired' ? CloseCode.expiredEnrolment : CloseCode.unknownEnrolment, check.message);
    this.hello = hello;
    this.clusterId = hello.clusterId;
    this.challenge = crypto.randomBytes(CHALLENGE_BYTES);
    this.phase = 'challenged';
    this.send({ type: 'challenge', challenge: this.challenge.toString('base64') });
  }

  private onAnswer(answer: string): void {
    if (this.phase !== 'challenged' || !this.hello || !this.challenge) return this.refuse(CloseCode.protocolError, 'answer without a challenge');
    const { store, now } = this.host;
    const hello = this.hello;
    // Re-read: the enrolment may have been revoked or expired while the agent computed its answer.
    const check = checkEnrolment(store, hello.accountId, hello.clusterId, now());
    if (!check.ok) return this.refuse(check.code === 'expired' ? CloseCode.expiredEnrolment : CloseCode.unknownEnrolment, check.message);
    const expected = challengeAnswer(this.challenge, check.enrolment.secret);
    // The challenge is single-use: whatever happens next, it cannot be answered again.
    this.challenge = undefined;
    if (!answersEqual(expected, answer)) {
      if (store.wasAnswerUsed(answer)) return this.refuse(CloseCode.replayedAnswer, 'this answer was already used: answers are single-use');
      return this.refuse(CloseCode.badAnswer, 'wrong answer to the challenge: the secret does not match the enrolment');
    }
    if (store.answerSeenBefore(hello.clusterId, answer, now())) return this.refuse(CloseCode.replayedAnswer, 'this answer was already used: answers are single-use');
    clearTimeout(this.handshakeTimer);
    store.markUsed(hello.clusterId, now(), hello);
    const lastAckedSeq = store.openStream(hello.clusterId, hello.streamId, now());
    this.lastSeq = lastAckedSeq;
    this.phase = 'ready';
    this.send({ type: 'welcome', lastAckedSeq, serverTime: now() });
    this.host.onEvent?.({ type: 'authenticated', clusterId: hello.clusterId });
    this.host.onAuthenticated(this);
  }

  private onPacket(packet: PacketMessage): void {
    if (this.phase !== 'ready' || !this.hello) return this.refuse(CloseCode.protocolError, 'a packet before the handshake finished');
    const { store, now } = this.host;
    const clusterId = this.hello.clusterId;
    if (packet.seq <= this.lastSeq) {
      // Only a duplicate of what is stored may come again; anything else under an old seq is a broken agent.
      if (!store.hasPacket(packet.packetId)) return this.refuse(CloseCode.protocolError, `packet seq ${packet.seq} arrived after seq ${this.lastSeq}: a stream's packets must come in seq order`);
      this.host.onEvent?.({ type: 'packet', clusterId, seq: packet.seq, kind: packet.kind, duplicate: true });
      return this.send({ type: 'ack', seq: this.lastSeq });
    }
    if (packet.kind === 'gap' && !gapBodySchema.safeParse(packet.body).success) return this.refuse(CloseCode.protocolError, `gap packet ${packet.seq} has an invalid body`);
    if (packet.kind === 'actionResult') {
      const result = actionResultBodySchema.safeParse(packet.body);
      if (!result.success) return this.refuse(CloseCode.protocolError, `actionResult packet ${packet.seq} has an invalid body`);
    }
    const outcome = store.storePacket({ clusterId, streamId: this.hello.streamId, seq: packet.seq, packetId: packet.packetId, kind: packet.kind, sentAt: packet.sentAt, receivedAt: now(), body: packet.body });
    if (!outcome.stored && outcome.reason === 'seq-conflict') return this.refuse(CloseCode.protocolError, `seq ${packet.seq} is already stored as packet ${outcome.existingPacketId}`);
    this.lastSeq = packet.seq;
    if (outcome.stored && packet.kind === 'actionResult') {
      const body = actionResultBodySchema.parse(packet.body);
      const known = store.recordResult(clusterId, body.actionId, body, now());
      this.host.onEvent?.({ type: 'actionResult', clusterId, actionId: body.actionId, known });
    }
    this.host.onEvent?.({ type: 'packet', clusterId, seq: packet.seq, kind: packet.kind, duplicate: !outcome.stored });
    this.send({ type: 'ack', seq: packet.seq });
  }
}
