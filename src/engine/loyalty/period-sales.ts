// A debtor's sales totals per period, kept incrementally: one O(1) update per sale or refund, so
// the tier (SPEC section 4 rule 3) and the redemption gate (rule 4) never scan history.
//
// Every sale is added under its month, quarter AND financial-year key at once (the keys of the
// three kinds never collide), so a debtor whose Loyalty Applicable changes mid-period still has
// the right total for its new kind. All sales of the debtor count, loyalty items or not, before
// switch-on or not; refunds count (negative) in the period of the refund.
import { assertCents } from '../money.js';
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { periodEnded, periodKeyOf, periodKeysAt } from './periods.js';
import { instantMs } from './time-zone.js';
import type { Cents } from '../types.js';
import type { LoyaltyCalendar, PeriodKind } from './types.js';

/** Sales total (tax included, net of refunds) per period key. Plain JSON. */
export type PeriodSales = Readonly<Record<string, Cents>>;

export const EMPTY_PERIOD_SALES: PeriodSales = Object.freeze({});


/**
 * Adds a completed sale's total (`amount` > 0) or a refund's total (`amount` < 0) at `at`.
 * Returns a new object; the input is left as it was.
 */
export function recordSale(sales: PeriodSales, at: string, amount: Cents, calendar: LoyaltyCalendar): PeriodSales {
  const next: Record<string, Cents> = { ...sales };
  recordSaleInto(next, at, amount, calendar);
  return next;
}

/** recordSale on totals the caller owns (the store's books); a refused amount changes nothing. */
export function recordSaleInto(sales: Record<string, Cents>, at: string, amount: Cents, calendar: LoyaltyCalendar): void {
  assertCents(amount, 'Sale amount', { min: Number.MIN_SAFE_INTEGER });
  const keys = periodKeysAt(at, calendar.timeZone, calendar.fyStartMonth);
  const month = (sales[keys.month] ?? 0) + amount;
  const quarter = (sales[keys.quarter] ?? 0) + amount;
  const year = (sales[keys.year] ?? 0) + amount;
  if (!Number.isSafeInteger(month) || !Number.isSafeInteger(quarter) || !Number.isSafeInteger(year)) {
    const key = !Number.isSafeInteger(month) ? keys.month : !Number.isSafeInteger(quarter) ? keys.quarter : keys.year;
    loyaltyAssert(false, LOYALTY_ERR.BAD_AMOUNT, `Period sales total is too large to hold exactly (${key})`);
  }
  sales[keys.month] = month;
  sales[keys.quarter] = quarter;
  sales[keys.year] = year;
}

/** The total of the period `key` (0 when nothing was sold in it). */
export function salesInPeriod(sales: PeriodSales, key: string): Cents {
  return sales[key] ?? 0;
}

/** The total of the period of `kind` that holds `at`. */
export function salesAt(sales: PeriodSales, at: string, kind: PeriodKind, calendar: LoyaltyCalendar): Cents {
  return salesInPeriod(sales, periodKeyOf(at, kind, calendar.timeZone, calendar.fyStartMonth));
}

/**
 * Drops the totals of periods that ended by `at`, which no tier or gate asks for again (a sale
 * late from another till lands in its own period's total again and is dropped at the next
 * compaction). Call it when snapshotting, not per sale.
 */
export function compactSales(sales: PeriodSales, at: string, calendar: LoyaltyCalendar): PeriodSales {
  const atMs = instantMs(at);
  const next: Record<string, Cents> = {};
  for (const [key, total] of Object.entries(sales)) {
    if (!periodEnded(key, atMs, calendar)) next[key] = total;
  }
  return next;
}
