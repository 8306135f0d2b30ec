// The general ledger's shapes: one balanced journal entry per posted movement (sale, refund,
// payment on account, loyalty row). Money is integer cents, instants ISO strings, all plain JSON
// so the store can journal entries as they are.
//
// The account and chart shapes are declared here structurally instead of imported from
// src/store/documents-types.ts: the engine never depends on the store, and the store's
// LedgerChoices and LedgerAccount are assignable to these (tests/engine/ledger check it).
import type { Cents, Tender } from '../types.js';
import type { LoyaltyRowKind } from '../loyalty/types.js';

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

/** An account of the chart (Ledger -> Account Maintenance). */
export interface ChartAccount {
  /** e.g. 3700.000.000.00 */
  code: string;
  name: string;
  type: AccountType;
}

/** The ledger accounts chosen in setup that postings need (the store's LedgerChoices). */
export interface PostingAccounts {
  sales: string;
  vatOutput: string;
  cashRounding: string;
  debtorsControl: string;
  loyaltiesAccrued: string;
  loyaltiesRedeemed: string;
}

/** What sale, refund and payment postings read from setup. */
export interface PostingContext {
  /** The tenders of setup: a tender's ledgerAccount is found by the code the document recorded. */
  tenders: readonly Tender[];
  ledger: PostingAccounts;
}

/** Loyalty rows that move the ledger (earn and reversal stay off the books until accrual). */
export type PostedLoyaltyKind = Exclude<LoyaltyRowKind, 'earn' | 'reversal'>;

/** cash-over-short: a Z report's drawer count against what the till's records say (src/engine/cashup). */
export type LedgerEntryKind = 'sale' | 'refund' | 'payment' | 'cash-over-short' | `loyalty-${PostedLoyaltyKind}`;

export const LEDGER_ENTRY_KINDS: readonly LedgerEntryKind[] = [
  'sale', 'refund', 'payment', 'cash-over-short',
  'loyalty-accrual-posting', 'loyalty-journal-credit', 'loyalty-redemption', 'loyalty-payout',
  'loyalty-adjustment', 'loyalty-zeroing',
];

/** One side of one account: exactly one of debit and credit is more than 0. */
export interface LedgerLine {
  account: string;
  debit: Cents;
  credit: Cents;
  memo?: string;
}

/**
 * One balanced journal entry: the debits sum to the credits, every line is on one side only and
 * none is zero. `id` is `${source}:${kind}:${index}`, so posting the same document again (a retry
 * after a crash) yields the same id and the store can recognise it.
 */
export interface LedgerEntry {
  id: string;
  /** ISO instant of the movement (the document's completion time, never the clock at posting). */
  at: string;
  /** Sale or refund number, payment id or loyalty row id. */
  source: string;
  kind: LedgerEntryKind;
  /** What the journal shows for the whole entry, e.g. "Sale T1-000001". */
  memo?: string;
  lines: LedgerLine[];
}

/** A payment received on a debtor's account (Debtor file > Account > Receive Payment). */
export interface PaymentOnAccount {
  /** Unique id of the payment (its receipt number). */
  id: string;
  debtor: string;
  /** ISO instant the payment was received. */
  at: string;
  /** Code of the tender it was received on (cash, card, other). */
  tenderCode: string;
  amount: Cents;
}
