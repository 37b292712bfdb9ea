import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PARAM } from '../contract/app-contract.ts';

/** Who may talk to the core: pages served by the core itself (its own origin) that know this launch's token. */
export interface ConnectionGuard {
  /** Host header values the server answers to: a page reached under another name (DNS rebinding) gets nothing. */
  hosts: Set<string>;
  origins: Set<string>;
  token: string;
}

export function guardFor(port: number, token: string, extraOrigins: readonly string[] = []): ConnectionGuard {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return { hosts: new Set(hosts), origins: new Set([...hosts.map((h) => `http://${h}`), ...extraOrigins]), token };
}

export function hostAllowed(guard: ConnectionGuard, req: IncomingMessage): boolean {
  return guard.hosts.has(req.headers.host ?? '');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an upgrade to the contract socket is refused outright (a page not our own), or undefined when it may proceed. */
export function refuseUpgrade(guard: ConnectionGuard, req: IncomingMessage): { status: 403; reason: string } | undefined {
  if (!hostAllowed(guard, req)) return { status: 403, reason: 'unknown host' };
  const origin = req.headers.origin;
  if (!origin || !guard.origins.has(origin)) return { status: 403, reason: 'origin not allowed' };
  return undefined;
}

/** Our own page with a stale or missing token (an old tab after a restart): it is told so, and must not retry. */
export function tokenAccepted(guard: ConnectionGuard, req: IncomingMessage): boolean {
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get(TOKEN_PARAM) ?? '';
  return sameSecret(token, guard.token);
}

/** The close code for a refused token; the client stops reconnecting on it. */
export const CLOSE_BAD_TOKEN = 4401;
