// Trial Balance of a small day's trading, and the accumulator the store keeps beside its journal.
import { describe, expect, it } from 'vitest';
import { buildEntry } from '../../../src/engine/ledger/entry.js';
import { LEDGER_ERR } from '../../../src/engine/ledger/errors.js';
import { postPayment } from '../../../src/engine/ledger/post-payment.js';
import { postRefund } from '../../../src/engine/ledger/post-refund.js';
import { postSale } from '../../../src/engine/ledger/post-sale.js';
import {
  addEntry, balancesOf, emptyBalances, mergeBalances, NOT_IN_CHART, trialBalance, trialBalanceOf,
} from '../../../src/engine/ledger/trial-balance.js';
import type { LedgerEntry } from '../../../src/engine/ledger/types.js';
import { buildRefund } from '../../../src/engine/refund.js';
import { A, ACC, BREAD, CARD, CASH, CHART, CTX, EGGS, MILK, expectLedgerError, ringUp } from './helpers.js';

function day(): LedgerEntry[] {
  const s1 = ringUp([[MILK, 1], [EGGS, 1]], [[CASH, 10000]], 0, 'T1-000001');
  const s2 = ringUp([[BREAD, 2]], [[CARD, 1000], [CASH, 2000]], 0, 'T1-000002');
  const s3 = ringUp([[BREAD, 1]], [[ACC, undefined]], 0, 'T1-000003');
  const r1 = buildRefund({ sale: s1, priorRefunds: [], request: [{ lineNo: 2, qty: 1 }], refundNumber: 'R1-000001',
    till: 'T1', operator: 'op', completedAt: '2026-04-01T09:00:00Z', tender: CASH, cashRounding: 0 });
  return [
    ...postSale(s1, CTX), ...postSale(s2, CTX), ...postSale(s3, CTX), ...postRefund(r1, CTX),
    ...postPayment({ id: 'P1', debtor: 'D1', at: '2026-04-01T10:00:00Z', tenderCode: 'CASH', amount: 1250 }, CTX),
  ];
}

describe('trialBalance', () => {
  it('sums each account of the chart, in chart order, and debits equal credits', () => {
    const tb = trialBalance(day(), CHART);
    expect(tb.rows.map((r) => r.account)).toEqual(CHART.map((a) => a.code));
    const row = (code: string) => tb.rows.find((r) => r.account === code);
    // cash: 5002 + 1500 + 1250 in, 3003 out
    expect(row(A.cash)).toEqual({ account: A.cash, name: 'Cash on Hand Control', type: 'asset', debit: 7752, credit: 3003, balance: 4749 });
    expect(row(A.debtors)).toMatchObject({ debit: 1250, credit: 1250, balance: 0 });
    expect(row(A.sales)).toMatchObject({ debit: 3003, credit: 4741 + 2174 + 1087, balance: 3003 - 8002, type: 'income' });
    expect(row(A.vat)).toMatchObject({ debit: 0, credit: 261 + 326 + 163, balance: -750 });
    expect(row(A.rounding)).toMatchObject({ debit: 0, credit: 0, balance: 0 });
    expect(tb.totals.debit).toBe(tb.totals.credit);
    expect(tb.totals.balance).toBe(0);
    expect(tb.balanced).toBe(true);
    expect(tb.rows.reduce((s, r) => s + r.balance, 0)).toBe(0);
  });

  it('shows an account posted to but not in the chart instead of dropping it', () => {
    const tb = trialBalance(day(), CHART.filter((a) => a.code !== A.card));
    const last = tb.rows[tb.rows.length - 1];
    expect(last).toEqual({ account: A.card, name: NOT_IN_CHART, type: null, debit: 1000, credit: 0, balance: 1000 });
    expect(tb.balanced).toBe(true);
  });

  it('a chart listing a code twice shows it once, so its figures are not counted twice', () => {
    const tb = trialBalance(day(), [...CHART, { code: A.cash, name: 'Cash again', type: 'asset' }]);
    expect(tb.rows.filter((r) => r.account === A.cash)).toHaveLength(1);
    expect(tb.totals.debit).toBe(trialBalance(day(), CHART).totals.debit);
  });

  it('an empty journal gives zero rows for the chart', () => {
    const tb = trialBalance([], CHART);
    expect(tb.rows.every((r) => r.debit === 0 && r.credit === 0)).toBe(true);
    expect(tb.totals).toEqual({ debit: 0, credit: 0, balance: 0 });
  });

  it('refuses an unbalanced or malformed entry from a damaged journal', () => {
    const [good] = day() as [LedgerEntry];
    const bad = { ...good, lines: good.lines.map((l, i) => (i === 0 ? { ...l, debit: l.debit + 1 } : l)) };
    expectLedgerError(() => trialBalance([bad], CHART), LEDGER_ERR.UNBALANCED);
    expectLedgerError(() => addEntry(emptyBalances(), bad), LEDGER_ERR.UNBALANCED);
    const twoSided = { ...good, lines: [...good.lines, { account: 'x', debit: 5, credit: 5 }] };
    expectLedgerError(() => trialBalance([twoSided], CHART), LEDGER_ERR.BAD_LINE);
    const zero = { ...good, lines: [...good.lines, { account: 'x', debit: 0, credit: 0 }] };
    expectLedgerError(() => trialBalance([zero], CHART), LEDGER_ERR.BAD_LINE);
    expectLedgerError(() => trialBalance([{ ...good, kind: 'gift' as never }], CHART), LEDGER_ERR.BAD_ENTRY);
  });
});

describe('running totals', () => {
  it('addEntry leaves its input untouched and counts entries', () => {
    const [e1, e2] = day() as [LedgerEntry, LedgerEntry];
    const b0 = emptyBalances();
    const b1 = addEntry(b0, e1);
    const b2 = addEntry(b1, e2);
    expect(b0).toEqual({ accounts: {}, entries: 0 });
    expect(b1.entries).toBe(1);
    expect(b1.accounts[A.card]).toBeUndefined();
    expect(b2.accounts[A.card]).toEqual({ debit: 1000, credit: 0 });
    expect(b2.entries).toBe(2);
  });

  it('a snapshot plus the entries since equals a full replay, and survives JSON', () => {
    const all = day();
    const snapshot = JSON.parse(JSON.stringify(balancesOf(all.slice(0, 2)))) as ReturnType<typeof balancesOf>;
    const merged = mergeBalances(snapshot, balancesOf(all.slice(2)));
    expect(merged).toEqual(balancesOf(all));
    expect(trialBalanceOf(merged, CHART)).toEqual(trialBalance(all, CHART));
  });

  it('an account code such as "__proto__" or "constructor" is an account like any other', () => {
    const e = buildEntry({ source: 'X', kind: 'payment', at: '2026-04-01T00:00:00Z' },
      [{ account: '__proto__', amount: 5 }, { account: 'constructor', amount: -5 }]) as LedgerEntry;
    const b = addEntry(addEntry(emptyBalances(), e), e);
    expect(Object.getPrototypeOf(b.accounts)).toBe(Object.prototype);
    expect(trialBalanceOf(b, [])).toEqual(trialBalance([e, e], []));
    expect(trialBalanceOf(b, []).rows).toEqual([
      { account: '__proto__', name: NOT_IN_CHART, type: null, debit: 10, credit: 0, balance: 10 },
      { account: 'constructor', name: NOT_IN_CHART, type: null, debit: 0, credit: 10, balance: -10 },
    ]);
  });
});
