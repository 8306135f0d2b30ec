// Invariants over generated sales, tender splits and refund sequences (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError, ERR } from '../../src/engine/errors.js';
import { formatMoney, parseMoney } from '../../src/engine/money.js';
import { buildRefund } from '../../src/engine/refund.js';
import { roundCash, roundHalfAwayFromZero } from '../../src/engine/rounding.js';
import {
  addItem, addTender, balanceDue, cashDue, completeSale, newSale, saleTotals, setDiscount, voidLine,
} from '../../src/engine/sale.js';
import type { CashRounding, CompletedRefund, Item, OpenSale, Tender } from '../../src/engine/types.js';
import { ACC, CARD, CASH, LOY } from './fixtures.js';

const lineArb = fc.record({
  price: fc.integer({ min: 0, max: 5_000_000 }),
  taxRate: fc.constantFrom(0, 250, 1400, 1500, 10000),
  qty: fc.integer({ min: 1, max: 50 }),
  discountShare: fc.integer({ min: 0, max: 100 }),
  voided: fc.boolean(),
});
const stepArb = fc.constantFrom<CashRounding>(0, 5, 10);

interface LineSpec { price: number; taxRate: number; qty: number; discountShare: number; voided: boolean }

function buildSale(lines: LineSpec[]): OpenSale {
  let sale = newSale({ id: 'p', till: 'T1', operator: 'op', startedAt: '2024-01-01T00:00:00Z' });
  lines.forEach((l, i) => {
    const item: Item = { code: `I${i}`, barcode: '', description: `Item ${i}`, price: l.price, taxRate: l.taxRate };
    sale = addItem(sale, item, l.qty);
    const id = sale.nextLineId - 1;
    sale = setDiscount(sale, id, Math.floor((l.qty * l.price * l.discountShare) / 100));
    if (l.voided) sale = voidLine(sale, id);
  });
  return sale;
}

