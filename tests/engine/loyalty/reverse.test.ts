// Reversing a sale's credit on refunds (SPEC section 3): proportional, telescoping, capped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { earnForSale, earningBasis, type EarnLine, type EarningBasis } from '../../../src/engine/loyalty/earn.js';
import { LOYALTY_ERR } from '../../../src/engine/loyalty/errors.js';
import { reverseForRefund, type ReturnedQty } from '../../../src/engine/loyalty/reverse.js';
import { debtor, expectLoyaltyError } from './helpers.js';

const basis = (lines: EarningBasis['lines'], share = { num: 1, den: 1 }): EarningBasis => ({ share, lines });

describe('reverseForRefund', () => {
  it('returns units one by one with telescoping amounts that add up to the credit', () => {
    // 3 units worth R1.00 at 50%: 50c earned; a third of it is 16.67c
    const b = basis([{ lineNo: 1, qty: 3, value: 100, rate: 5000 }]);
    const one = reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 1, qty: 1 }] });
    const two = reverseForRefund({ earning: b, before: [{ lineNo: 1, qty: 1 }], returning: [{ lineNo: 1, qty: 1 }] });
    const three = reverseForRefund({ earning: b, before: [{ lineNo: 1, qty: 2 }], returning: [{ lineNo: 1, qty: 1 }] });
    expect([one.reversed, two.reversed, three.reversed]).toEqual([17, 16, 17]);
    expect(three.reversedInTotal).toBe(50);
    // everything at once reverses the same
    expect(reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 1, qty: 3 }] }).reversed).toBe(50);
  });

  it('rounds the refund once over its lines, as the sale was', () => {
    // two lines of 20c at 2.5% (0.5c each): the sale earned 1c; each line alone would round to 1c
    const b = basis([{ lineNo: 1, qty: 1, value: 20, rate: 250 }, { lineNo: 2, qty: 1, value: 20, rate: 250 }]);
    const first = reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 1, qty: 1 }] });
    const second = reverseForRefund({ earning: b, before: [{ lineNo: 1, qty: 1 }], returning: [{ lineNo: 2, qty: 1 }] });
    expect(first.reversed + second.reversed).toBe(1);
    expect(second.reversedInTotal).toBe(1);
  });

  it('returning a line that earned nothing reverses nothing, whatever was returned before', () => {
    const b = basis([{ lineNo: 1, qty: 3, value: 100, rate: 5000 }, { lineNo: 2, qty: 2, value: 5000, rate: 0 }]);
    expect(reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 2, qty: 2 }] }).reversed).toBe(0);
    expect(reverseForRefund({ earning: b, before: [{ lineNo: 1, qty: 1 }], returning: [{ lineNo: 2, qty: 1 }] }).reversed).toBe(0);
  });

  it('honours the share paid with loyalty, so a full return takes back exactly what was earned', () => {
    const lines: EarnLine[] = [
      { lineNo: 1, itemCode: 'A', qty: 7, value: 12345, item: { loyaltyApplicable: true }, contract: null },
      { lineNo: 2, itemCode: 'B', qty: 3, value: 999, item: { loyaltyApplicable: true, loyaltyRate: 1250 }, contract: null },
    ];
    const sale = earnForSale({ loyalty: debtor(), periodSalesBefore: 0, lines, at: '2026-03-10T10:00:00Z', loyaltyPaid: 3333 });
    const b = earningBasis(sale);
    const r1 = reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 1, qty: 4 }, { lineNo: 2, qty: 1 }] });
    const r2 = reverseForRefund({ earning: b, before: [{ lineNo: 1, qty: 4 }, { lineNo: 2, qty: 1 }],
      returning: [{ lineNo: 1, qty: 3 }, { lineNo: 2, qty: 2 }] });
    expect(r1.reversed + r2.reversed).toBe(sale.earned);
    expect(r1.reversed).toBeGreaterThan(0);
  });

  it('refuses returning more than was sold over all refunds, or a line the sale does not have', () => {
    const b = basis([{ lineNo: 1, qty: 2, value: 100, rate: 5000 }]);
    expect(expectLoyaltyError(() => reverseForRefund({ earning: b, before: [{ lineNo: 1, qty: 2 }], returning: [{ lineNo: 1, qty: 1 }] }),
      LOYALTY_ERR.OVER_REFUND)).toBe('Line 1: 3 returned in all but only 2 sold');
    expectLoyaltyError(() => reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 1, qty: 1 }, { lineNo: 1, qty: 2 }] }),
      LOYALTY_ERR.OVER_REFUND);
    expect(expectLoyaltyError(() => reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 4, qty: 1 }] }), LOYALTY_ERR.BAD_LINE))
      .toContain('no line 4');
    expectLoyaltyError(() => reverseForRefund({ earning: b, before: [], returning: [] }), LOYALTY_ERR.BAD_LINE);
    expectLoyaltyError(() => reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 1, qty: 0 }] }), LOYALTY_ERR.BAD_LINE);
    expectLoyaltyError(() => reverseForRefund({ earning: basis(b.lines, { num: 2, den: 1 }), before: [], returning: [{ lineNo: 1, qty: 1 }] }),
      LOYALTY_ERR.BAD_LINE);
  });

  it('reverses a huge credit exactly', () => {
    const sale = earnForSale({ loyalty: debtor(), periodSalesBefore: 200000, at: '2026-03-10T10:00:00Z', loyaltyPaid: 0,
      lines: [{ lineNo: 1, itemCode: 'GOLD', qty: 3, value: 9_000_000_000_000, item: { loyaltyApplicable: true }, contract: null }] });
    const b = earningBasis(sale);
    expect(reverseForRefund({ earning: b, before: [], returning: [{ lineNo: 1, qty: 1 }] }).reversed).toBe(150_000_000_000);
  });
});

