// Redemption gates at their edges, zero and huge amounts, and bad input that the existing files do
// not reach. Every expected figure is worked out by hand in the comment beside it.
import { beforeEach, describe, expect, it } from 'vitest';
import { planAccrual } from '../../../src/engine/loyalty/accrual.js';
import { replay } from '../../../src/engine/loyalty/balances.js';
import { earnForSale } from '../../../src/engine/loyalty/earn.js';
import { LOYALTY_ERR } from '../../../src/engine/loyalty/errors.js';
import { apply, applyAll, balancesOf, emptyLedgerState } from '../../../src/engine/loyalty/ledger-state.js';
import { EMPTY_PERIOD_SALES, recordSale } from '../../../src/engine/loyalty/period-sales.js';
import { periodOf } from '../../../src/engine/loyalty/periods.js';
import { checkPayout, checkRedemption, maxRedemption, type RedeemInput } from '../../../src/engine/loyalty/redeem.js';
import { adjustmentRow, earnRow, redemptionRow } from '../../../src/engine/loyalty/rows.js';
import { assertDebtorLoyalty, validateDebtorLoyalty } from '../../../src/engine/loyalty/validate.js';
import type { LoyaltyApplicable, LoyaltyRow, LoyaltyTier } from '../../../src/engine/loyalty/types.js';
import { debtor, expectLoyaltyError, JNB, line, resetLines } from './helpers.js';

beforeEach(resetLines);

const MAX = Number.MAX_SAFE_INTEGER; // 9_007_199_254_740_991
const AT = '2026-03-10T10:00:00Z';
const ctx = (at: string, source: string, applicable: LoyaltyApplicable = 'monthly-payment') =>
  ({ debtor: 'D1', applicable, calendar: JNB, at, source });
const gate = (extra: Partial<RedeemInput>): RedeemInput => ({
  loyalty: debtor('quarterly-payment'), periodSalesBefore: 50000, saleTotal: 5000, available: 2000, amount: 1000, ...extra,
});

describe('redemption gates at their edges', () => {
  it('one cent below the first target including the sale is refused, the cent that reaches it is allowed', () => {
    // 15000 + 4999 = 19999 < 20000
    expect(checkRedemption(gate({ periodSalesBefore: 15000, saleTotal: 4999, amount: 100 })))
      .toEqual({ allowed: false, code: LOYALTY_ERR.BELOW_TARGET, reason: "below the first target R200.00: this period's sales are R199.99" });
    // 15000 + 5000 = 20000: reached (>=)
    expect(checkRedemption(gate({ periodSalesBefore: 15000, saleTotal: 5000, amount: 100 }))).toEqual({ allowed: true, amount: 100 });
  });

  it('refuses one cent above Available and one cent above the sale, allows exactly each', () => {
    expect(checkRedemption(gate({ available: 2000, amount: 2001, saleTotal: 5000 })))
      .toEqual({ allowed: false, code: LOYALTY_ERR.OVER_AVAILABLE, reason: 'only R20.00 available' });
    expect(checkRedemption(gate({ available: 2000, amount: 2000, saleTotal: 5000 }))).toEqual({ allowed: true, amount: 2000 });
    expect(checkRedemption(gate({ available: 9000, amount: 5001, saleTotal: 5000 })))
      .toEqual({ allowed: false, code: LOYALTY_ERR.OVER_SALE, reason: 'at most the sale total R50.00' });
    expect(checkRedemption(gate({ available: 9000, amount: 5000, saleTotal: 5000 }))).toEqual({ allowed: true, amount: 5000 });
  });

  it('a negative Available blocks the till, payouts and the offered maximum; one cent of Available unblocks them', () => {
    expect(checkRedemption(gate({ available: -1, amount: 1 })))
      .toEqual({ allowed: false, code: LOYALTY_ERR.OVER_AVAILABLE, reason: 'no credits available (-R0.01)' });
    expect(checkPayout({ loyalty: debtor('monthly-payment'), available: -1, amount: 1, method: 'cash' }))
      .toEqual({ allowed: false, code: LOYALTY_ERR.OVER_AVAILABLE, reason: 'no credits available (-R0.01)' });
    expect(maxRedemption({ loyalty: debtor('monthly-payment'), periodSalesBefore: 50000, saleTotal: 5000, available: -1 })).toBe(0);
    expect(checkRedemption(gate({ available: 1, amount: 1 }))).toEqual({ allowed: true, amount: 1 });
  });

  it('a payout is not gated by the target even with no sales at all this period', () => {
    expect(checkPayout({ loyalty: debtor('quarterly-payment'), available: 700, amount: 700, method: 'gift-voucher' }))
      .toEqual({ allowed: true, amount: 700 });
  });

  it('refuses an Available that is not whole cents instead of letting it through', () => {
    // NaN > 0 and 1000 > NaN are both false: an unchecked NaN would pass every comparison
    expectLoyaltyError(() => checkRedemption(gate({ available: Number.NaN })), LOYALTY_ERR.BAD_AMOUNT);
    expectLoyaltyError(() => checkRedemption(gate({ available: 1000.5 })), LOYALTY_ERR.BAD_AMOUNT);
    expectLoyaltyError(() => checkPayout({ loyalty: debtor('monthly-payment'), available: Number.NaN, amount: 100, method: 'cash' }),
      LOYALTY_ERR.BAD_AMOUNT);
  });

  it('refuses amounts that are not whole cents, and sale totals that are negative', () => {
    expect(checkRedemption(gate({ amount: 10.5 }))).toMatchObject({ allowed: false, code: LOYALTY_ERR.BAD_AMOUNT });
    expect(checkRedemption(gate({ amount: -100 }))).toMatchObject({ allowed: false, code: LOYALTY_ERR.BAD_AMOUNT });
    expectLoyaltyError(() => checkRedemption(gate({ saleTotal: -1 })), LOYALTY_ERR.BAD_AMOUNT);
    expectLoyaltyError(() => checkRedemption(gate({ periodSalesBefore: 0.5 })), LOYALTY_ERR.BAD_AMOUNT);
  });
});

