import { describe, expect, it } from 'vitest';
import { ERR } from '../../src/engine/errors.js';
import { deepFreeze } from '../../src/engine/freeze.js';
import {
  addItem, addTender, changeQty, newSale, requireSale, saleTotals, setDiscount, voidLine,
} from '../../src/engine/sale.js';
import { BREAD, CASH, MILK, expectEngineError } from './fixtures.js';

const start = () => newSale({ id: 's1', till: 'T1', operator: 'ann', startedAt: '2024-05-01T10:00:00.000Z' });

describe('sale lines', () => {
  it('starts empty', () => {
    expect(start()).toEqual({ id: 's1', till: 'T1', operator: 'ann', startedAt: '2024-05-01T10:00:00.000Z',
      lines: [], tenders: [], nextLineId: 1 });
  });

  it('adds a new line for every scan, even of the same item', () => {
    const sale = addItem(addItem(addItem(start(), MILK), MILK), BREAD, 2);
    expect(sale.lines.map((l) => [l.id, l.itemCode, l.qty])).toEqual([[1, 'MILK1', 1], [2, 'MILK1', 1], [3, 'BRD', 2]]);
    expect(sale.lines[2]).toMatchObject({ unitPrice: 1250, taxRate: 1500, discount: 0, voided: false, barcode: BREAD.barcode });
    expect(saleTotals(sale, 0).total).toBe(1999 * 2 + 2500);
  });

  it('never mutates its input', () => {
    const empty = start();
    const one = addItem(empty, MILK);
    const frozen = deepFreeze(structuredClone(one));
    const changed = changeQty(setDiscount(frozen, 1, 100), 1, 3);
    expect(empty.lines).toHaveLength(0);
    expect(frozen.lines[0]).toMatchObject({ qty: 1, discount: 0 });
    expect(changed.lines[0]).toMatchObject({ qty: 3, discount: 100 });
  });

  it.each([0, -1, 1.5, 10000, Number.NaN])('refuses quantity %s', (qty) => {
    const msg = expectEngineError(() => addItem(start(), MILK, qty), ERR.BAD_QUANTITY);
    expect(msg).toBe(`Quantity must be a whole number from 1 to 9999 (got ${qty})`);
    expectEngineError(() => changeQty(addItem(start(), MILK), 1, qty), ERR.BAD_QUANTITY);
  });

  it('accepts the quantity limits 1 and 9999', () => {
    expect(addItem(start(), MILK, 9999).lines[0]?.qty).toBe(9999);
    expect(changeQty(addItem(start(), MILK, 5), 1, 1).lines[0]?.qty).toBe(1);
  });

  it('voids a line: it stays on the open sale but no longer counts; its id is never reused', () => {
    let sale = addItem(addItem(start(), MILK), BREAD);
    sale = voidLine(sale, 1);
    expect(sale.lines[0]?.voided).toBe(true);
    expect(saleTotals(sale, 0).total).toBe(1250);
    sale = addItem(sale, MILK);
    expect(sale.lines.map((l) => l.id)).toEqual([1, 2, 3]);
    expectEngineError(() => voidLine(sale, 1), ERR.LINE_VOIDED);
    expectEngineError(() => changeQty(sale, 1, 2), ERR.LINE_VOIDED);
    expectEngineError(() => setDiscount(sale, 1, 1), ERR.LINE_VOIDED);
    expectEngineError(() => voidLine(sale, 99), ERR.LINE_NOT_FOUND);
  });

  it('discounts a whole line from 0 up to qty x unit price', () => {
    let sale = addItem(start(), BREAD, 2);
    sale = setDiscount(sale, 1, 2500);
    expect(saleTotals(sale, 0).total).toBe(0);
    sale = setDiscount(sale, 1, 300);
    expect(saleTotals(sale, 0).total).toBe(2200);
    const msg = expectEngineError(() => setDiscount(sale, 1, 2501, { symbol: 'R' }), ERR.BAD_DISCOUNT);
    expect(msg).toBe('Discount must be whole cents from R0.00 to R25.00 (got R25.01)');
    expectEngineError(() => setDiscount(sale, 1, -1), ERR.BAD_DISCOUNT);
    expectEngineError(() => setDiscount(sale, 1, 1.5), ERR.BAD_DISCOUNT);
  });

  it('refuses a quantity that would make the discount larger than the line', () => {
    const sale = setDiscount(addItem(start(), BREAD, 2), 1, 2000);
    expectEngineError(() => changeQty(sale, 1, 1), ERR.BAD_DISCOUNT);
    expect(changeQty(sale, 1, 3).lines[0]?.qty).toBe(3);
  });

  it('locks the lines while tenders are on the sale', () => {
    const sale = addTender(addItem(addItem(start(), MILK), BREAD), CASH, 1000, 0);
    const msg = expectEngineError(() => addItem(sale, MILK), ERR.LINES_LOCKED);
    expect(msg).toBe('Remove the tenders first (F-key shown by the screen) to change lines');
    expectEngineError(() => voidLine(sale, 1), ERR.LINES_LOCKED);
    expectEngineError(() => changeQty(sale, 1, 2), ERR.LINES_LOCKED);
    expectEngineError(() => setDiscount(sale, 1, 10), ERR.LINES_LOCKED);
  });

  it('refuses items with a bad price or tax rate', () => {
    expectEngineError(() => addItem(start(), { ...MILK, price: 19.99 }), ERR.BAD_PRICE);
    expectEngineError(() => addItem(start(), { ...MILK, price: -1 }), ERR.BAD_PRICE);
    expectEngineError(() => addItem(start(), { ...MILK, taxRate: 10001 }), ERR.BAD_RATE);
  });

  it('requireSale refuses when no sale is open', () => {
    expectEngineError(() => requireSale(null), ERR.NO_SALE);
    const sale = start();
    expect(requireSale(sale)).toBe(sale);
  });
});
