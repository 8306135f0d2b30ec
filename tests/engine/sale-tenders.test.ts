import { describe, expect, it } from 'vitest';
import { ERR } from '../../src/engine/errors.js';
import {
  addItem, addTender, balanceDue, cashDue, completeSale, newSale, removeTender, resolveTender, saleTotals, setDiscount,
  voidLine,
} from '../../src/engine/sale.js';
import type { CashRounding, OpenSale } from '../../src/engine/types.js';
import { MAX_CHANGE_FLOOR } from '../../src/engine/sale-tenders.js';
import { ACC, BREAD, CARD, CASH, EGGS, LOY, MILK, TENDERS, expectEngineError } from './fixtures.js';

const R = { symbol: 'R' };
const start = () => newSale({ id: 's1', till: 'T1', operator: 'ann', startedAt: '2024-05-01T10:00:00.000Z' });
/** Milk 19.99 + Bread 12.50 = 32.49 */
const basket = (): OpenSale => addItem(addItem(start(), MILK), BREAD);

describe('saleTotals and cash rounding', () => {
  it('with no tender: total, tax, nothing rounded, all due', () => {
    const t = saleTotals(basket(), 5);
    expect(t).toEqual({ total: 3249, tax: [{ rate: 1500, gross: 3249, tax: 424 }], taxTotal: 424, tendered: 0,
      rounding: 0, due: 3249, change: 0, settled: false });
  });

  it.each([
    // step, cash handed over, rounding, change
    [5, 5000, 1, 1750], [10, 5000, 1, 1750], [0, 5000, 0, 1751], [5, 3250, 1, 0], [10, 3250, 1, 0],
  ] as const)('step %i, cash %i: rounding %i, change %i', (step, cash, rounding, change) => {
    const t = saleTotals(addTender(basket(), CASH, cash, step), step);
    expect(t).toMatchObject({ settled: true, rounding, change, due: 0, tendered: cash });
    expect(t.tendered - t.change - t.rounding).toBe(t.total);
  });

  it.each([
    // total, step, rounded cash due
    [1001, 5, 1000], [1002, 5, 1000], [1003, 5, 1005], [1007, 5, 1005], [1008, 5, 1010],
    [1004, 10, 1000], [1005, 10, 1010], [1015, 10, 1020], [1025, 5, 1025], [1025, 10, 1030],
  ] as const)('total %i at %ic: cash due %i, ties away from zero', (price, step, due) => {
    const sale = addItem(start(), { ...EGGS, price });
    expect(cashDue(sale, step)).toBe(due);
    const paid = addTender(sale, CASH, undefined, step);
    expect(paid.tenders[0]?.amount).toBe(due);
    expect(saleTotals(paid, step)).toMatchObject({ settled: true, rounding: due - price, change: 0 });
  });

  it('cash short of the rounded due is not settled and says what is still due', () => {
    const sale = addTender(basket(), CASH, 3249, 5);
    expect(saleTotals(sale, 5)).toMatchObject({ settled: false, due: 1, rounding: 1, change: 0 });
    expect(cashDue(sale, 5)).toBe(1);
  });

  it('a card-only sale is never rounded', () => {
    const t = saleTotals(addTender(basket(), CARD, undefined, 10), 10);
    expect(t).toMatchObject({ settled: true, rounding: 0, change: 0, tendered: 3249 });
  });
});

