// How the relay's state reads on the Settings screen: plain words and a tone for each state, the backlog and the
// last ack as sentences. Pure, so it is tested without a DOM.
import type { RelayStatusView } from '../../../agent-core/contract/app-contract.ts';
import { formatAgo } from '../format/time.ts';

type Tone = 'neutral' | 'ok' | 'warn' | 'error' | 'info';

export const RELAY_STATE_LABEL: Record<RelayStatusView['state'], string> = {
  connected: 'Connected',
  connecting: 'Connecting',
  backoff: 'Waiting to reconnect',
  refused: 'Refused by the gateway',
  off: 'Off',
};

export function relayTone(state: RelayStatusView['state']): Tone {
  if (state === 'connected') return 'ok';
  if (state === 'connecting') return 'info';
  if (state === 'backoff') return 'warn';
  if (state === 'refused') return 'error';
  return 'neutral';
}

export function describeBacklog(backlog: RelayStatusView['backlog'], now: number): string {
  if (backlog.count === 0) return 'Nothing waiting: the gateway has everything';
  const packets = backlog.count === 1 ? '1 packet' : `${backlog.count} packets`;
  return backlog.oldestAt === null ? `${packets} waiting to be sent` : `${packets} waiting, the oldest from ${formatAgo(backlog.oldestAt, now)}`;
}

export function describeLastAck(status: Pick<RelayStatusView, 'lastAckAt' | 'lastAckedSeq'>, now: number): string {
  if (status.lastAckAt === null) return status.lastAckedSeq > 0 ? `up to packet ${status.lastAckedSeq} (before this start)` : 'nothing acknowledged yet';
  return `${formatAgo(status.lastAckAt, now)} (up to packet ${status.lastAckedSeq})`;
}

export function describeGap(gap: NonNullable<RelayStatusView['gap']>): string {
  const packets = gap.count === 1 ? '1 packet' : `${gap.count} packets`;
  return `${packets} (seq ${gap.firstSeq}–${gap.lastSeq}) were older than the outbox keeps and were dropped; the gateway will be told at the next connection.`;
}

/** A connection file is a few hundred bytes: anything much larger is the wrong file. */
export const MAX_CONNECTION_FILE_BYTES = 64 * 1024;

/** Why a picked file cannot be a connection file before reading it, or null. */
export function pickedFileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty: pick the file \`cluster-insight gateway enroll --out\` wrote.`;
  if (file.size > MAX_CONNECTION_FILE_BYTES) return `${file.name} is too large to be a connection file (${Math.round(file.size / 1024)} KiB): pick the file \`cluster-insight gateway enroll --out\` wrote.`;
  return null;
}
