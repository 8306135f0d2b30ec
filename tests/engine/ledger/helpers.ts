// Shared ledger test data: the demo store's chart, ledger choices and tenders, and small builders.
import { expect } from 'vitest';
import { EngineError } from '../../../src/engine/errors.js';
import type { LedgerErrorCode } from '../../../src/engine/ledger/errors.js';
import { LedgerError } from '../../../src/engine/ledger/errors.js';
import type { ChartAccount, LedgerEntry, PostingAccounts, PostingContext } from '../../../src/engine/ledger/types.js';
import { addItem, addTender, completeSale, newSale, setDiscount } from '../../../src/engine/sale.js';
import type { CashRounding, CompletedSale, Item, OpenSale, Tender } from '../../../src/engine/types.js';
import { DEFAULT_ACCOUNTS, DEFAULT_LEDGER, DEFAULT_TENDERS } from '../../../src/store/defaults.js';
import type { LedgerAccount, LedgerChoices } from '../../../src/store/documents-types.js';

// The engine declares these shapes structurally; the store's must stay assignable to them.
const choices: PostingAccounts = DEFAULT_LEDGER satisfies LedgerChoices;
const chart: readonly ChartAccount[] = DEFAULT_ACCOUNTS satisfies readonly LedgerAccount[];

export const CHART = chart;
export const LEDGER = choices;
export const TENDERS: readonly Tender[] = DEFAULT_TENDERS;
export const CTX: PostingContext = { tenders: TENDERS, ledger: LEDGER };

const byCode = (code: string): Tender => TENDERS.find((t) => t.code === code) as Tender;
export const CASH = byCode('CASH');
export const CARD = byCode('CARD');
export const ACC = byCode('ACC');
export const LOY = byCode('LOY');

/** Account codes of the default chart by what they are. */
export const A = {
  sales: '1000.000.000.00',
  rounding: '1500.000.000.00',
  cash: '3700.000.000.00',
  card: '3710.000.000.00',
  debtors: '3800.000.000.00',
  vat: '5000.000.000.00',
  loyaltyAccrued: '5100.000.000.00',
  loyaltyRedeemed: '3600.000.000.00',
} as const;

export const MILK: Item = { code: 'MILK1', barcode: '6001000000011', description: 'Milk 1L', price: 1999, taxRate: 1500 };
export const BREAD: Item = { code: 'BRD', barcode: '6001000000028', description: 'Bread brown 700g', price: 1250, taxRate: 1500 };
export const EGGS: Item = { code: 'EGG6', barcode: '6001000000035', description: 'Eggs 6 large', price: 3003, taxRate: 0 };

export const AT = '2026-04-01T08:00:00Z';

export function openSale(items: [Item, number][]): OpenSale {
  let sale = newSale({ id: 'open-1', till: 'T1', operator: 'op', startedAt: '2026-04-01T07:59:00Z' });
  for (const [item, qty] of items) sale = addItem(sale, item, qty);
  return sale;
}

/** Rings up the items, takes the tenders in order (undefined = the balance) and completes. */
export function ringUp(
  items: [Item, number][], tenders: [Tender, number | undefined][], step: CashRounding = 0,
  saleNumber = 'T1-000001', discounts: [number, number][] = [],
): CompletedSale {
  let sale = openSale(items);
  for (const [lineId, discount] of discounts) sale = setDiscount(sale, lineId, discount);
  for (const [tender, amount] of tenders) sale = addTender(sale, tender, amount, step);
  return completeSale(sale, { saleNumber, completedAt: AT, cashRounding: step });
}

/** Lines of entries as [account, debit, credit, memo] for compact table assertions. */
export function lines(entries: readonly LedgerEntry[]): [string, number, number, string?][] {
  return entries.flatMap((e) => e.lines.map((l): [string, number, number, string?] =>
    (l.memo === undefined ? [l.account, l.debit, l.credit] : [l.account, l.debit, l.credit, l.memo])));
}

/** Net (debit - credit) per account over entries, zero accounts left out. */
export function netByAccount(entries: readonly LedgerEntry[]): Map<string, number> {
  const net = new Map<string, number>();
  for (const e of entries) for (const l of e.lines) net.set(l.account, (net.get(l.account) ?? 0) + l.debit - l.credit);
  for (const [k, v] of net) if (v === 0) net.delete(k);
  return net;
}

export function sums(e: LedgerEntry): { debit: number; credit: number } {
  return e.lines.reduce((s, l) => ({ debit: s.debit + l.debit, credit: s.credit + l.credit }), { debit: 0, credit: 0 });
}

/** Runs fn and asserts it throws LedgerError with this code; returns the message. */
export function expectLedgerError(fn: () => unknown, code: LedgerErrorCode): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LedgerError);
    expect(e).toBeInstanceOf(EngineError);
    expect((e as LedgerError).ledgerCode).toBe(code);
    return (e as LedgerError).message;
  }
  throw new Error(`expected LedgerError ${code}, nothing was thrown`);
}
