// The Loyalty Plus client's contract (docs/loyalty-plus-protocol.md): what the till, the outbox
// and the setup screen's Test call. Every failure is one LoyaltyPlusError of a kind, so callers
// branch on `kind`, never on message text.

export interface LoyaltyPlusConfig {
  /** e.g. https://loyalty.example.com (no path); Port is separate. */
  url: string;
  port: number;
  secretStart: string;
  secretEnd: string;
  partnerId: string;
  terminalId: string;
  apiId: string;
  timeoutSeconds: number;
  /** Minimum TLS version. */
  tls: 'TLSv1.2' | 'TLSv1.3';
  /** PEM file of an extra CA to trust (the simulator's, or a private CA); '' for the system roots. */
  caFile: string;
}

export type FailureKind =
  | 'name-lookup'   // DNS: the host name does not resolve
  | 'connect'       // refused, unreachable, reset before TLS
  | 'tls'           // handshake, certificate or version
  | 'timeout'       // no full answer within the call's deadline
  | 'http-status'   // an unexpected status (5xx, or a 4xx not listed below)
  | 'signature'     // 401 BAD_SIGNATURE / STALE_TIMESTAMP, 403 UNKNOWN_PARTNER
  | 'unknown-account' // 404 UNKNOWN_ACCOUNT
  | 'refused'       // a final business refusal: INSUFFICIENT_POINTS, DUPLICATE_CARD, KEY_REUSED, UNKNOWN_AUTHORISATION, BAD_REQUEST
  | 'bad-response' // 2xx with a body that is not what the protocol says
  | 'offline';      // not sent: the provider is marked offline (or not set up), provider.ts

// The client is a bundle of its own (dist/loyalty-plus.js), so its errors are made by a second
// copy of this class: instanceof goes by a brand in the global symbol registry, not by identity.
const BRAND = Symbol.for('tillpoint.LoyaltyPlusError');

export class LoyaltyPlusError extends Error {
  static override [Symbol.hasInstance](v: unknown): boolean {
    return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  override name = 'LoyaltyPlusError';
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** HTTP status, when there was one. */
    readonly status?: number,
    /** The protocol's error code, when the service gave one. */
    readonly code?: string,
  ) {
    super(message);
  }

  /** Worth retrying later with the same idempotency key (the outbox's rule). */
  get retryable(): boolean {
    return this.kind === 'name-lookup' || this.kind === 'connect' || this.kind === 'timeout'
      || (this.kind === 'http-status' && (this.status ?? 0) >= 500);
  }
}

export interface Member {
  account: string;
  card: string;
  name: string;
  points: number;
  pointsValue: number;
}

export interface EarnRequest {
  account: string;
  sale: string;
  at: string;
  amount: number;
  lines: { item: string; qty: number; value: number }[];
}

export interface RefundRequest {
  account: string;
  sale: string;
  refund: string;
  at: string;
  amount: number;
}

export interface CallOptions {
  /** Cancels the call (the cashier pressed Esc): it rejects with an Error named AbortError. */
  signal?: AbortSignal;
}

export interface LoyaltyPlusApi {
  lookup(number: string, o?: CallOptions): Promise<Member>;
  enrol(m: { name: string; cellphone: string; card: string }, idempotencyKey: string, o?: CallOptions): Promise<Member>;
  earn(e: EarnRequest, idempotencyKey: string, o?: CallOptions): Promise<{ sale: string; points: number; balance: number }>;
  authorise(r: { account: string; sale: string; amount: number }, idempotencyKey: string, o?: CallOptions): Promise<{ authorisation: string; amount: number; balance: number }>;
  reverse(authorisation: string, reason: 'abandoned' | 'voided' | 'refund', idempotencyKey: string, o?: CallOptions): Promise<{ authorisation: string; reversed: boolean; balance: number }>;
  refund(r: RefundRequest, idempotencyKey: string, o?: CallOptions): Promise<{ refund: string; points: number; balance: number }>;
  close(): Promise<void>;
}
