import crypto from 'node:crypto';
import { MIN_CHALLENGE_BYTES } from './protocol.ts';

/** Decodes a base64 challenge; undefined if it is not base64 or shorter than MIN_CHALLENGE_BYTES. */
export function decodeChallenge(challenge: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(challenge)) return undefined;
  const bytes = Buffer.from(challenge, 'base64');
  return bytes.length >= MIN_CHALLENGE_BYTES ? bytes : undefined;
}

/** SHA-512(challenge ‖ secret), hex: the answer the seed's protocol describes, over the decoded challenge bytes. */
export function challengeAnswer(challenge: Buffer, secret: string): string {
  return crypto.createHash('sha512').update(challenge).update(Buffer.from(secret, 'utf8')).digest('hex');
}

/** Constant-time comparison of two hex answers (a length mismatch is simply false). */
export function answersEqual(expectedHex: string, givenHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(givenHex, 'hex');
  return a.length === b.length && a.length > 0 && crypto.timingSafeEqual(a, b);
}
