// Redemption gates at the till and for payouts (SPEC section 4 rules 4 and 6).
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../../src/engine/errors.js';
import { LOYALTY_ERR, LoyaltyError } from '../../../src/engine/loyalty/errors.js';
import { assertAllowed, checkPayout, checkRedemption, maxRedemption, type RedeemInput } from '../../../src/engine/loyalty/redeem.js';
import { debtor, expectLoyaltyError } from './helpers.js';

const input = (extra: Partial<RedeemInput>): RedeemInput => ({
  loyalty: debtor('monthly-payment'), periodSalesBefore: 10000, saleTotal: 5000, available: 2000, amount: 1000, ...extra,
});

describe('checkRedemption', () => {
  // [what, input, allowed, reason]
  const cases: [string, Partial<RedeemInput>, boolean, string | null][] = [
    ['below the first target including this sale', { periodSalesBefore: 10000, saleTotal: 5000 }, false,
      "below the first target R200.00: this period's sales are R150.00"],
    ['exactly the first target including this sale', { periodSalesBefore: 15000, saleTotal: 5000 }, true, null],
    ['the sale itself reaches the target', { periodSalesBefore: 0, saleTotal: 20000 }, true, null],
    ['refunds this period count against the target', { periodSalesBefore: -5000, saleTotal: 20000 }, false,
      "below the first target R200.00: this period's sales are R150.00"],
    ['more than Available', { periodSalesBefore: 50000, available: 1234, amount: 1235 }, false, 'only R12.34 available'],
    ['all of Available', { periodSalesBefore: 50000, available: 1234, amount: 1234 }, true, null],
    ['nothing Available', { periodSalesBefore: 50000, available: 0 }, false, 'no credits available (R0.00)'],
    ['a negative Available after a reversal', { periodSalesBefore: 50000, available: -350 }, false, 'no credits available (-R3.50)'],
    ['more than the sale total', { periodSalesBefore: 50000, saleTotal: 500, amount: 501, available: 5000 }, false,
      'at most the sale total R5.00'],
    ['a zero amount', { periodSalesBefore: 50000, amount: 0 }, false, 'the amount must be more than R0.00'],
    ['a Journal Account debtor', { periodSalesBefore: 50000, loyalty: debtor('monthly-journal') }, false,
      'credits of Monthly - Journal Account debtors are journalled to their account'],
    ['a debtor without loyalty', { periodSalesBefore: 50000, loyalty: debtor('no') }, false, 'this debtor has no loyalty'],
    ['a debtor with no targets has no gate', { periodSalesBefore: 0, saleTotal: 100, amount: 100, loyalty: debtor('quarterly-payment', { tiers: [] }) },
      true, null],
  ];
  it.each(cases)('%s', (_, extra, allowed, reason) => {
    const check = checkRedemption(input(extra));
    expect(check.allowed).toBe(allowed);
    if (!check.allowed) expect(check.reason).toBe(reason);
  });

  it('uses the store currency in the reason and throws it on demand', () => {
    const check = checkRedemption(input({ available: 1234, amount: 2000, periodSalesBefore: 50000, money: { symbol: '$', decimals: 2 } }));
    expect(check).toEqual({ allowed: false, code: LOYALTY_ERR.OVER_AVAILABLE, reason: 'only $12.34 available' });
    expect(expectLoyaltyError(() => assertAllowed(check), LOYALTY_ERR.OVER_AVAILABLE)).toBe('Loyalty refused: only $12.34 available');
    expect(assertAllowed(checkRedemption(input({ periodSalesBefore: 50000 })))).toBe(1000);
    // a LoyaltyError is an EngineError, so the CLI and screens show it like any other refusal
    const thrown = (() => { try { assertAllowed(check); } catch (e) { return e; } return null; })();
    expect(thrown).toBeInstanceOf(LoyaltyError);
    expect(isEngineError(thrown)).toBe(true);
    expect((thrown as LoyaltyError).loyaltyCode).toBe('LOYALTY_OVER_AVAILABLE');
  });

  it('offers the most that may be taken: the smaller of Available and the sale, or 0 when refused', () => {
    expect(maxRedemption({ loyalty: debtor(), periodSalesBefore: 50000, saleTotal: 5000, available: 2000 })).toBe(2000);
    expect(maxRedemption({ loyalty: debtor(), periodSalesBefore: 50000, saleTotal: 1500, available: 2000 })).toBe(1500);
    expect(maxRedemption({ loyalty: debtor(), periodSalesBefore: 0, saleTotal: 1500, available: 2000 })).toBe(0);
    expect(maxRedemption({ loyalty: debtor(), periodSalesBefore: 50000, saleTotal: 1500, available: -1 })).toBe(0);
  });

  it('handles huge amounts exactly', () => {
    expect(checkRedemption(input({ periodSalesBefore: 9_000_000_000_000, saleTotal: 9_000_000_000_000, available: 450_000_000_000,
      amount: 450_000_000_000 })).allowed).toBe(true);
    expect(checkRedemption(input({ periodSalesBefore: 9_000_000_000_000, saleTotal: 9_000_000_000_000, available: 450_000_000_000,
      amount: 450_000_000_001 }))).toMatchObject({ reason: 'only R4500000000.00 available' });
  });
});

describe('checkPayout', () => {
  it('is not gated by the sales target, only by Available and the kind of debtor', () => {
    const loyalty = debtor('quarterly-payment');
    expect(checkPayout({ loyalty, available: 5000, amount: 5000, method: 'direct-deposit' })).toEqual({ allowed: true, amount: 5000 });
    expect(checkPayout({ loyalty, available: 5000, amount: 5001, method: 'cash' })).toMatchObject({ allowed: false, reason: 'only R50.00 available' });
    expect(checkPayout({ loyalty, available: -1, amount: 1, method: 'gift-voucher' })).toMatchObject({ allowed: false });
    expect(checkPayout({ loyalty: debtor('yearly-journal'), available: 5000, amount: 100, method: 'cash' }))
      .toMatchObject({ allowed: false, code: LOYALTY_ERR.NOT_REDEEMABLE });
    expect(checkPayout({ loyalty, available: 5000, amount: 100, method: 'cheque' as never }))
      .toMatchObject({ allowed: false, reason: 'pay out by cash, direct-deposit, gift-voucher (got "cheque")' });
  });
});
