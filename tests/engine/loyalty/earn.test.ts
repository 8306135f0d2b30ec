// Earning (SPEC section 3, section 4 rules 1-5): tiers, items, contracts, switch-on, loyalty paid.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { earnForSale, earningBasis, lineEarns, tierRate, type EarnLine } from '../../../src/engine/loyalty/earn.js';
import { LOYALTY_ERR } from '../../../src/engine/loyalty/errors.js';
import { EMPTY_PERIOD_SALES, recordSale, salesAt, type PeriodSales } from '../../../src/engine/loyalty/period-sales.js';
import { debtor, expectLoyaltyError, JNB, line, resetLines, SEED_TIERS, type ArbValue } from './helpers.js';

beforeEach(resetLines);

const AT = '2026-03-10T10:00:00Z';
const earn = (lines: EarnLine[], before = 0, extra: Partial<Parameters<typeof earnForSale>[0]> = {}) =>
  earnForSale({ loyalty: debtor(), periodSalesBefore: before, lines, at: AT, loyaltyPaid: 0, ...extra });

describe('the seed worked example, sale by sale (200/500/1000/2000 at 2.5/3/4/5 %)', () => {
  // [sale instant, sale total in cents, non-loyalty part of it, expected tier rate, expected credit]
  const sales: [string, number, number, number, number][] = [
    ['2026-03-02T08:00:00Z', 15000, 0, 250, 375],     // R0 before: below the first target, 2.5% anyway
    ['2026-03-03T08:00:00Z', 5000, 0, 250, 125],      // R150 before
    ['2026-03-04T08:00:00Z', 30000, 0, 250, 750],     // R200 before: exactly the first target, still 2.5%
    ['2026-03-05T08:00:00Z', 10000, 0, 300, 300],     // R500 before: exactly the second target, 3%
    ['2026-03-06T08:00:00Z', 40000, 10000, 300, 900], // R600 before; R100 of it not loyalty: counts, earns nothing
    ['2026-03-07T08:00:00Z', 99999, 0, 400, 4000],    // R1000 before: 4%, 3999.96c rounds to 4000
    ['2026-03-08T08:00:00Z', 1, 0, 400, 0],           // R1999.99 before: 0.04c rounds to 0
    ['2026-03-09T08:00:00Z', 10000, 0, 500, 500],     // R2000.00 before: 5%
    ['2026-03-31T21:59:59Z', 10000, 0, 500, 500],     // 23:59:59 local on the 31st: still March
    ['2026-03-31T22:00:00Z', 10000, 0, 250, 250],     // 00:00 local on 1 April: a new month starts at R0
  ];

  it('chooses the tier by the period total before each sale and earns at it', () => {
    let totals: PeriodSales = EMPTY_PERIOD_SALES;
    const seen: [number, number][] = [];
    for (const [at, total, notLoyalty, , ] of sales) {
      const before = salesAt(totals, at, 'month', JNB);
      const lines = [line(total - notLoyalty)];
      if (notLoyalty > 0) lines.push(line(notLoyalty, { item: { loyaltyApplicable: false } }));
      const result = earnForSale({ loyalty: debtor('monthly-payment'), periodSalesBefore: before, lines, at, loyaltyPaid: 0 });
      seen.push([result.rate, result.earned]);
      totals = recordSale(totals, at, total, JNB);
    }
    expect(seen).toEqual(sales.map(([, , , rate, credit]) => [rate, credit]));
    expect(salesAt(totals, '2026-03-15T00:00:00Z', 'month', JNB)).toBe(220000); // March only: the 1 April sale is April's
  });

  it('counts refunds in the period of the refund, which can lower the tier again', () => {
    let totals = recordSale(EMPTY_PERIOD_SALES, '2026-03-02T08:00:00Z', 60000, JNB);
    expect(earn([line(10000)], salesAt(totals, AT, 'month', JNB)).rate).toBe(300);
    totals = recordSale(totals, '2026-03-03T08:00:00Z', -15000, JNB);
    expect(earn([line(10000)], salesAt(totals, AT, 'month', JNB)).rate).toBe(250);
    // quarter and financial-year totals were kept too
    expect(salesAt(totals, AT, 'quarter', JNB)).toBe(45000);
    expect(salesAt(totals, AT, 'year', JNB)).toBe(45000);
  });
});

describe('tierRate', () => {
  const cases: [number, number][] = [
    [-5000, 250], [0, 250], [19999, 250], [20000, 250], [49999, 250], [50000, 300], [99999, 300],
    [100000, 400], [199999, 400], [200000, 500], [9_000_000_000_000, 500],
  ];
  it.each(cases)('a total of %i cents before the sale earns %i bp', (total, rate) => {
    expect(tierRate(SEED_TIERS, total)).toBe(rate);
  });
  it('one target earns its rate on all sales; no targets earns 0', () => {
    expect(tierRate([{ target: 20000, rate: 250 }], 0)).toBe(250);
    expect(tierRate([{ target: 20000, rate: 250 }], 30000)).toBe(250);
    expect(tierRate([{ target: 0, rate: 100 }, { target: 1, rate: 200 }], 1)).toBe(200);
    expect(tierRate([], 1_000_000)).toBe(0);
  });
});

