// The sales file's format (docs/loyalty-plus-protocol.md, "Sales uploads"): one row per sale or
// refund with a Loyalty Plus member, money as decimal strings made from integer cents. Pure: the
// same records and facts always give the same bytes, so a rebuilt file has the same checksum.
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { formatMoney } from '../../../engine/money.js';
import type { JournalRecord } from '../../../store/journal-format.js';
import type { BatchFileFacts } from './types.js';

export const SALES_COLUMNS = [
  'store_id', 'partner_id', 'terminal_id', 'till', 'seq', 'document', 'type', 'completed_at',
  'member_number', 'member_account', 'total', 'tax', 'loyalty_tender', 'refunded_sale',
] as const;

/** The fields of one row, as the journal record gives them (before the header facts are added). */
export interface SalesRow {
  till: string;
  seq: number;
  document: string;
  type: 'SALE' | 'REFUND';
  completedAt: string;
  memberNumber: string;
  memberAccount: string;
  total: number;
  tax: number;
  /** Paid (or paid back) on the Loyalty Plus tender, in cents. */
  loyaltyTender: number;
  refundedSale: string;
}

/** The row of a loyalty sale or refund, or null for any other record (no member, a void, a payment). */
export function salesRowOf(rec: JournalRecord): SalesRow | null {
  const doc = rec.doc;
  if (doc.kind !== 'sale' && doc.kind !== 'refund') return null;
  if (!doc.member) return null;
  // A sale's Loyalty Plus tender carries its authorisation; a refund pays back on the loyalty kind.
  const onLoyalty = (t: { kind: string; authorisation?: string }) => t.authorisation !== undefined || (doc.kind === 'refund' && t.kind === 'loyalty');
  const loyaltyTender = doc.tenders.reduce((sum, t) => (onLoyalty(t) ? sum + t.amount : sum), 0);
  return {
    till: rec.till,
    seq: rec.seq,
    document: doc.kind === 'sale' ? doc.saleNumber : doc.refundNumber,
    type: doc.kind === 'sale' ? 'SALE' : 'REFUND',
    completedAt: doc.completedAt,
    memberNumber: doc.member.number,
    memberAccount: doc.member.account ?? '',
    total: doc.total,
    tax: doc.taxTotal,
    loyaltyTender,
    refundedSale: doc.kind === 'refund' ? doc.saleNumber : '',
  };
}

/** An instant as UTC ISO with milliseconds; text that is not an instant is kept as written. */
function isoUtc(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms).toISOString();
}

export function salesCsv(rows: readonly SalesRow[], facts: BatchFileFacts): Buffer {
  const money = (c: number) => formatMoney(c, { decimals: facts.decimals });
  const records = rows.map((r) => [
    facts.storeId, facts.partnerId, facts.terminalId, r.till, String(r.seq), r.document, r.type, isoUtc(r.completedAt),
    r.memberNumber, r.memberAccount, money(r.total), money(r.tax), money(r.loyaltyTender), r.refundedSale,
  ]);
  const text = stringify([[...SALES_COLUMNS], ...records], { record_delimiter: 'unix', eof: true });
  return Buffer.from(text, 'utf8');
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `<partner id or store id>_<TILL>_<fromSeq>-<toSeq>.csv`, with anything unsafe in a file name made `_`. */
export function batchFileName(facts: BatchFileFacts, till: string, fromSeq: number, toSeq: number): string {
  const who = (facts.partnerId || facts.storeId).replace(/[^A-Za-z0-9_-]/g, '_');
  return `${who}_${till}_${fromSeq}-${toSeq}.csv`;
}
