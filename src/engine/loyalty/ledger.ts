// Ledger entries of loyalty rows (SPEC section 4 rules 6 and 7). Earning and reversing post
// nothing: credits are off the books until an accrual run posts them (Pending Accrual is by
// definition "not yet posted to the ledger").
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { assertRow } from './rows.js';
import type { Cents } from '../types.js';
import type { LoyaltyRow, PayoutMethod } from './types.js';

/** Account codes chosen in setup. */
export interface LoyaltyAccounts {
  /** Loyalties Accrued (liability). */
  loyaltiesAccrued: string;
  /** Loyalties Redeemed (expense). */
  loyaltiesRedeemed: string;
  debtorsControl: string;
  /** The ledger account of the loyalty tender used at the till. */
  loyaltyTender: string;
  payout: Readonly<Record<PayoutMethod, string>>;
}

export interface LedgerLine {
  account: string;
  debit: Cents;
  credit: Cents;
}

export interface LedgerEntry {
  /** The loyalty row's id (a row posts at most one entry, so this ties them together). */
  rowId: string;
  at: string;
  memo: string;
  lines: LedgerLine[];
}

/** Dr `debit`, Cr `credit` for `amount`; a negative amount swaps the sides. */
function entry(row: LoyaltyRow, memo: string, debit: string, credit: string): LedgerEntry[] {
  const amount = Math.abs(row.amount);
  const [dr, cr] = row.amount >= 0 ? [debit, credit] : [credit, debit];
  // The same account on both sides moves nothing (e.g. a loyalty tender booked to the liability
  // itself, which the sale's own entry already debits): no entry rather than a no-op pair.
  if (dr === cr) return [];
  return [{ rowId: row.id, at: row.at, memo: `${memo} ${row.debtor} (${row.source})`,
    lines: [{ account: dr, debit: amount, credit: 0 }, { account: cr, debit: 0, credit: amount }] }];
}

export function ledgerEntriesFor(row: LoyaltyRow, accounts: LoyaltyAccounts): LedgerEntry[] {
  assertRow(row);
  const { loyaltiesAccrued: liability, loyaltiesRedeemed: expense } = accounts;
  switch (row.kind) {
    case 'earn':
    case 'reversal':
      return [];
    case 'accrual-posting':
      return entry(row, `Loyalties accrued for ${row.accrues}:`, expense, liability);
    case 'adjustment':
      return entry(row, `Loyalties adjusted (${row.reason}):`, expense, liability);
    case 'journal-credit':
      return entry(row, 'Loyalty journal credit:', liability, accounts.debtorsControl);
    case 'payout': {
      const account = accounts.payout[row.method];
      loyaltyAssert(typeof account === 'string' && account !== '', LOYALTY_ERR.BAD_SETTINGS,
        `Choose the ledger account for ${row.method} loyalty payouts in setup`);
      return entry(row, `Loyalty payout (${row.method}):`, liability, account);
    }
    case 'redemption':
      return entry(row, 'Loyalty redeemed at the till:', liability, accounts.loyaltyTender);
    case 'zeroing':
      return entry(row, 'Unused loyalties written back:', liability, expense);
  }
}

/** Debits equal credits, every line one-sided and non-negative. */
export function isBalanced(entries: readonly LedgerEntry[]): boolean {
  return entries.every((e) => {
    const ok = e.lines.every((l) => Number.isSafeInteger(l.debit) && Number.isSafeInteger(l.credit)
      && l.debit >= 0 && l.credit >= 0 && (l.debit === 0 || l.credit === 0));
    const dr = e.lines.reduce((s, l) => s + l.debit, 0);
    const cr = e.lines.reduce((s, l) => s + l.credit, 0);
    return ok && dr === cr;
  });
}
