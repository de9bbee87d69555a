// Bearer tokens: random, shown once, kept only as sha256 digests.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits; the prefix lets secret scanners and people recognise an Equity Desk token. */
export function newToken(): string {
  return `eqd_${randomBytes(32).toString('base64url')}`;
}

/** What `newToken` makes: a text of any other shape names no token, and is not looked up. */
export const ISSUED_TOKEN = /^eqd_[A-Za-z0-9_-]{43}$/;

export function digestToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The stored digest is found by an index lookup on the digest of the presented token, which reveals
 * nothing about other tokens; the final comparison is constant-time anyway so no path compares secrets
 * byte by byte.
 */
export function sameDigest(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
