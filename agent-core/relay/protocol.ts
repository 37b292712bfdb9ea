// The relay protocol between an agent and a gateway: JSON text frames over one WebSocket (permessage-deflate),
// every message validated by the schemas below on both sides. docs/relay-protocol.md explains each step.
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;
/** The WebSocket path a gateway serves agents on. */
export const RELAY_PATH = '/relay';
/** A challenge shorter than this is refused by the agent (the seed skipped authentication on short ones). */
export const MIN_CHALLENGE_BYTES = 32;
/** The gateway's challenge length. */
export const CHALLENGE_BYTES = 48;
/** Frames larger than this are refused by both sides (a one-hour backlog is sent as many packets, never one). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** Close codes (4000–4999 are the application's). Each carries a short reason text. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** The answer did not match the challenge. */
  badAnswer: 4001,
  /** No enrolment for this account and cluster (or it was revoked). */
  unknownEnrolment: 4002,
  /** An enrolment never used within its first 4 hours. */
  expiredEnrolment: 4003,
  /** An answer that was already used once (captured and replayed). */
  replayedAnswer: 4004,
  /** A message that does not follow the protocol (schema, order, a lying peer). */
  protocolError: 4005,
  /** The handshake did not finish in time, or the peer stopped answering pings. */
  timeout: 4006,
  /** The agent refuses a challenge shorter than MIN_CHALLENGE_BYTES. */
  shortChallenge: 4007,
  /** A newer connection of the same cluster took over. */
  superseded: 4008,
  /** The peer speaks a protocol version we do not. */
  unsupportedVersion: 4009,
  /** Too many failed authentications for this cluster from this address lately: retry after the backoff. */
  tryAgainLater: 1013,
} as const;

/** The refusals that mean "who you claim to be does not check out", as opposed to a broken or slow peer. */
export const AUTH_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.badAnswer, CloseCode.unknownEnrolment, CloseCode.expiredEnrolment, CloseCode.replayedAnswer]);
export type CloseCodeName = keyof typeof CloseCode;

export function closeCodeName(code: number): CloseCodeName | undefined {
  return (Object.keys(CloseCode) as CloseCodeName[]).find((k) => CloseCode[k] === code);
}

/** Close codes after which redialling with the same credentials cannot succeed: the agent stops and says why. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.badAnswer, CloseCode.unknownEnrolment, CloseCode.expiredEnrolment, CloseCode.unsupportedVersion]);

const id = z.string().min(1).max(200);
const uuid = z.string().uuid();
const seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const PACKET_KINDS = ['entities', 'metrics', 'recommendations', 'events', 'logs', 'audit', 'gap', 'actionResult'] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];

// ---- agent → gateway ----

export const helloSchema = z.object({
  type: z.literal('hello'),
  protocol: z.number().int().positive(),
  agentVersion: z.string().min(1).max(100),
  accountId: id,
  clusterId: id,
  kubernetesVersion: z.string().max(100),
  capabilities: z.array(z.string().max(100)).max(100),
  /** The agent's outbox identity: seq numbers are per stream (a reset data folder starts a new stream). */
  streamId: uuid,
});

export const answerSchema = z.object({
  type: z.literal('answer'),
  /** Hex SHA-512 of (challenge bytes ‖ secret as UTF-8). */
  answer: z.string().regex(/^[0-9a-f]{128}$/, 'a 128-digit lowercase hex SHA-512'),
});

export const packetSchema = z.object({
  type: z.literal('packet'),
  seq: seq.min(1),
  packetId: uuid,
  kind: z.enum(PACKET_KINDS),
  /** ms epoch when the packet was produced (and written to the outbox). */
  sentAt: z.number().int().nonnegative(),
  body: z.unknown(),
});

export const agentMessageSchema = z.discriminatedUnion('type', [helloSchema, answerSchema, packetSchema]);

// ---- gateway → agent ----

export const challengeSchema = z.object({
  type: z.literal('challenge'),
  /** Base64 of at least MIN_CHALLENGE_BYTES random bytes. Length is checked after decoding, not here. */
  challenge: z.string().min(1).max(4096),
});

export const welcomeSchema = z.object({
  type: z.literal('welcome'),
  /** The highest seq of this stream the gateway has stored: the agent drops those and replays the rest. */
  lastAckedSeq: seq,
  serverTime: z.number().int().nonnegative(),
});

export const ackSchema = z.object({
  type: z.literal('ack'),
  /** Cumulative: every packet of this stream with seq ≤ this one is stored. */
  seq,
});

export const actionSchema = z.object({
  type: z.literal('action'),
  actionId: uuid,
  action: z.literal('applyRecommendation'),
  recommendationId: z.string().min(1).max(500),
  requestedBy: z.string().max(200).optional(),
  requestedAt: z.number().int().nonnegative(),
});

export const gatewayMessageSchema = z.discriminatedUnion('type', [challengeSchema, welcomeSchema, ackSchema, actionSchema]);

export type HelloMessage = z.infer<typeof helloSchema>;
export type AnswerMessage = z.infer<typeof answerSchema>;
export type PacketMessage = z.infer<typeof packetSchema>;
export type AgentMessage = z.infer<typeof agentMessageSchema>;
export type ChallengeMessage = z.infer<typeof challengeSchema>;
export type WelcomeMessage = z.infer<typeof welcomeSchema>;
export type AckMessage = z.infer<typeof ackSchema>;
export type ActionMessage = z.infer<typeof actionSchema>;
export type GatewayMessage = z.infer<typeof gatewayMessageSchema>;

// ---- packet bodies (validated by the gateway for the kinds it interprets) ----

export const gapBodySchema = z.object({
  /** How many packets were dropped from the outbox, unsent, because they were older than its bound. */
  count: z.number().int().positive(),
  firstSeq: seq.min(1),
  lastSeq: seq.min(1),
  /** Dropped packets per kind. */
  kinds: z.record(z.string(), z.number().int().positive()),
  /** sentAt of the oldest and newest dropped packet. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  maxAgeMs: z.number().int().positive(),
});
export type GapBody = z.infer<typeof gapBodySchema>;

export const ACTION_OUTCOMES = ['applied', 'rejected', 'refused', 'failed'] as const;
export const actionResultBodySchema = z.object({
  actionId: uuid,
  recommendationId: z.string(),
  /** applied: dry-run then apply succeeded; rejected: a person (or the agent's settings) said no; refused: the dry run or the server refused; failed: an error. */
  outcome: z.enum(ACTION_OUTCOMES),
  dryRun: z.object({ ok: z.boolean(), diff: z.string().optional(), summary: z.string().optional() }).optional(),
  message: z.string(),
  decidedBy: z.string().optional(),
  /** Set when new data had replaced the requested recommendation: the id whose values were dry-run (and applied). */
  recomputedAs: z.string().optional(),
});
export type ActionResultBody = z.infer<typeof actionResultBodySchema>;

/** Parses one text frame; a frame that is not valid JSON or not a known message gives a readable reason. */
export function parseMessage<T>(schema: z.ZodType<T>, data: string): { ok: true; message: T } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
}

/** Close reasons are limited to 123 bytes by RFC 6455. */
export function closeReason(text: string): string {
  const buf = Buffer.from(text, 'utf8');
  return buf.length <= 123 ? text : buf.subarray(0, 120).toString('utf8') + '...';
}