describe('which lines earn', () => {
  it('only loyalty-applicable items earn, and an item percentage replaces the tier rate', () => {
    const r = earn([
      line(10000),
      line(10000, { item: { loyaltyApplicable: false } }),
      line(10000, { item: { loyaltyApplicable: true, loyaltyRate: 1000 } }),
      line(10000, { item: { loyaltyApplicable: true, loyaltyRate: 0 } }),
      line(10000, { item: { loyaltyApplicable: false, loyaltyRate: 1000 } }),
    ], 60000);
    expect(r.rate).toBe(300);
    expect(r.lines.map((l) => l.rate)).toEqual([300, 0, 1000, 0, 0]);
    expect(r.earned).toBe(300 + 1000);
  });

  // [contract Exclude from Rebates, debtor Exclude from Contracts, earns]
  const contracts: [boolean | null, boolean, boolean][] = [
    [true, false, false], [true, true, false], [false, false, true], [false, true, false], [null, true, true], [null, false, true],
  ];
  it.each(contracts)('contract excludeFromRebates=%s, debtor excludeFromContracts=%s: earns %s', (rebates, excl, earns) => {
    const l = line(10000, { contract: rebates === null ? null : { excludeFromRebates: rebates } });
    expect(lineEarns(l, { excludeFromContracts: excl })).toBe(earns);
    const r = earnForSale({ loyalty: debtor('monthly-payment', { excludeFromContracts: excl }), periodSalesBefore: 0,
      lines: [l], at: AT, loyaltyPaid: 0 });
    expect(r.earned).toBe(earns ? 250 : 0);
  });

  it('rounds once per sale, half away from zero, never per line', () => {
    // three lines of 20c at 2.5% are 0.5c each: 1.5c in all -> 2c (per line it would be 3c)
    const r = earn([line(20), line(20), line(20)]);
    expect(r.earned).toBe(2);
    expect(r.lines.map((l) => l.numerator)).toEqual([5000n, 5000n, 5000n]); // 20 x 250, nothing paid with loyalty
    expect(r.share).toEqual({ num: 1, den: 1 });
    expect(r.denominator).toBe(10000n);
    expect(earn([line(20)]).earned).toBe(1); // 0.5c -> 1c
    expect(earn([line(19)]).earned).toBe(0); // 0.475c -> 0
  });
});

describe('switch-on and Loyalty Applicable', () => {
  const on = '2026-03-15T12:00:00Z';
  it('sales before the switch-on earn nothing but still count in the period total', () => {
    const loyalty = debtor('monthly-payment', { switchedOnAt: on });
    let totals = EMPTY_PERIOD_SALES;
    const before = earnForSale({ loyalty, periodSalesBefore: 0, lines: [line(60000)], at: '2026-03-15T11:59:59Z', loyaltyPaid: 0 });
    expect([before.rate, before.earned]).toEqual([0, 0]);
    totals = recordSale(totals, '2026-03-15T11:59:59Z', 60000, JNB);
    const after = earnForSale({ loyalty, periodSalesBefore: salesAt(totals, on, 'month', JNB), lines: [line(10000)], at: on, loyaltyPaid: 0 });
    expect([after.rate, after.earned]).toEqual([300, 300]); // R600 before: the second tier
  });

  it("'no' earns nothing, and neither does a debtor never switched on", () => {
    expect(earnForSale({ loyalty: debtor('no'), periodSalesBefore: 500000, lines: [line(10000)], at: AT, loyaltyPaid: 0 }))
      .toMatchObject({ rate: 0, earned: 0 });
    expect(earnForSale({ loyalty: debtor('monthly-journal', { switchedOnAt: null }), periodSalesBefore: 0,
      lines: [line(10000, { item: { loyaltyApplicable: true, loyaltyRate: 1000 } })], at: AT, loyaltyPaid: 0 }).earned).toBe(0);
  });
});

describe('the part paid with loyalty earns nothing', () => {
  it('reduces every eligible line in proportion, exactly', () => {
    // R60 loyalty item + R40 other, R25 paid with loyalty: eligible 60 x 75/100 = R45 at 2.5% = 112.5c -> 113c
    const r = earn([line(6000), line(4000, { item: { loyaltyApplicable: false } })], 0, { loyaltyPaid: 2500 });
    expect(r.share).toEqual({ num: 7500, den: 10000 });
    expect(r.earned).toBe(113);
    expect(earn([line(6000)], 0, { loyaltyPaid: 6000 }).earned).toBe(0);
    expect(earningBasis(r)).toEqual({ share: { num: 7500, den: 10000 },
      lines: [{ lineNo: 1, qty: 1, value: 6000, rate: 250 }, { lineNo: 2, qty: 1, value: 4000, rate: 0 }] });
    expect(JSON.parse(JSON.stringify(earningBasis(r)))).toEqual(earningBasis(r));
  });
});