describe('addTender', () => {
  it('takes the balance when no amount is given: rounded for cash, exact for others', () => {
    expect(addTender(basket(), CASH, undefined, 5).tenders).toEqual([{ tenderCode: 'CASH', kind: 'cash', name: 'Cash', amount: 3250 }]);
    expect(addTender(basket(), CARD, undefined, 5).tenders[0]?.amount).toBe(3249);
  });

  it('refuses a non-cash tender over the balance: change is given in cash only', () => {
    const msg = expectEngineError(() => addTender(basket(), CARD, 3250, 0, R), ERR.NON_CASH_OVER_DUE);
    expect(msg).toBe('Change is given in cash only: CARD can take at most R32.49');
    const part = addTender(basket(), ACC, 2000, 0);
    expect(expectEngineError(() => addTender(part, LOY, 1250, 0, R), ERR.NON_CASH_OVER_DUE)).toContain('at most R12.49');
    expect(addTender(part, LOY, 1249, 0).tenders).toHaveLength(2);
  });

  it('gives change on cash, even when a card paid part', () => {
    const sale = addTender(addTender(basket(), CARD, 2000, 5), CASH, 2000, 5);
    // cash covers 12.49 rounded to 12.50: rounding 1c, change 7.50
    expect(saleTotals(sale, 5)).toMatchObject({ settled: true, rounding: 1, change: 750, tendered: 4000 });
  });

  it('caps a card after cash at the unrounded balance', () => {
    const sale = addTender(basket(), CASH, 3000, 5);
    expect(balanceDue(sale)).toBe(249);
    expect(cashDue(sale, 5)).toBe(250);
    expectEngineError(() => addTender(sale, CARD, 250, 5), ERR.NON_CASH_OVER_DUE);
    const paid = addTender(sale, CARD, undefined, 5);
    expect(saleTotals(paid, 5)).toMatchObject({ settled: true, rounding: 0, change: 0 });
  });

  it('settles with a cash tender of 0 when the balance rounds away', () => {
    const sale = addTender(basket(), CARD, 3247, 5); // 2c left, rounds to 0 in cash
    expect(cashDue(sale, 5)).toBe(0);
    const paid = addTender(sale, CASH, undefined, 5);
    expect(paid.tenders[1]?.amount).toBe(0);
    expect(saleTotals(paid, 5)).toMatchObject({ settled: true, rounding: -2, change: 0 });
    expectEngineError(() => addTender(addTender(basket(), CARD, 3000, 5), CASH, 0, 5), ERR.BAD_AMOUNT);
  });

  it.each([0, -100, 12.5])('refuses amount %s', (amount) => {
    expectEngineError(() => addTender(basket(), CARD, amount, 0), ERR.BAD_AMOUNT);
    expectEngineError(() => addTender(basket(), CASH, amount, 0), ERR.BAD_AMOUNT);
  });

  it('refuses tenders on a sale with no active lines or already settled', () => {
    expectEngineError(() => addTender(start(), CASH, 100, 0), ERR.NO_LINES);
    expectEngineError(() => addTender(voidLine(addItem(start(), MILK), 1), CASH, 100, 0), ERR.NO_LINES);
    const paid = addTender(basket(), CARD, undefined, 0);
    expectEngineError(() => addTender(paid, CASH, 100, 0), ERR.ALREADY_SETTLED);
  });

  it('removes a tender by index and refuses a missing one', () => {
    const sale = addTender(addTender(basket(), CARD, 1000, 0), ACC, 500, 0);
    expect(removeTender(sale, 0).tenders.map((t) => t.tenderCode)).toEqual(['ACC']);
    expect(sale.tenders).toHaveLength(2);
    expectEngineError(() => removeTender(sale, 2), ERR.TENDER_NOT_FOUND);
    expectEngineError(() => removeTender(basket(), 0), ERR.TENDER_NOT_FOUND);
    // once the tenders are gone the lines can change again
    expect(addItem(removeTender(removeTender(sale, 1), 0), EGGS).lines).toHaveLength(3);
  });

  it('resolves a tender by code, any case, or kind', () => {
    expect(resolveTender(TENDERS, 'CARD')).toBe(CARD);
    expect(resolveTender(TENDERS, 'card')).toBe(CARD);
    expect(resolveTender(TENDERS, 'loyalty')).toBe(LOY);
    expect(resolveTender(TENDERS, 'cash')).toBe(CASH);
    expect(expectEngineError(() => resolveTender(TENDERS, 'VOUCHER'), ERR.UNKNOWN_TENDER)).toContain('CASH, CARD, ACC, LOY');
  });
});

