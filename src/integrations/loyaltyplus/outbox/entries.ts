// Outbox entries: the Loyalty Plus calls a sale or refund owes the provider, written as rows of
// that document's own journal record (SPEC section 6: one write, one fsync), so a call can never
// be lost between the slip and the network. The id is also the Idempotency-Key: every retry,
// from any process and after any crash, sends the same key and the same body.
import type { CompletedRefund, CompletedSale } from '../../../engine/types.js';
import type { EarnRequest, RefundRequest } from '../types.js';

export type OutboxOp = 'earn' | 'refund' | 'reverse';
export type ReverseReason = 'abandoned' | 'voided' | 'refund';
/** An authorisation known by its id, or (its answer never came) by the key and body it was asked with. */
export type ReverseBody =
  | { authorisation: string; reason: ReverseReason }
  | { authorise: AuthoriseRequest; key: string; reason: ReverseReason };
export interface AuthoriseRequest { account: string; sale: string; amount: number }

export interface OutboxEntry {
  kind: 'lp-outbox';
  /** Also the Idempotency-Key, e.g. `T1-000042:earn`. */
  id: string;
  op: OutboxOp;
  body: EarnRequest | RefundRequest | ReverseBody;
  createdAt: string;
  /** The sale the call is about (for a refund: the refunded sale). */
  sale: string;
}

const OPS: readonly OutboxOp[] = ['earn', 'refund', 'reverse'];
const REASONS: readonly ReverseReason[] = ['abandoned', 'voided', 'refund'];
// The protocol's key format (printable ASCII, 1-200): checked here so a bad id fails when the
// record is built, not days later as a refusal nobody can fix.
const KEY = /^[\x21-\x7e]{1,200}$/;

function assertKey(id: string): string {
  if (!KEY.test(id)) throw new RangeError(`outbox entry id ${JSON.stringify(id)} is not a valid Idempotency-Key: use 1-200 printable ASCII characters without spaces`);
  return id;
}

/**
 * Earn for a sale. The body is copied field by field in the protocol's order: a retry must send
 * the same bytes, or the provider refuses the key as reused.
 */
export function earnEntry(e: EarnRequest): OutboxEntry {
  const body: EarnRequest = {
    account: e.account, sale: e.sale, at: e.at, amount: e.amount,
    lines: e.lines.map((l) => ({ item: l.item, qty: l.qty, value: l.value })),
  };
  return { kind: 'lp-outbox', id: assertKey(`${e.sale}:earn`), op: 'earn', body, createdAt: e.at, sale: e.sale };
}

/** Takes back what a refund returns; keyed by the refund's number (a sale may be refunded in parts). */
export function refundEntry(r: RefundRequest): OutboxEntry {
  const body: RefundRequest = { account: r.account, sale: r.sale, refund: r.refund, at: r.at, amount: r.amount };
  return { kind: 'lp-outbox', id: assertKey(`${r.refund}:refund`), op: 'refund', body, createdAt: r.at, sale: r.sale };
}

/** Reverses a redemption authorisation; `doc` is the number of the record that carries the entry. */
export function reverseEntry(r: { doc: string; sale: string; authorisation: string; reason: ReverseReason; at: string }): OutboxEntry {
  const body: ReverseBody = { authorisation: r.authorisation, reason: r.reason };
  return { kind: 'lp-outbox', id: assertKey(`${r.doc}:reverse:${r.authorisation}`), op: 'reverse', body, createdAt: r.at, sale: r.sale };
}

/**
 * Reverses an authorisation whose answer never came. Delivery asks for it again with the same key
 * and body, which the provider answers from its first try if that one arrived (or applies now if
 * it did not), and then reverses what it names: either way nothing is left authorised.
 */
export function cancelEntry(r: { doc: string; sale: string; authorise: AuthoriseRequest; key: string; reason: ReverseReason; at: string }): OutboxEntry {
  const a = r.authorise;
  const body: ReverseBody = { authorise: { account: a.account, sale: a.sale, amount: a.amount }, key: r.key, reason: r.reason };
  return { kind: 'lp-outbox', id: assertKey(`${r.doc}:cancel:${r.key}`), op: 'reverse', body, createdAt: r.at, sale: r.sale };
}

/** The earn request of a completed sale for a member: every line counts (the provider's rules decide points). */
export function earnRequestOf(sale: CompletedSale, account: string): EarnRequest {
  return {
    account, sale: sale.saleNumber, at: sale.completedAt, amount: sale.total,
    lines: sale.lines.map((l) => ({ item: l.itemCode, qty: l.qty, value: l.value })),
  };
}

export function refundRequestOf(refund: CompletedRefund, account: string): RefundRequest {
  return { account, sale: refund.saleNumber, refund: refund.refundNumber, at: refund.completedAt, amount: refund.total };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Tells outbox entries from the other rows (loyalty rows) a record carries; checks what delivery needs. */
export function isOutboxEntry(row: unknown): row is OutboxEntry {
  if (!isObject(row) || row.kind !== 'lp-outbox') return false;
  if (!isString(row.id) || !KEY.test(row.id) || !isString(row.createdAt) || !isString(row.sale)) return false;
  if (!OPS.includes(row.op as OutboxOp) || !isObject(row.body)) return false;
  const b = row.body;
  if (row.op === 'reverse') {
    const known = isString(b.authorisation) || (isObject(b.authorise) && isString(b.key) && KEY.test(b.key) && isString(b.authorise.account) && Number.isSafeInteger(b.authorise.amount));
    return known && REASONS.includes(b.reason as ReverseReason);
  }
  if (!isString(b.account) || !isString(b.sale) || !isString(b.at) || !Number.isSafeInteger(b.amount)) return false;
  return row.op === 'earn' ? Array.isArray(b.lines) : isString(b.refund);
}

/** The outbox entries of a record's rows, in row order. */
export function outboxEntriesOf(rows: readonly unknown[]): OutboxEntry[] {
  return rows.filter(isOutboxEntry);
}