describe('properties', () => {
  const saleArb = fc.array(fc.record({
    qty: fc.integer({ min: 1, max: 20 }),
    value: fc.integer({ min: 0, max: 100_000_000 }),
    rate: fc.constantFrom(0, 1, 250, 300, 333, 5000, 10000),
  }), { minLength: 1, maxLength: 8 });

  it('over any sequence of refunds: each >= 0, the sum never above the credit, equal once all is back', () => {
    fc.assert(fc.property(saleArb, fc.integer({ min: 0, max: 100 }), fc.array(fc.nat(), { maxLength: 30 }), (spec, paid, picks) => {
      const lines = spec.map((l, i) => ({ lineNo: i + 1, ...l }));
      const total = lines.reduce((t, l) => t + l.value, 0);
      const share = total === 0 || paid === 0 ? { num: 1, den: 1 } : { num: total - Math.floor((total * paid) / 100), den: total };
      const b = basis(lines, share);
      const earned = reverseForRefund({ earning: b, before: [], returning: lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })) }).reversed;
      const left = new Map(lines.map((l) => [l.lineNo, l.qty]));
      const before: ReturnedQty[] = [];
      let sum = 0;
      for (const pick of picks) {
        const open = lines.filter((l) => (left.get(l.lineNo) ?? 0) > 0);
        if (open.length === 0) break;
        const l = open[pick % open.length]!;
        const qty = 1 + (pick % (left.get(l.lineNo) ?? 1));
        const r = reverseForRefund({ earning: b, before, returning: [{ lineNo: l.lineNo, qty }] });
        expect(r.reversed).toBeGreaterThanOrEqual(0);
        if (l.rate === 0 || l.value === 0) expect(r.reversed).toBe(0);
        sum += r.reversed;
        expect(r.reversedInTotal).toBe(sum);
        expect(sum).toBeLessThanOrEqual(earned);
        before.push({ lineNo: l.lineNo, qty });
        left.set(l.lineNo, (left.get(l.lineNo) ?? 0) - qty);
      }
      const rest = lines.filter((l) => (left.get(l.lineNo) ?? 0) > 0).map((l) => ({ lineNo: l.lineNo, qty: left.get(l.lineNo)! }));
      if (rest.length > 0) sum += reverseForRefund({ earning: b, before, returning: rest }).reversed;
      expect(sum).toBe(earned);
    }));
  });
});
