// Turns whatever went wrong in one call into exactly one LoyaltyPlusError (or an AbortError when
// the cashier cancelled). Classification reads error codes and classes only: message texts differ
// between Node, OpenSSL and undici versions, codes are their stable contract.
// Messages are read by a cashier or a technician, so they name the step, the host and what to
// check; they are built only from our own words, the host, the status and the protocol's error
// code, never from request headers, the server's message text or the config's secrets.
import { LoyaltyPlusError, type FailureKind } from './types.js';

/** The operation as a cashier would name it; it starts every message. */
export type Step =
  | 'member lookup' | 'enrolment' | 'earning points' | 'redemption'
  | 'redemption reversal' | 'refund';

export interface CallContext {
  step: Step;
  /** host:port, for the technician. */
  where: string;
  timeoutSeconds: number;
}

const NAME_LOOKUP = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
// UND_ERR_CONNECT_TIMEOUT is 'connect', not 'timeout': it means no connection (TCP + TLS
// handshake) was made in connect.timeout, so no request was sent and the fix is the network or
// the URL/Port, exactly like a refused connection. 'timeout' is kept for "we reached the service
// and it did not answer in time", which points at the service instead.
const CONNECT = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN',
  'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EADDRNOTAVAIL', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TLS_EXACT = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'EPROTO', 'HOSTNAME_MISMATCH',
]);
const TLS_PREFIXES = ['ERR_TLS_', 'ERR_SSL_', 'ERR_OSSL_', 'CERT_'];
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** A connection that was made and then lost: for a POST the service may have applied it. */
const LOST = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
// A reply that is not HTTP we can read (llhttp parser errors, oversized or malformed answers).
const BAD_RESPONSE_PREFIXES = ['HPE_', 'UND_ERR_RES_', 'UND_ERR_RESPONSE'];

/** Codes of the error, its causes and, for AggregateError (several addresses tried), its parts. */
export function errorCodes(err: unknown, depth = 0): string[] {
  if (depth > 4 || typeof err !== 'object' || err === null) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const parts = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
  return [...own, ...errorCodes(e.cause, depth + 1), ...parts];
}

function kindOfCode(code: string): FailureKind | undefined {
  if (NAME_LOOKUP.has(code)) return 'name-lookup';
  if (TIMEOUT.has(code)) return 'timeout';
  if (TLS_EXACT.has(code) || TLS_PREFIXES.some((p) => code.startsWith(p))) return 'tls';
  if (CONNECT.has(code)) return 'connect';
  if (BAD_RESPONSE_PREFIXES.some((p) => code.startsWith(p))) return 'bad-response';
  return undefined;
}

/** An Error named AbortError, as CallOptions promises; the caller's reason rides along as cause. */
export function abortError(step: Step, reason: unknown): Error {
  const e = new Error(`Loyalty Plus ${step} was cancelled.`, { cause: reason });
  e.name = 'AbortError';
  return e;
}

export interface Signals {
  deadline: AbortSignal;
  caller?: AbortSignal;
}

/**
 * Map a thrown network-level error. The caller's abort wins when it came first, because the
 * cashier asked for it; our own deadline is 'timeout' whatever undici was doing at that moment.
 */
export function classify(err: unknown, ctx: CallContext, s: Signals): Error {
  if (err instanceof LoyaltyPlusError) return err;
  if (s.caller?.aborted && (!s.deadline.aborted || err === s.caller.reason)) {
    return abortError(ctx.step, s.caller.reason);
  }
  if (s.deadline.aborted) return failure('timeout', ctx);
  const codes = errorCodes(err);
  // The most specific finding wins: a TLS or DNS code anywhere in the chain explains a generic
  // socket error around it.
  const kinds = codes.map(kindOfCode).filter((k): k is FailureKind => k !== undefined);
  const order: FailureKind[] = ['tls', 'name-lookup', 'timeout', 'bad-response', 'connect'];
  const kind = order.find((k) => kinds.includes(k)) ?? 'connect';
  return failure(kind, ctx, { code: codes.find((c) => kindOfCode(c) === kind) ?? codes[0] });
}

interface Detail {
  status?: number;
  /** A Node/undici error code or the protocol's error code. */
  code?: string;
  /** Extra words for 'bad-response'. */
  what?: string;
}

