// The built-in loyalty engine's public surface (pure; see docs in each module).
export * from './types.js';
export { LOYALTY_ERR, LoyaltyError, loyaltyAssert, isLoyaltyError } from './errors.js';
export type { LoyaltyErrorCode } from './errors.js';
export { instantMs, localDateTime, startOfLocalDay, assertTimeZone } from './time-zone.js';
export {
  periodOf, periodKeyOf, periodKeysAt, periodOfKey, previousPeriod, nextPeriod, periodsBetween, periodKindOf, kindOfKey,
  periodEnded, periodEndMs,
} from './periods.js';
export { recordSale, recordSaleInto, salesInPeriod, salesAt, compactSales, EMPTY_PERIOD_SALES } from './period-sales.js';
export type { PeriodSales } from './period-sales.js';
export { validateDebtorLoyalty, assertDebtorLoyalty, MAX_TIERS } from './validate.js';
export type { DebtorLoyaltyInput, FieldProblem, Validated, ValidateOptions } from './validate.js';
export { earnForSale, earningBasis, tierRate, lineEarns, loyaltyActiveAt } from './earn.js';
export type { EarnInput, EarnLine, EarnShare, EarnedLine, EarningBasis, SaleEarning } from './earn.js';
export { reverseForRefund } from './reverse.js';
export type { ReturnedQty, ReverseInput, SaleReversal } from './reverse.js';
export { assertRow, rowPeriod, earnRow, reversalRow, redemptionRow, payoutRow, adjustmentRow } from './rows.js';
export type { RowContext } from './rows.js';
export {
  apply, applyAll, applyInPlace, availableOf, balancesOf, compact, emptyLedgerState, assertLedgerState,
} from './ledger-state.js';
export type { LoyaltyLedgerState } from './ledger-state.js';
export { replay } from './balances.js';
export { planAccrual, summariseAccrual } from './accrual.js';
export type { AccrualDebtor, AccrualInput, AccrualSummary } from './accrual.js';
export { checkRedemption, maxRedemption, checkPayout, assertAllowed } from './redeem.js';
export type { RedeemCheck, RedeemInput, PayoutInput } from './redeem.js';
export { ledgerEntriesFor, isBalanced } from './ledger.js';
export type { LoyaltyAccounts, LedgerEntry, LedgerLine } from './ledger.js';
