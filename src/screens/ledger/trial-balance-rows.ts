// The Trial Balance as fixed-width text rows. Balances are shown with Dr / Cr rather than a sign,
// as a bookkeeper reads them; the totals say in words whether debits equal credits, so the result
// never depends on colour.
import type { TrialBalance, TrialBalanceRow } from '../../engine/ledger/index.js';
import { formatMoney } from '../../engine/money.js';
import type { Cents } from '../../engine/types.js';
import { fit } from '../pos/format.js';

export interface TrialColumns {
  code: number;
  name: number;
  type: number;
  debit: number;
  credit: number;
  balance: number;
}

/** 5 gaps + columns = the width; the name takes what is left. */
export function trialColumns(width: number): TrialColumns {
  const fixed = { code: 15, type: 9, debit: 10, credit: 10, balance: 12 };
  return { ...fixed, name: Math.max(6, width - 5 - fixed.code - fixed.type - fixed.debit - fixed.credit - fixed.balance) };
}

/** 150 -> "1.50 Dr", -150 -> "1.50 Cr", 0 -> "0.00". */
export function balanceText(balance: Cents, decimals: number): string {
  if (balance === 0) return formatMoney(0, { decimals });
  return `${formatMoney(Math.abs(balance), { decimals })} ${balance > 0 ? 'Dr' : 'Cr'}`;
}

function cells(c: TrialColumns, v: [string, string, string, string, string, string]): string {
  return [fit(v[0], c.code), fit(v[1], c.name), fit(v[2], c.type), fit(v[3], c.debit, 'right'), fit(v[4], c.credit, 'right'), fit(v[5], c.balance, 'right')].join(' ');
}

export function trialHeader(width: number): string {
  return cells(trialColumns(width), ['Account', 'Name', 'Type', 'Debit', 'Credit', 'Balance']);
}

export function trialRowText(r: TrialBalanceRow, width: number, decimals: number): string {
  const m = (c: Cents): string => formatMoney(c, { decimals });
  return cells(trialColumns(width), [r.account, r.name, r.type ?? '?', m(r.debit), m(r.credit), balanceText(r.balance, decimals)]);
}

export function trialTotalsText(tb: TrialBalance, width: number, decimals: number): string {
  const m = (c: Cents): string => formatMoney(c, { decimals });
  return cells(trialColumns(width), ['Totals', `${tb.rows.length} accounts`, '', m(tb.totals.debit), m(tb.totals.credit), balanceText(tb.totals.balance, decimals)]);
}

/** The indicator: a word, and a mark that is not colour. */
export function balancedText(tb: TrialBalance, decimals: number, mark: string): string {
  if (tb.balanced && tb.totals.debit === tb.totals.credit) return 'Balanced: total debits = total credits';
  const diff = formatMoney(Math.abs(tb.totals.debit - tb.totals.credit), { decimals });
  return `${mark} NOT BALANCED: debits and credits differ by ${diff}`;
}

/** Keeps the first row shown within the rows, a whole page at the end. */
export function clampTop(top: number, count: number, visible: number): number {
  return Math.max(0, Math.min(top, count - Math.max(1, visible)));
}