describe('zero amounts', () => {
  it('a sale of R0.00 earns nothing and writes no row, so the ledger does not change', () => {
    const r = earnForSale({ loyalty: debtor(), periodSalesBefore: 0, lines: [line(0), line(0)], at: AT, loyaltyPaid: 0 });
    expect(r.earned).toBe(0);
    expect(earnRow(ctx(AT, 'S0'), r.earned)).toBeNull();
    // a sale that earns 0.4c rounds to 0: also no row (15c x 2.5% = 0.375c)
    expect(earnForSale({ loyalty: debtor(), periodSalesBefore: 0, lines: [line(15)], at: AT, loyaltyPaid: 0 }).earned).toBe(0);
    // an accrual run over an empty ledger, or one whose only row is in the running period, plans nothing
    const run = (rows: LoyaltyRow[]) => planAccrual({ debtors: [{ code: 'D1', applicable: 'monthly-journal', rows }],
      kinds: ['monthly-journal'], zeroUnused: true, at: '2026-04-02T00:00:00Z', runId: 'R', ...JNB });
    expect(run([])).toEqual([]);
    expect(run([earnRow(ctx('2026-04-01T08:00:00Z', 'S1', 'monthly-journal'), 100)!])).toEqual([]);
  });

  it('a first target of R0 lets the very first sale redeem; rates of 0 % earn nothing', () => {
    const zero: LoyaltyTier[] = [{ target: 0, rate: 0 }, { target: 50000, rate: 100 }];
    const d = debtor('monthly-payment', { tiers: zero });
    expect(checkRedemption({ loyalty: d, periodSalesBefore: 0, saleTotal: 1, available: 1, amount: 1 })).toEqual({ allowed: true, amount: 1 });
    expect(earnForSale({ loyalty: d, periodSalesBefore: 49999, lines: [line(100000)], at: AT, loyaltyPaid: 0 }).earned).toBe(0);
    // from R500 before: 1 % of R1000 = 1000c
    expect(earnForSale({ loyalty: d, periodSalesBefore: 50000, lines: [line(100000)], at: AT, loyaltyPaid: 0 }).earned).toBe(1000);
  });
});

