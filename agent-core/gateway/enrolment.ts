import crypto from 'node:crypto';
import { UserFacingError } from '../kube/user-facing-error.ts';
import type { ConnectionFile } from '../relay/connection-file.ts';
import { ENROLMENT_UNUSED_TTL_MS, type Enrolment, type GatewayStore } from './gateway-store.ts';

export interface EnrolOptions {
  accountId: string;
  /** A person's name for the cluster (shown by the read API). */
  name: string;
  /** What agents dial: ws://host:port or wss://… behind a TLS proxy. */
  gatewayUrl: string;
  now?: number;
}

/** A new enrolment: a fresh cluster id and a 32-byte random secret, returned as the connection file's content. */
export function enrol(store: GatewayStore, opts: EnrolOptions): ConnectionFile {
  const accountId = opts.accountId.trim();
  const name = opts.name.trim();
  if (!accountId) throw new UserFacingError('enrol-invalid', 'the account id is empty: pass --account with the team or account the cluster belongs to.');
  if (!name) throw new UserFacingError('enrol-invalid', "the name is empty: pass --name with the cluster's name as people know it.");
  if (!/^wss?:\/\//.test(opts.gatewayUrl)) throw new UserFacingError('enrol-invalid', `--url ${opts.gatewayUrl} must start with ws:// or wss:// (the address agents dial).`);
  const clusterId = crypto.randomUUID();
  const secret = crypto.randomBytes(32).toString('base64url');
  store.addEnrolment({ clusterId, accountId, name, secret, createdAt: opts.now ?? Date.now() });
  return { gatewayUrl: opts.gatewayUrl, accountId, clusterId, secret };
}

export type EnrolmentCheck = { ok: true; enrolment: Enrolment } | { ok: false; code: 'unknown' | 'expired'; message: string };

/** Whether an agent claiming this account and cluster may be challenged at all. */
export function checkEnrolment(store: GatewayStore, accountId: string, clusterId: string, now: number): EnrolmentCheck {
  const e = store.enrolment(clusterId);
  if (!e || e.accountId !== accountId || e.revokedAt !== null) return { ok: false, code: 'unknown', message: 'no such enrolment (or it was revoked)' };
  if (e.firstUsedAt === null && now - e.createdAt >= ENROLMENT_UNUSED_TTL_MS) return { ok: false, code: 'expired', message: 'the enrolment was never used within 4 hours and has expired' };
  return { ok: true, enrolment: e };
}

export function enrolmentState(e: Enrolment, now: number): 'active' | 'waiting-first-use' | 'expired' | 'revoked' {
  if (e.revokedAt !== null) return 'revoked';
  if (e.firstUsedAt !== null) return 'active';
  return now - e.createdAt >= ENROLMENT_UNUSED_TTL_MS ? 'expired' : 'waiting-first-use';
}
