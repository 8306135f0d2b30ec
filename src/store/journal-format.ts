// One journal line: `<crc32 of the JSON as 8 hex digits> <json>\n`. The checksum tells a torn or
// damaged line from a good one; the newline says the write finished.
import { crc32 } from 'node:zlib';
import type { CashupDoc } from '../engine/cashup/types.js';
import type { LedgerEntry } from '../engine/ledger/types.js';
import type { CompletedRefund, CompletedSale, PendingAuthorisation, TenderTaken } from '../engine/types.js';
import type { LoyaltyDoc, LoyaltyEpochDoc, PaymentDoc } from './back-office-types.js';
import { StoreError } from './errors.js';
import { JOURNAL_RECORD_VERSION, newerVersionError } from './migrations.js';

/** What a till's own journal holds. */
export type TillDoc = CompletedSale | CompletedRefund;

/**
 * A sale abandoned (or a tender removed) while it held a loyalty provider's authorisations: no
 * money moved, but the reversals it owes the provider must be as durable as a sale (its rows are
 * the outbox entries). It posts nothing to the ledger and counts in no sales.
 */
export interface VoidDoc {
  kind: 'void';
  number: string;
  saleId: string;
  till: string;
  operator: string;
  completedAt: string;
  /** abandoned: by the cashier; voided: reopened after a crash, then abandoned; tender-removed; uncertain: an authorisation whose answer never came. */
  reason: 'abandoned' | 'voided' | 'tender-removed' | 'uncertain';
  /** The authorised tenders being undone. */
  tenders: TenderTaken[];
  /** Authorisations asked for whose answer never came: reversed by their key. */
  pending: PendingAuthorisation[];
}

/**
 * Any journal's documents: a till's journal also holds its cash-up (opening float, Z report), the
 * back-office journal payments, loyalty and loyalty-epoch documents.
 */
export type JournalDoc = TillDoc | VoidDoc | CashupDoc | PaymentDoc | LoyaltyDoc | LoyaltyEpochDoc;
export type JournalKind = JournalDoc['kind'];
export const JOURNAL_KINDS: readonly JournalKind[] = ['sale', 'refund', 'void', 'cashup', 'payment', 'loyalty', 'loyalty-epoch'];

export interface JournalRecord {
  v: 1;
  seq: number;
  till: string;
  operator: string;
  /** The supervisor or manager whose override allowed it (a cashier's refund). */
  approvedBy?: string;
  at: string;
  kind: JournalKind;
  doc: JournalDoc;
  /** Loyalty rows (and later other rows, such as outbox entries) written with the document. */
  rows: unknown[];
  /** The document's ledger entries, posted with the setup in force when it was written. */
  entries?: LedgerEntry[];
}

export function isTillDoc(doc: JournalDoc): doc is TillDoc {
  return doc.kind === 'sale' || doc.kind === 'refund';
}

// Upper case only: sale numbers carry the till id and are typed back in any case at a refund.
const TILL_ID = /^[A-Z0-9_-]{1,16}$/;

export function isTillId(till: string): boolean {
  return TILL_ID.test(till);
}

export function assertTillId(till: string): void {
  if (!isTillId(till)) {
    throw new StoreError('INVALID', `till id ${JSON.stringify(till)} is not allowed: use 1-16 capital letters, digits, _ or -`, { field: 'till' });
  }
}

export function documentNumber(till: string, seq: number): string {
  return `${till}-${String(seq).padStart(6, '0')}`;
}

/** `T1-000042` -> { till: 'T1', seq: 42 }; till ids may contain `-`, so split at the last one. */
export function parseDocumentNumber(number: string): { till: string; seq: number } | null {
  const m = /^(.+)-(\d{6,})$/.exec(number);
  if (!m || !isTillId(m[1]!)) return null;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) && seq > 0 ? { till: m[1]!, seq } : null;
}

export function docNumberOf(doc: JournalDoc): string {
  return doc.kind === 'sale' ? doc.saleNumber : doc.kind === 'refund' ? doc.refundNumber : doc.number;
}

export function encodeRecord(rec: JournalRecord): Buffer {
  const json = Buffer.from(JSON.stringify(rec), 'utf8');
  const head = Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `, 'latin1');
  return Buffer.concat([head, json, Buffer.from('\n')]);
}

export type Decoded = { ok: true; record: JournalRecord } | { ok: false; reason: string };

const HEX8 = /^[0-9a-f]{8}$/;

/**
 * Decodes one line (without its newline) of `journals/<till>.jsonl`. A damaged line is reported,
 * not thrown; a record from a newer tillpoint throws NEWER_SCHEMA, since skipping it would lose it.
 */
export function decodeLine(line: Buffer, till: string, file: string): Decoded {
  if (line.length < 11 || line[8] !== 0x20) return { ok: false, reason: 'no checksum' };
  const hex = line.toString('latin1', 0, 8);
  if (!HEX8.test(hex)) return { ok: false, reason: 'no checksum' };
  const json = line.subarray(9);
  if (crc32(json) !== parseInt(hex, 16)) return { ok: false, reason: 'bad checksum' };
  let v: unknown;
  try {
    v = JSON.parse(json.toString('utf8'));
  } catch {
    return { ok: false, reason: 'bad JSON' };
  }
  if (typeof v !== 'object' || v === null) return { ok: false, reason: 'not a record' };
  const r = v as Partial<JournalRecord>;
  if (typeof r.v === 'number' && r.v > JOURNAL_RECORD_VERSION) {
    throw newerVersionError(file, `a record (seq ${String(r.seq)}) of version`, r.v, JOURNAL_RECORD_VERSION);
  }
  if (r.v !== 1 || !Number.isSafeInteger(r.seq) || (r.seq ?? 0) < 1 || r.till !== till) return { ok: false, reason: 'not a record of this till' };
  if (!JOURNAL_KINDS.includes(r.kind as JournalKind) || typeof r.doc !== 'object' || r.doc === null || r.doc.kind !== r.kind) {
    return { ok: false, reason: 'not a sale, refund, void, cash-up, payment or loyalty record' };
  }
  if (!Array.isArray(r.rows)) return { ok: false, reason: 'no rows' };
  if (r.entries !== undefined && !Array.isArray(r.entries)) return { ok: false, reason: 'bad ledger entries' };
  return { ok: true, record: r as JournalRecord };
}