describe('huge amounts are exact or refused cleanly, never silently rounded', () => {
  it('a sale whose lines add up past the safe range is refused', () => {
    expect(expectLoyaltyError(() => earnForSale({ loyalty: debtor(), periodSalesBefore: 0, lines: [line(MAX), line(1)], at: AT, loyaltyPaid: 0 }),
      LOYALTY_ERR.BAD_LINE)).toBe('Sale total is too large to hold exactly');
    expectLoyaltyError(() => earnForSale({ loyalty: debtor(), periodSalesBefore: MAX + 1, lines: [line(1)], at: AT, loyaltyPaid: 0 }),
      LOYALTY_ERR.BAD_AMOUNT);
  });

  it('the largest sale at 100 % with 1c paid by loyalty earns exactly MAX - 1', () => {
    // MAX x 10000 x (MAX - 1) / (10000 x MAX) = MAX - 1 exactly, no rounding
    const r = earnForSale({ loyalty: debtor('monthly-payment', { tiers: [{ target: 0, rate: 10000 }] }), periodSalesBefore: 0,
      lines: [line(MAX)], at: AT, loyaltyPaid: 1 });
    expect(r.earned).toBe(MAX - 1);
  });

  it('a period sales total past the safe range is refused, for the month, quarter and year alike', () => {
    const s = recordSale(EMPTY_PERIOD_SALES, '2026-03-02T08:00:00Z', MAX, JNB);
    expect(expectLoyaltyError(() => recordSale(s, '2026-03-03T08:00:00Z', 1, JNB), LOYALTY_ERR.BAD_AMOUNT)).toContain('(2026-03)');
    // a refund brings it back down, and a sale in the next month only meets the quarter and year totals: refused on the quarter
    const lower = recordSale(s, '2026-03-04T08:00:00Z', -1, JNB);
    expect(lower['2026-03']).toBe(MAX - 1);
    expect(expectLoyaltyError(() => recordSale(lower, '2026-04-02T08:00:00Z', 2, JNB), LOYALTY_ERR.BAD_AMOUNT)).toContain('(FY2027-Q1)');
  });

  it('credits of one period past the safe range are refused when the row is applied', () => {
    const state = apply(emptyLedgerState('D1'), earnRow(ctx('2026-03-02T08:00:00Z', 'S1'), MAX)!);
    expectLoyaltyError(() => apply(state, earnRow(ctx('2026-03-03T08:00:00Z', 'S2'), 1)!), LOYALTY_ERR.BAD_AMOUNT);
    // ... and in another period too: lifetime earned would pass the safe range
    expectLoyaltyError(() => apply(state, earnRow(ctx('2026-04-03T08:00:00Z', 'S3'), 1)!), LOYALTY_ERR.BAD_AMOUNT);
  });

  it('Accrued past the safe range is refused', () => {
    const state = apply(emptyLedgerState('D1'), adjustmentRow(ctx('2026-03-02T08:00:00Z', 'A1'), MAX, 'opening', 'mgr'));
    expectLoyaltyError(() => apply(state, adjustmentRow(ctx('2026-03-03T08:00:00Z', 'A2'), 1, 'goodwill', 'mgr')), LOYALTY_ERR.BAD_AMOUNT);
    expect(balancesOf(state, '2026-03-05T00:00:00Z', JNB)).toMatchObject({ accrued: MAX, available: MAX });
  });

  it('Available past the safe range (a till refund giving credits back on top of MAX) is refused, by the state and by replay', () => {
    // Available = MAX - (-10) = MAX + 10: not representable (it would read 9007199254741000)
    const rows = [adjustmentRow(ctx('2026-03-02T08:00:00Z', 'A1'), MAX, 'opening', 'mgr'), redemptionRow(ctx('2026-03-03T08:00:00Z', 'R1'), -10)];
    expectLoyaltyError(() => applyAll(emptyLedgerState('D1'), rows), LOYALTY_ERR.BAD_AMOUNT);
    expectLoyaltyError(() => replay(rows, '2026-03-05T00:00:00Z', JNB), LOYALTY_ERR.BAD_AMOUNT);
    // just inside: MAX - 10 + 10 = MAX is fine
    const inside = [adjustmentRow(ctx('2026-03-02T08:00:00Z', 'A1'), MAX - 10, 'opening', 'mgr'), redemptionRow(ctx('2026-03-03T08:00:00Z', 'R1'), -10)];
    expect(balancesOf(applyAll(emptyLedgerState('D1'), inside), '2026-03-05T00:00:00Z', JNB)).toMatchObject({ available: MAX, redeemed: -10 });
    expect(replay(inside, '2026-03-05T00:00:00Z', JNB)).toMatchObject({ available: MAX, redeemed: -10 });
  });
});