describe('zero and huge amounts', () => {
  it('a sale of nothing earns nothing', () => {
    expect(earn([]).earned).toBe(0);
    expect(earn([line(0)]).earned).toBe(0);
  });
  it('R90,000,000,000.00 at 5% is exactly R4,500,000,000.00', () => {
    const r = earn([line(9_000_000_000_000)], 200000);
    expect(r.rate).toBe(500);
    expect(r.earned).toBe(450_000_000_000);
    const paid = earn([line(9_000_000_000_000)], 200000, { loyaltyPaid: 1 });
    expect(paid.earned).toBe(449_999_999_999 + 1); // 449,999,999,999.95 rounds up
  });
  it('the largest safe line at an item rate of 100% earns itself', () => {
    const r = earn([line(Number.MAX_SAFE_INTEGER, { item: { loyaltyApplicable: true, loyaltyRate: 10000 } })]);
    expect(r.earned).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('bad input', () => {
  it('refuses bad lines, amounts and settings, saying what is allowed', () => {
    expect(expectLoyaltyError(() => earn([line(100, { lineNo: 1 }), line(100, { lineNo: 1 })]), LOYALTY_ERR.BAD_LINE))
      .toContain('each once');
    expectLoyaltyError(() => earn([line(-1)]), LOYALTY_ERR.BAD_LINE);
    expectLoyaltyError(() => earn([line(1.5)]), LOYALTY_ERR.BAD_LINE);
    expectLoyaltyError(() => earn([line(100, { qty: 0 })]), LOYALTY_ERR.BAD_LINE);
    expect(expectLoyaltyError(() => earn([line(100, { item: { loyaltyApplicable: true, loyaltyRate: 10001 } })]), LOYALTY_ERR.BAD_LINE))
      .toContain('0 to 10000');
    expect(expectLoyaltyError(() => earn([line(100)], 0, { loyaltyPaid: 101 }), LOYALTY_ERR.BAD_AMOUNT)).toContain('from 0 to the sale total');
    expectLoyaltyError(() => earn([line(100)], 0.5), LOYALTY_ERR.BAD_AMOUNT);
    expectLoyaltyError(() => earn([line(100)], 0, { at: 'yesterday' }), LOYALTY_ERR.BAD_INSTANT);
    expect(expectLoyaltyError(() => earn([line(100)], 0, {
      loyalty: debtor('monthly-payment', { tiers: [{ target: 50000, rate: 300 }, { target: 20000, rate: 250 }] }),
    }), LOYALTY_ERR.BAD_SETTINGS)).toContain('target2 must be more than target1');
  });
});

describe('properties', () => {
  const lineArb = fc.record({
    value: fc.integer({ min: 0, max: 10_000_000_000 }),
    applicable: fc.boolean(),
    own: fc.option(fc.integer({ min: 0, max: 10000 }), { nil: undefined }),
    contract: fc.option(fc.boolean(), { nil: null }),
  });
  const saleArb = fc.record({
    lines: fc.array(lineArb, { maxLength: 12 }),
    before: fc.integer({ min: -100000, max: 500000 }),
    paidShare: fc.integer({ min: 0, max: 100 }),
    exclude: fc.boolean(),
  });
  const build = (s: ArbValue<typeof saleArb>): Parameters<typeof earnForSale>[0] => {
    const lines = s.lines.map((l, i): EarnLine => ({ lineNo: i + 1, itemCode: `I${i}`, qty: 1, value: l.value,
      item: l.own === undefined ? { loyaltyApplicable: l.applicable } : { loyaltyApplicable: l.applicable, loyaltyRate: l.own },
      contract: l.contract === null ? null : { excludeFromRebates: l.contract } }));
    const total = s.lines.reduce((t, l) => t + l.value, 0);
    return { loyalty: debtor('monthly-payment', { excludeFromContracts: s.exclude }), periodSalesBefore: s.before, lines, at: AT,
      loyaltyPaid: Math.floor((total * s.paidShare) / 100) };
  };

  it('the credit is the exact sum rounded once (within half a cent) and never above value x rate', () => {
    fc.assert(fc.property(saleArb, (s) => {
      const input = build(s);
      const r = earnForSale(input);
      const sum = r.lines.reduce((t, l) => t + l.numerator, 0n);
      const twice = 2n * (BigInt(r.earned) * r.denominator - sum);
      expect(twice <= r.denominator && twice > -r.denominator).toBe(true);
      const ceiling = r.lines.reduce((t, l) => t + BigInt(l.value) * BigInt(l.rate), 0n);
      expect(BigInt(r.earned) * 10000n <= ceiling + 5000n).toBe(true);
    }));
  });

  it('paying more with loyalty never earns more; the order of lines does not matter', () => {
    fc.assert(fc.property(saleArb, fc.integer({ min: 0, max: 100 }), (s, more) => {
      const a = earnForSale(build(s));
      const b = earnForSale(build({ ...s, paidShare: Math.max(s.paidShare, more) }));
      expect(b.earned).toBeLessThanOrEqual(a.earned);
      const input = build(s);
      expect(earnForSale({ ...input, lines: [...input.lines].reverse() }).earned).toBe(a.earned);
    }));
  });
});