describe('completeSale', () => {
  const opts = (cashRounding: CashRounding) => ({ saleNumber: 'T1-000042', completedAt: '2024-05-01T10:05:00.000Z', cashRounding });

  it('numbers lines from 1 in order, leaving voided lines out', () => {
    let sale = addItem(addItem(addItem(addItem(start(), MILK), BREAD, 2), EGGS), MILK);
    sale = setDiscount(voidLine(sale, 2), 3, 3);
    sale = addTender(sale, CASH, 10000, 5);
    const done = completeSale(sale, opts(5));
    expect(done.lines.map((l) => [l.lineNo, l.itemCode, l.value])).toEqual([[1, 'MILK1', 1999], [2, 'EGG6', 3000], [3, 'MILK1', 1999]]);
    expect(done.voidedLines).toBe(1);
    expect(done).toMatchObject({ kind: 'sale', saleNumber: 'T1-000042', saleId: 's1', till: 'T1', operator: 'ann', total: 6998,
      rounding: 2, change: 3000, startedAt: '2024-05-01T10:00:00.000Z', completedAt: '2024-05-01T10:05:00.000Z' });
    expect(done.tax).toEqual([{ rate: 0, gross: 3000, tax: 0 }, { rate: 1500, gross: 3998, tax: 521 }]);
    expect(done.taxTotal).toBe(521);
  });

  it('returns a frozen record', () => {
    const done = completeSale(addTender(basket(), CARD, undefined, 0), opts(0));
    expect(Object.isFrozen(done)).toBe(true);
    expect(Object.isFrozen(done.lines[0])).toBe(true);
    expect(() => { (done.lines as unknown as unknown[]).push(1); }).toThrow();
  });

  it('refuses a short tender with the amount still due', () => {
    const sale = addTender(basket(), CASH, 1000, 5);
    const msg = expectEngineError(() => completeSale(sale, { ...opts(5), money: R }), ERR.SHORT_TENDER);
    expect(msg).toBe('R22.50 is still due: take another tender');
    expect(expectEngineError(() => completeSale(basket(), { ...opts(0), money: R }), ERR.SHORT_TENDER)).toContain('R32.49');
  });

  it('refuses a sale with no active lines', () => {
    expectEngineError(() => completeSale(start(), opts(0)), ERR.NO_LINES);
    expectEngineError(() => completeSale(voidLine(addItem(start(), MILK), 1), opts(0)), ERR.NO_LINES);
  });

  it('completes a fully discounted sale without tenders', () => {
    const sale = setDiscount(addItem(start(), MILK), 1, 1999);
    const done = completeSale(sale, opts(5));
    expect(done).toMatchObject({ total: 0, tenders: [], change: 0, rounding: 0, tax: [] });
  });
});

describe('absurd cash amounts', () => {
  it('refuses a cash amount that would give more change than the due or R5,000, and takes one just inside', () => {
    const cash = { code: 'CASH', name: 'Cash', kind: 'cash' as const, ledgerAccount: '3700.000.000.00', useLoyaltyPlus: false };
    const sale = addItem(newSale({ id: 's', till: 'T1', operator: 'o', startedAt: '2026-01-01T00:00:00.000Z' }), { code: 'A', barcode: '', description: 'A', price: 5048, taxRate: 1500 });
    expect(() => addTender(sale, cash, 6001234567890, 0, { symbol: 'R', decimals: 2 })).toThrow(/far more than the R50\.48 due/);
    expect(addTender(sale, cash, 5048 + MAX_CHANGE_FLOOR, 0).tenders[0]!.amount).toBe(505048);
    expect(() => addTender(sale, cash, 5048 + MAX_CHANGE_FLOOR + 1, 0)).toThrow(/check the amount/);
    const big = addItem(newSale({ id: 't', till: 'T1', operator: 'o', startedAt: '2026-01-01T00:00:00.000Z' }), { code: 'TV', barcode: '', description: 'TV', price: 900_000, taxRate: 1500 });
    expect(addTender(big, cash, 1_000_000, 0).tenders[0]!.amount).toBe(1_000_000);
  });
});