describe('properties', () => {
  it('(a) the tax lines\' grosses sum to the sale total, each tax within its gross', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 30 }), stepArb, (lines, step) => {
      const t = saleTotals(buildSale(lines), step);
      expect(t.tax.reduce((s, x) => s + x.gross, 0)).toBe(t.total);
      expect(t.taxTotal).toBe(t.tax.reduce((s, x) => s + x.tax, 0));
      for (const x of t.tax) expect(x.tax).toBeLessThanOrEqual(x.gross);
      expect(t.tax.map((x) => x.rate)).toEqual([...t.tax.map((x) => x.rate)].sort((a, b) => a - b));
    }));
  });

  it('(b) any split of tenders that settles a sale: tendered - change - rounding == total', () => {
    const nonCash: Tender[] = [CARD, ACC, LOY];
    fc.assert(fc.property(
      fc.array(lineArb, { minLength: 1, maxLength: 8 }), stepArb,
      fc.array(fc.record({ tender: fc.constantFrom(...nonCash, CASH), share: fc.integer({ min: 1, max: 100 }) }), { maxLength: 5 }),
      fc.integer({ min: 0, max: 100_000 }),
      (lines, step, splits, extraCash) => {
        let sale = buildSale(lines);
        fc.pre(saleTotals(sale, step).total > 0 && !saleTotals(sale, step).settled);
        for (const { tender, share } of splits) {
          if (saleTotals(sale, step).settled) break;
          const cap = tender.kind === 'cash' ? cashDue(sale, step) : balanceDue(sale);
          const amount = Math.ceil((cap * share) / 100);
          if (amount > 0) sale = addTender(sale, tender, amount, step);
        }
        if (!saleTotals(sale, step).settled) sale = addTender(sale, CASH, cashDue(sale, step) + extraCash, step);
        const t = saleTotals(sale, step);
        expect(t.settled).toBe(true);
        expect(t.due).toBe(0);
        expect(t.tendered - t.change - t.rounding).toBe(t.total);
        expect(t.change).toBeGreaterThanOrEqual(0);
        expect(Math.abs(t.rounding) * 2).toBeLessThanOrEqual(step);
        // non-cash tenders never exceed the total: change comes out of cash only
        const nonCashSum = sale.tenders.filter((x) => x.kind !== 'cash').reduce((s, x) => s + x.amount, 0);
        expect(nonCashSum).toBeLessThanOrEqual(t.total);
        expect(t.change).toBeLessThanOrEqual(sale.tenders.filter((x) => x.kind === 'cash').reduce((s, x) => s + x.amount, 0));
        const done = completeSale(sale, { saleNumber: 'T1-000001', completedAt: '2024-01-01T00:01:00Z', cashRounding: step });
        expect(done.total).toBe(t.total);
      }));
  });

  it('(c) partial refunds of a line never exceed its value and return exactly it when all units are back', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }),
      fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 12 }), stepArb,
      (qty, price, discountShare, requests, step) => {
        const sale0 = buildSale([{ price, taxRate: 1500, qty, discountShare, voided: false }]);
        const paid = saleTotals(sale0, 0).settled ? sale0 : addTender(sale0, CARD, undefined, 0);
        const sale = completeSale(paid, {
          saleNumber: 'T1-000001', completedAt: '2024-01-01T00:01:00Z', cashRounding: 0 });
        const value = sale.lines[0]!.value;
        const refunds: CompletedRefund[] = [];
        let returned = 0;
        for (const r of requests) {
          const attempt = () => buildRefund({ sale, priorRefunds: refunds, request: [{ lineNo: 1, qty: r }],
            refundNumber: `T1-${refunds.length + 2}`, till: 'T1', operator: 'op', completedAt: '2024-01-02T00:00:00Z',
            tender: CASH, cashRounding: step });
          if (returned + r > qty) {
            expect(attempt).toThrowError(expect.objectContaining({ code: ERR.OVER_REFUND }) as unknown as EngineError);
            continue;
          }
          const refund = attempt();
          refunds.push(refund);
          returned += r;
          const sum = refunds.reduce((s, x) => s + x.total, 0);
          expect(sum).toBeLessThanOrEqual(value);
          expect(sum).toBe(roundHalfAwayFromZero(BigInt(value) * BigInt(returned), BigInt(qty)));
          expect(refund.tenders[0]!.amount).toBe(roundCash(refund.total, step));
          expect(refund.tax.reduce((s, x) => s + x.gross, 0)).toBe(refund.total);
        }
        if (returned < qty) {
          refunds.push(buildRefund({ sale, priorRefunds: refunds, request: 'all', refundNumber: 'T1-last', till: 'T1',
            operator: 'op', completedAt: '2024-01-02T00:00:00Z', tender: CASH, cashRounding: step }));
        }
        expect(refunds.reduce((s, x) => s + x.total, 0)).toBe(value);
      }));
  });

  it('(d) parseMoney(formatMoney(x)) == x', () => {
    // parseMoney takes at most 15 digits, so 1e15 - 1 minor units is the largest amount typed in.
    fc.assert(fc.property(fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }), fc.constantFrom(0, 2, 3), (x, decimals) => {
      expect(parseMoney(formatMoney(x, { decimals }), decimals, { allowNegative: true })).toBe(x);
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e15 - 1 }), (x) => {
      expect(parseMoney(formatMoney(x))).toBe(x);
    }));
  });

  it('roundHalfAwayFromZero agrees on numbers and bigints and is symmetric', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), fc.integer({ min: 1, max: 1e9 }), (n, d) => {
      const r = roundHalfAwayFromZero(n, d);
      expect(r).toBe(roundHalfAwayFromZero(BigInt(n), BigInt(d)));
      expect(roundHalfAwayFromZero(-n, d)).toBe(r === 0 ? 0 : -r);
      // |n/d - r| <= 1/2, checked exactly in integers
      const diff = BigInt(n) * 2n - BigInt(r) * 2n * BigInt(d);
      expect(diff <= BigInt(d) && diff >= -BigInt(d)).toBe(true);
    }));
  });

  it('parseMoney accepts exactly the decimal strings with at most 2 decimals', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9.,e+-]{0,8}$/), (text) => {
      const valid = /^(\d+(\.\d{1,2})?|\.\d{1,2})$/.test(text);
      let parsed: number | undefined;
      try {
        parsed = parseMoney(text);
      } catch (e) {
        expect((e as EngineError).code).toBe(ERR.BAD_AMOUNT);
      }
      expect(parsed !== undefined).toBe(valid);
      if (parsed !== undefined) {
        const [units = '', fraction = ''] = text.split('.');
        expect(parsed).toBe(Number(units || '0') * 100 + Number(fraction.padEnd(2, '0')));
      }
    }));
  });
});