const SAFE_CODE = /^[A-Z0-9_]{1,64}$/;

/** Builds the one error of a kind; the only place messages are worded. */
export function failure(kind: FailureKind, ctx: CallContext, d: Detail = {}): LoyaltyPlusError {
  // A code from the far side is shown only when it looks like a code, so a hostile or broken
  // server cannot put arbitrary text (or anything we sent it) into the message.
  const code = d.code && SAFE_CODE.test(d.code) ? d.code : undefined;
  const tag = code ? ` (${code})` : '';
  const head = `Loyalty Plus ${ctx.step} failed`;
  const msg: Record<FailureKind, () => string> = {
    'name-lookup': () => `${head}: the host name in ${ctx.where} could not be found${tag}. Check the URL in setup and the till's network/DNS.`,
    connect: () => code && LOST.has(code)
      ? `${head}: the connection to ${ctx.where} was lost before an answer came${tag}. Check the network; a repeat with the same key is applied only once.`
      : `${head}: could not connect to ${ctx.where}${tag}. Check the URL and Port in setup, the network, and that the service is running.`,
    tls: () => `${head}: the secure connection to ${ctx.where} could not be set up or verified${tag}. Check the SSL Version and the CA file in setup.`,
    timeout: () => `${head}: no answer from ${ctx.where} within ${ctx.timeoutSeconds} s. Check the network, or raise the Timeout in setup if the service is slow.`,
    'http-status': () => `${head}: the service at ${ctx.where} answered with status ${d.status ?? '?'}${tag}.`,
    signature: () => signatureMessage(head, code),
    'unknown-account': () => `${head}: no member with that card or account number.`,
    refused: () => `${head}: refused by Loyalty Plus${tag}: ${refusalWords(code)}.`,
    'bad-response': () => `${head}: the answer from ${ctx.where} is not what the protocol says${d.what ? ` (${d.what})` : ''}.`,
    // The client never produces it (provider.ts words its own); here so every kind has words.
    offline: () => `${head}: Loyalty Plus is offline, so the call was not sent; it is checked again in the background.`,
  };
  return new LoyaltyPlusError(kind, msg[kind](), d.status, kind === 'http-status' || kind === 'signature'
    || kind === 'refused' || kind === 'unknown-account' ? code : undefined);
}

function signatureMessage(head: string, code: string | undefined): string {
  if (code === 'STALE_TIMESTAMP') {
    return `${head}: the till's clock differs from the service's by more than 5 minutes (STALE_TIMESTAMP). Check the date, time and time zone.`;
  }
  if (code === 'UNKNOWN_PARTNER') {
    return `${head}: the Partner, Terminal or API ID is not known to the service (UNKNOWN_PARTNER). Check them in setup.`;
  }
  return `${head}: the service did not accept the request's signature${code ? ` (${code})` : ''}. Check Secret Start and Secret End in setup.`;
}

function refusalWords(code: string | undefined): string {
  switch (code) {
    case 'INSUFFICIENT_POINTS': return 'the member does not have enough points';
    case 'DUPLICATE_CARD': return 'that card is already issued to a member';
    case 'KEY_REUSED': return 'this operation was already sent with different details';
    case 'UNKNOWN_AUTHORISATION': return 'no such redemption authorisation';
    case 'BAD_REQUEST': return 'the request was not valid';
    default: return 'the operation was not allowed';
  }
}

/** Status and protocol code pairs from docs/loyalty-plus-protocol.md "Errors". */
const REFUSALS: Record<string, number> = {
  BAD_REQUEST: 400, UNKNOWN_AUTHORISATION: 404, INSUFFICIENT_POINTS: 409, DUPLICATE_CARD: 409,
  KEY_REUSED: 422,
};

/** Map a non-2xx answer; `code` is the body's `error` field when it had one. */
export function statusFailure(status: number, code: string | undefined, ctx: CallContext): LoyaltyPlusError {
  // Any 401/403 is an authentication refusal even without a code (a proxy in front may not add one).
  if (status === 401 || status === 403) return failure('signature', ctx, { status, code });
  if (status === 404 && code === 'UNKNOWN_ACCOUNT') return failure('unknown-account', ctx, { status, code });
  if (code !== undefined && REFUSALS[code] === status) return failure('refused', ctx, { status, code });
  return failure('http-status', ctx, { status, code });
}
