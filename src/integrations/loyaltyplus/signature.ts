// Request signing of docs/loyalty-plus-protocol.md, used by both the client and the simulator.
// The key is Secret Start + Secret End; it is never logged, shown or put in an error.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedParts {
  method: string;
  /** Path with query, e.g. /v1/members/4000123. */
  path: string;
  /** X-LP-Timestamp: ISO 8601 UTC with milliseconds. */
  timestamp: string;
  /** Idempotency-Key, or '' for calls without one. */
  idempotencyKey: string;
  /** The exact body bytes ('' for GET). */
  body: string | Uint8Array;
}

export interface Secrets {
  secretStart: string;
  secretEnd: string;
}

/** Seconds a timestamp may differ from the server's clock. */
export const REPLAY_WINDOW_S = 300;

export function signedText(p: SignedParts): string {
  const bodyHash = createHash('sha256').update(p.body).digest('hex');
  return [p.method.toUpperCase(), p.path, p.timestamp, p.idempotencyKey, bodyHash].join('\n');
}

export function sign(p: SignedParts, s: Secrets): string {
  return createHmac('sha256', `${s.secretStart}${s.secretEnd}`).update(signedText(p)).digest('hex');
}

/** Constant-time check of a received signature. */
export function signatureMatches(p: SignedParts, s: Secrets, signature: string): boolean {
  const want = Buffer.from(sign(p, s), 'hex');
  const got = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return got.length === want.length && timingSafeEqual(got, want);
}

export const HEADERS = {
  partner: 'x-lp-partner',
  terminal: 'x-lp-terminal',
  api: 'x-lp-api',
  timestamp: 'x-lp-timestamp',
  signature: 'x-lp-signature',
  idempotencyKey: 'idempotency-key',
} as const;
