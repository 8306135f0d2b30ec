// Cash-up documents and totals (docs/cash-up.md). Plain JSON, journalled as they are in the
// till's own journal as records of kind `cashup`. Money is integer cents.
import type { LedgerEntry } from '../ledger/types.js';
import type { BasisPoints, Cents, TenderKind } from '../types.js';

/** The opening float typed at the start of the day; the last one before a Z is the one it counts. */
export interface FloatDoc {
  kind: 'cashup';
  type: 'float';
  /** `<TILL>-<seq>`: the record's own document number. */
  number: string;
  till: string;
  operator: string;
  completedAt: string;
  amount: Cents;
}

/** The over/short posting a Z names (the accounts as they were set up at the Z). */
export interface OverShortPosting {
  amount: Cents;
  cashAccount: string;
  overShortAccount: string;
}

/** A Z report: closes the till's business day; never reopened. */
export interface ZDoc {
  kind: 'cashup';
  type: 'z';
  number: string;
  till: string;
  operator: string;
  approvedBy?: string;
  completedAt: string;
  /** Z 1, 2, ... per till. */
  z: number;
  /** The store-time-zone date (YYYY-MM-DD) of the business day it closes. */
  day: string;
  /** Seq of the previous Z of this till (0 when this is the first). */
  previousSeq: number;
  totals: CashupTotals;
  counted: Cents;
  /** counted - expected cash: over when > 0, short when < 0. */
  overShort: OverShortPosting;
}

export type CashupDoc = FloatDoc | ZDoc;

export interface TenderTotal {
  tenderCode: string;
  name: string;
  kind: TenderKind;
  /** Taken on sales (change given already taken off a cash tender). */
  sales: Cents;
  /** Paid back on refunds. */
  refunds: Cents;
  /** sales - refunds. */
  net: Cents;
}

export interface TaxTotal {
  rate: BasisPoints;
  /** Sales less refunds at this rate, tax included. */
  gross: Cents;
  tax: Cents;
}

export interface CashupTotals {
  /** First and last seq of the records counted (0, 0 when there were none). */
  fromSeq: number;
  toSeq: number;
  sales: { count: number; gross: Cents };
  refunds: { count: number; total: Cents };
  /** Lines voided on completed sales; sales abandoned (void records). */
  voids: { lines: number; abandoned: number };
  tenders: TenderTotal[];
  tax: TaxTotal[];
  /** Net cash rounding of sales and refunds. */
  rounding: Cents;
  loyalty: {
    /** Built-in credits earned less credits reversed by refunds. */
    earned: Cents;
    /** Built-in credits paid at the till less credits given back by refunds. */
    redeemed: Cents;
    /** Loyalty Plus: earn calls made, and value paid with provider authorisations. */
    plusEarnCalls: number;
    plusRedeemed: Cents;
  };
  float: Cents;
  cash: { in: Cents; out: Cents; expected: Cents };
}

/** What the totals read of one journal record (structural: the engine does not know the store). */
export interface CashupRecord {
  seq: number;
  doc: { kind: string } & Record<string, unknown>;
  rows: readonly unknown[];
  entries?: readonly LedgerEntry[];
}
