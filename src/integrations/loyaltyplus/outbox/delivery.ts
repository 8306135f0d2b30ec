// One delivery attempt of an outbox entry and what its failure means for the outbox. The rule is
// LoyaltyPlusError.retryable, with two widenings from docs/loyalty-plus-protocol.md ("a 4xx other
// than 401/403 is final"): a rejected signature or a TLS problem is a setup problem that holds
// for every call, so the entries wait for it to be fixed instead of all being given up on. An
// 'offline' failure was never sent (provider.ts), so it is a wait too, never a final refusal.
import { LoyaltyPlusError, type EarnRequest, type LoyaltyPlusApi, type RefundRequest } from '../types.js';
import type { AckError } from './ack-log.js';
import type { OutboxEntry, ReverseBody } from './entries.js';

export type Verdict = 'wait' | 'final' | 'cancelled';
export type Attempt = { ok: true; answer: unknown } | { ok: false; verdict: Verdict; error: AckError };

export async function deliver(client: LoyaltyPlusApi, e: OutboxEntry, signal: AbortSignal): Promise<Attempt> {
  try {
    const o = { signal };
    let answer: unknown;
    if (e.op === 'earn') answer = await client.earn(e.body as EarnRequest, e.id, o);
    else if (e.op === 'refund') answer = await client.refund(e.body as RefundRequest, e.id, o);
    else answer = await reverse(client, e.body as ReverseBody, e.id, o);
    return { ok: true, answer };
  } catch (err) {
    return { ok: false, ...judge(err) };
  }
}

async function reverse(client: LoyaltyPlusApi, b: ReverseBody, id: string, o: { signal: AbortSignal }): Promise<unknown> {
  if ('authorisation' in b) return client.reverse(b.authorisation, b.reason, id, o);
  let authorisation: string;
  try {
    ({ authorisation } = await client.authorise(b.authorise, b.key, o));
  } catch (err) {
    // Refused now means it was never applied (an applied one would be answered again as it was).
    if (err instanceof LoyaltyPlusError && (err.kind === 'refused' || err.kind === 'unknown-account') && err.code !== 'KEY_REUSED') {
      return { authorisation: null, reversed: false, nothingToReverse: true };
    }
    throw err;
  }
  return client.reverse(authorisation, b.reason, id, o);
}

export function judge(err: unknown): { verdict: Verdict; error: AckError } {
  if (err instanceof LoyaltyPlusError) {
    const error: AckError = {
      kind: err.kind, message: err.message,
      ...(err.status !== undefined ? { status: err.status } : {}), ...(err.code !== undefined ? { code: err.code } : {}),
    };
    const wait = err.retryable || err.kind === 'signature' || err.kind === 'tls' || err.kind === 'offline';
    return { verdict: wait ? 'wait' : 'final', error };
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return { verdict: 'cancelled', error: { kind: 'unexpected', message: 'the call was cancelled (the outbox was closed)' } };
  }
  // Not the client's contract (a bug): retried, and worded without the error's own text, which
  // could hold anything, secrets included.
  const name = err instanceof Error ? err.name.replace(/[^A-Za-z0-9_]/g, '').slice(0, 40) : typeof err;
  return { verdict: 'wait', error: { kind: 'unexpected', message: `Loyalty Plus call failed unexpectedly (${name}); it will be retried with the same key.` } };
}

export interface Backoff { firstMs: number; maxMs: number }

export const DEFAULT_BACKOFF: Backoff = { firstMs: 2_000, maxMs: 300_000 };

/**
 * Wait after the `attempts`-th failure in a row: doubling from firstMs, capped at maxMs. The
 * jitter only shortens (to 75-100 %), so tills that went offline together do not retry in step
 * while each wait stays at least 1.5 times the one before (until the cap, which is never passed).
 */
export function backoffMs(attempts: number, b: Backoff, random: () => number = Math.random): number {
  const full = Math.min(b.maxMs, b.firstMs * 2 ** Math.min(Math.max(0, attempts - 1), 40));
  return Math.round(full * (0.75 + 0.25 * random()));
}