describe('bad input', () => {
  const bad = (tiers: LoyaltyTier[]) => () => assertDebtorLoyalty(debtor('monthly-payment', { tiers }));
  it('refuses bad tiers on typed settings: fractional or negative rates, rates above 100 %, descending targets', () => {
    expect(expectLoyaltyError(bad([{ target: 0, rate: 250.5 }]), LOYALTY_ERR.BAD_SETTINGS)).toContain('percent1');
    expect(expectLoyaltyError(bad([{ target: 0, rate: -1 }]), LOYALTY_ERR.BAD_SETTINGS)).toContain('percent1');
    expect(expectLoyaltyError(bad([{ target: 0, rate: 100 }, { target: 100, rate: 10001 }]), LOYALTY_ERR.BAD_SETTINGS)).toContain('percent2');
    expect(expectLoyaltyError(bad([{ target: 200, rate: 1 }, { target: 100, rate: 2 }]), LOYALTY_ERR.BAD_SETTINGS))
      .toBe('target2 must be more than target1 (200 cents): targets ascend strictly');
    expect(expectLoyaltyError(bad([{ target: 0.5, rate: 1 }]), LOYALTY_ERR.BAD_SETTINGS)).toContain('target1');
    expect(expectLoyaltyError(bad([{ target: MAX + 2, rate: 1 }]), LOYALTY_ERR.BAD_SETTINGS)).toContain('target1');
    expect(() => bad([{ target: 0, rate: 10000 }])()).not.toThrow(); // exactly 100 % is allowed
  });

  it('the engine entry points refuse bad settings before computing anything', () => {
    const weekly = { ...debtor(), applicable: 'weekly' as LoyaltyApplicable };
    expectLoyaltyError(() => earnForSale({ loyalty: weekly, periodSalesBefore: 0, lines: [line(100)], at: AT, loyaltyPaid: 0 }), LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => checkRedemption(gate({ loyalty: weekly })), LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => checkRedemption(gate({ loyalty: debtor('monthly-payment', { tiers: [{ target: 0, rate: 10001 }] }) })),
      LOYALTY_ERR.BAD_SETTINGS);
  });

  it('the form refuses 100.01 %, descending targets of the seed and a fifth tier is not a field', () => {
    const seed = { loyaltyApplicable: 'monthly-payment', target1: '200', percent1: '2.5', target2: '500', percent2: '3',
      target3: '1000', percent3: '4', target4: '2000', percent4: '5' };
    const r = validateDebtorLoyalty({ ...seed, percent4: '100.01' }, { now: AT });
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['percent4']);
    const d = validateDebtorLoyalty({ ...seed, target1: '2000', target4: '200' }, { now: AT });
    // 2000 then 500 (refused), 1000 (refused: not above 2000), 200 (refused)
    expect(d.ok ? [] : d.problems.map((p) => p.field)).toEqual(['target2', 'target3', 'target4']);
    expect(validateDebtorLoyalty({ ...seed, percent4: '100' }, { now: AT }).ok).toBe(true);
  });

  it('refuses instants that do not exist or lack an offset, wherever they come in', () => {
    for (const at of ['2026-02-29T10:00:00Z', '2024-02-30T10:00:00Z', '2026-03-31T24:00:00Z', '2026-03-10T10:00:00', '2026-04-31T00:00:00Z']) {
      expectLoyaltyError(() => periodOf(at, 'month', 'Africa/Johannesburg', 3), LOYALTY_ERR.BAD_INSTANT);
      expectLoyaltyError(() => balancesOf(emptyLedgerState('D1'), at, JNB), LOYALTY_ERR.BAD_INSTANT);
      expectLoyaltyError(() => earnForSale({ loyalty: debtor(), periodSalesBefore: 0, lines: [], at, loyaltyPaid: 0 }), LOYALTY_ERR.BAD_INSTANT);
      expectLoyaltyError(() => recordSale(EMPTY_PERIOD_SALES, at, 100, JNB), LOYALTY_ERR.BAD_INSTANT);
    }
    // 29 February exists in a leap year
    expect(periodOf('2024-02-29T10:00:00Z', 'month', 'Africa/Johannesburg', 3).key).toBe('2024-02');
  });

  it('refuses a bad time zone or first month wherever a calendar comes in', () => {
    const state = applyAll(emptyLedgerState('D1'), [earnRow(ctx('2026-03-02T08:00:00Z', 'S1'), 100)!]);
    for (const cal of [{ timeZone: 'Mars/Olympus', fyStartMonth: 3 }, { timeZone: '', fyStartMonth: 3 }]) {
      expectLoyaltyError(() => balancesOf(state, '2026-03-05T00:00:00Z', cal), LOYALTY_ERR.BAD_TIME_ZONE);
      expectLoyaltyError(() => recordSale(EMPTY_PERIOD_SALES, AT, 100, cal), LOYALTY_ERR.BAD_TIME_ZONE);
    }
    for (const fyStartMonth of [0, 13, 2.5]) {
      expectLoyaltyError(() => balancesOf(state, '2026-03-05T00:00:00Z', { timeZone: 'UTC', fyStartMonth }), LOYALTY_ERR.BAD_SETTINGS);
      expectLoyaltyError(() => planAccrual({ debtors: [{ code: 'D1', applicable: 'monthly-payment', state }], kinds: ['monthly-payment'],
        zeroUnused: false, at: '2026-04-05T00:00:00Z', runId: 'R', timeZone: 'UTC', fyStartMonth }), LOYALTY_ERR.BAD_SETTINGS);
    }
  });
});
