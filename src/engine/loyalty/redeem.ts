// Whether credits may be used (SPEC section 4 rules 4 and 6). At the till: only Use As Payment
// debtors, only once this period's sales INCLUDING the sale being paid reach the first target,
// never more than Available nor the sale total. A manager's payout skips the target.
import { formatMoney, type MoneyFormat } from '../money.js';
import { LOYALTY_ERR, LoyaltyError, loyaltyAssert, type LoyaltyErrorCode } from './errors.js';
import { assertDebtorLoyalty } from './validate.js';
import { LOYALTY_APPLICABLE_LABELS, PAYOUT_METHODS } from './types.js';
import type { Cents } from '../types.js';
import type { DebtorLoyalty, PayoutMethod } from './types.js';

export type RedeemCheck =
  | { allowed: true; amount: Cents }
  | { allowed: false; code: LoyaltyErrorCode; reason: string };

export interface RedeemInput {
  loyalty: DebtorLoyalty;
  /** The debtor's sales total in the current period before this sale (net of refunds). */
  periodSalesBefore: Cents;
  /** The sale being paid (tax included). */
  saleTotal: Cents;
  /** Loyalties Available now. */
  available: Cents;
  /** What the cashier asks to take on the loyalty tender. */
  amount: Cents;
  money?: MoneyFormat;
}

const refuse = (code: LoyaltyErrorCode, reason: string): RedeemCheck => ({ allowed: false, code, reason });

/** Refusals shared by the till and payouts, before any amount limit. */
function common(loyalty: DebtorLoyalty, amount: Cents, money: MoneyFormat): RedeemCheck | null {
  assertDebtorLoyalty(loyalty);
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    return refuse(LOYALTY_ERR.BAD_AMOUNT, `the amount must be more than ${formatMoney(0, money)}`);
  }
  if (!loyalty.applicable.endsWith('-payment')) {
    return refuse(LOYALTY_ERR.NOT_REDEEMABLE, loyalty.applicable === 'no'
      ? 'this debtor has no loyalty'
      : `credits of ${LOYALTY_APPLICABLE_LABELS[loyalty.applicable]} debtors are journalled to their account`);
  }
  return null;
}

function withinAvailable(available: Cents, amount: Cents, money: MoneyFormat): RedeemCheck | null {
  // Unchecked, NaN would pass both comparisons below and allow any amount.
  loyaltyAssert(Number.isSafeInteger(available), LOYALTY_ERR.BAD_AMOUNT,
    `Loyalties Available must be whole cents (got ${String(available)})`);
  if (available <= 0) return refuse(LOYALTY_ERR.OVER_AVAILABLE, `no credits available (${formatMoney(available, money)})`);
  if (amount > available) return refuse(LOYALTY_ERR.OVER_AVAILABLE, `only ${formatMoney(available, money)} available`);
  return null;
}

/** The till's gate for taking `amount` on a loyalty tender. */
export function checkRedemption(input: RedeemInput): RedeemCheck {
  const money = input.money ?? { symbol: 'R', decimals: 2 };
  const refused = common(input.loyalty, input.amount, money);
  if (refused !== null) return refused;
  loyaltyAssert(Number.isSafeInteger(input.periodSalesBefore) && Number.isSafeInteger(input.saleTotal) && input.saleTotal >= 0,
    LOYALTY_ERR.BAD_AMOUNT, 'Period sales and the sale total must be whole cents');
  const including = input.periodSalesBefore + input.saleTotal;
  const first = input.loyalty.tiers[0]?.target ?? 0;
  if (including < first) {
    return refuse(LOYALTY_ERR.BELOW_TARGET,
      `below the first target ${formatMoney(first, money)}: this period's sales are ${formatMoney(including, money)}`);
  }
  const short = withinAvailable(input.available, input.amount, money);
  if (short !== null) return short;
  if (input.amount > input.saleTotal) {
    return refuse(LOYALTY_ERR.OVER_SALE, `at most the sale total ${formatMoney(input.saleTotal, money)}`);
  }
  return { allowed: true, amount: input.amount };
}

/** The most the till may take on the loyalty tender now (0 when refused). */
export function maxRedemption(input: Omit<RedeemInput, 'amount'>): Cents {
  const cap = Math.min(input.available, input.saleTotal);
  if (cap <= 0) return 0;
  return checkRedemption({ ...input, amount: cap }).allowed ? cap : 0;
}

export interface PayoutInput {
  loyalty: DebtorLoyalty;
  available: Cents;
  amount: Cents;
  method: PayoutMethod;
  money?: MoneyFormat;
}

/** A manager's payout: Use As Payment debtors, within Available; no sales target. */
export function checkPayout(input: PayoutInput): RedeemCheck {
  const money = input.money ?? { symbol: 'R', decimals: 2 };
  if (!PAYOUT_METHODS.includes(input.method)) {
    return refuse(LOYALTY_ERR.BAD_SETTINGS, `pay out by ${PAYOUT_METHODS.join(', ')} (got "${String(input.method)}")`);
  }
  return common(input.loyalty, input.amount, money)
    ?? withinAvailable(input.available, input.amount, money)
    ?? { allowed: true, amount: input.amount };
}

/** Throws the refusal as a LoyaltyError (message: "Loyalty refused: <reason>"). */
export function assertAllowed(check: RedeemCheck): Cents {
  if (!check.allowed) throw new LoyaltyError(check.code, `Loyalty refused: ${check.reason}`);
  return check.amount;
}
