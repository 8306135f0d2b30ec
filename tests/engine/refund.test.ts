import { describe, expect, it } from 'vitest';
import { ERR } from '../../src/engine/errors.js';
import { buildRefund, refundValue, refundedQty, type BuildRefundInput } from '../../src/engine/refund.js';
import { addItem, addTender, completeSale, newSale, setDiscount, voidLine } from '../../src/engine/sale.js';
import type { CompletedRefund, CompletedSale } from '../../src/engine/types.js';
import { BREAD, CARD, CASH, EGGS, MILK, expectEngineError } from './fixtures.js';

/** Line 1: 3 x Milk 19.99 less 1c = 59.96; line 2: Eggs 30.03 (0%); line 3: 2 x Bread 12.50 = 25.00. */
function sold(): CompletedSale {
  let sale = newSale({ id: 's', till: 'T1', operator: 'ann', startedAt: '2024-05-01T10:00:00Z' });
  sale = addItem(addItem(addItem(addItem(sale, MILK, 3), MILK), EGGS), BREAD, 2);
  sale = addTender(setDiscount(voidLine(sale, 2), 1, 1), CASH, 20000, 0);
  return completeSale(sale, { saleNumber: 'T1-000042', completedAt: '2024-05-01T10:05:00Z', cashRounding: 0 });
}

let seq = 43;
function refund(sale: CompletedSale, prior: CompletedRefund[], request: BuildRefundInput['request'],
  extra: Partial<BuildRefundInput> = {}): CompletedRefund {
  return buildRefund({ sale, priorRefunds: prior, request, refundNumber: `T2-${String(seq++).padStart(6, '0')}`,
    till: 'T2', operator: 'bob', completedAt: '2024-05-02T09:00:00Z', tender: CASH, cashRounding: 0, ...extra });
}

describe('refunds', () => {
  it('returns part of a line with a telescoping value, repeatedly, to exactly the line value', () => {
    const sale = sold();
    expect(sale.lines.map((l) => [l.lineNo, l.qty, l.value])).toEqual([[1, 3, 5996], [2, 1, 3003], [3, 2, 2500]]);
    const first = refund(sale, [], [{ lineNo: 1, qty: 1 }]);
    expect(first.lines).toEqual([{ lineNo: 1, itemCode: 'MILK1', description: 'Milk 1L', qty: 1, taxRate: 1500, value: 1999 }]);
    const second = refund(sale, [first], [{ lineNo: 1, qty: 1 }]);
    expect(second.lines[0]?.value).toBe(1998); // round(3997.33) - round(1998.67)
    const third = refund(sale, [first, second], [{ lineNo: 1, qty: 1 }]);
    expect(third.lines[0]?.value).toBe(1999);
    expect(first.lines[0]!.value + second.lines[0]!.value + third.lines[0]!.value).toBe(5996);
    expect(refundedQty(sale, [first, second, third]).get(1)).toBe(3);
  });

  it('refunds value by telescoping: round(V(p+r)/q) - round(Vp/q)', () => {
    expect(refundValue({ qty: 3, value: 100 }, 0, 1)).toBe(33);
    expect(refundValue({ qty: 3, value: 100 }, 1, 1)).toBe(34);
    expect(refundValue({ qty: 3, value: 100 }, 2, 1)).toBe(33);
    expect(refundValue({ qty: 2, value: 5 }, 0, 1)).toBe(3);
    expect(refundValue({ qty: 2, value: 5 }, 1, 1)).toBe(2);
    expect(refundValue({ qty: 7, value: 0 }, 0, 7)).toBe(0);
  });

  it('refuses to return more than was sold over all refunds, naming the line and what is left', () => {
    const sale = sold();
    const first = refund(sale, [], [{ lineNo: 1, qty: 2 }]);
    const msg = expectEngineError(() => refund(sale, [first], [{ lineNo: 1, qty: 2 }]), ERR.OVER_REFUND);
    expect(msg).toBe('Line 1 (Milk 1L): only 1 more can be returned (3 sold, 2 returned already; asked 2)');
    // the same line twice in one request counts together
    expectEngineError(() => refund(sale, [], [{ lineNo: 3, qty: 1 }, { lineNo: 3, qty: 2 }]), ERR.OVER_REFUND);
    const done = refund(sale, [], [{ lineNo: 2, qty: 1 }]);
    expect(expectEngineError(() => refund(sale, [done], [{ lineNo: 2, qty: 1 }]), ERR.OVER_REFUND)).toContain('already been returned in full');
  });

  it('ignores refunds of other sales', () => {
    const sale = sold();
    const other = { ...refund(sale, [], 'all'), saleNumber: 'T1-000001' };
    expect(refundedQty(sale, [other]).size).toBe(0);
    expect(refund(sale, [other], 'all').total).toBe(5996 + 3003 + 2500);
  });

  it('refuses unknown lines, bad quantities and empty requests', () => {
    const sale = sold();
    expect(expectEngineError(() => refund(sale, [], [{ lineNo: 4, qty: 1 }]), ERR.LINE_NOT_FOUND)).toBe('Sale T1-000042 has no line 4 (lines 1 to 3)');
    expectEngineError(() => refund(sale, [], [{ lineNo: 0, qty: 1 }]), ERR.LINE_NOT_FOUND);
    expectEngineError(() => refund(sale, [], [{ lineNo: 1, qty: 0 }]), ERR.BAD_QUANTITY);
    expectEngineError(() => refund(sale, [], [{ lineNo: 1, qty: 1.5 }]), ERR.BAD_QUANTITY);
    expectEngineError(() => refund(sale, [], []), ERR.NO_LINES);
  });

  it("'all' returns everything still refundable, then refuses", () => {
    const sale = sold();
    const part = refund(sale, [], [{ lineNo: 1, qty: 1 }, { lineNo: 3, qty: 2 }]);
    const rest = refund(sale, [part], 'all');
    expect(rest.lines.map((l) => [l.lineNo, l.qty, l.value])).toEqual([[1, 2, 3997], [2, 1, 3003]]);
    expect(part.total + rest.total).toBe(sale.total);
    const msg = expectEngineError(() => refund(sale, [part, rest], 'all'), ERR.NOTHING_TO_REFUND);
    expect(msg).toBe('Everything on sale T1-000042 has already been returned');
  });

  it('breaks the refund tax down per rate and records the document', () => {
    const r = refund(sold(), [], [{ lineNo: 3, qty: 1 }, { lineNo: 2, qty: 1 }], { refundNumber: 'T2-000099' });
    expect(r).toMatchObject({ kind: 'refund', refundNumber: 'T2-000099', saleNumber: 'T1-000042', till: 'T2', operator: 'bob',
      completedAt: '2024-05-02T09:00:00Z', total: 4253, taxTotal: 163, rounding: 0 });
    expect(r.lines.map((l) => l.lineNo)).toEqual([2, 3]);
    expect(r.tax).toEqual([{ rate: 0, gross: 3003, tax: 0 }, { rate: 1500, gross: 1250, tax: 163 }]);
    expect(r.tenders).toEqual([{ tenderCode: 'CASH', kind: 'cash', name: 'Cash', amount: 4253 }]);
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('rounds a cash payout and records the rounding as paid - total; a card pays back exactly', () => {
    const sale = sold();
    const cash = refund(sale, [], [{ lineNo: 2, qty: 1 }], { cashRounding: 5 }); // 30.03 -> 30.05
    expect(cash).toMatchObject({ total: 3003, rounding: 2 });
    expect(cash.tenders[0]?.amount).toBe(3005);
    const down = refund(sale, [], [{ lineNo: 1, qty: 1 }], { cashRounding: 10 }); // 19.99 -> 20.00
    expect(down).toMatchObject({ total: 1999, rounding: 1 });
    const tens = refund(sale, [], [{ lineNo: 2, qty: 1 }], { cashRounding: 10 }); // 30.03 -> 30.00
    expect(tens).toMatchObject({ total: 3003, rounding: -3 });
    expect(tens.tenders[0]!.amount - tens.rounding).toBe(tens.total);
    const card = refund(sale, [], [{ lineNo: 2, qty: 1 }], { cashRounding: 5, tender: CARD });
    expect(card).toMatchObject({ total: 3003, rounding: 0 });
    expect(card.tenders).toEqual([{ tenderCode: 'CARD', kind: 'card', name: 'Card', amount: 3003 }]);
  });
});
