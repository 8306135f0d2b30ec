// Built-in loyalty: the shapes the store journals and the screens show. Money is integer cents,
// rates basis points, instants ISO strings; everything is plain JSON.
import type { BasisPoints, Cents } from '../types.js';

export type LoyaltyApplicable =
  | 'no'
  | 'monthly-journal'
  | 'quarterly-journal'
  | 'yearly-journal'
  | 'monthly-payment'
  | 'quarterly-payment';

export const LOYALTY_APPLICABLE: readonly LoyaltyApplicable[] = [
  'no', 'monthly-journal', 'quarterly-journal', 'yearly-journal', 'monthly-payment', 'quarterly-payment',
];

/** Labels as the Debtor Loyalty tab shows them (the codes are what CSV and JSON use). */
export const LOYALTY_APPLICABLE_LABELS: Readonly<Record<LoyaltyApplicable, string>> = {
  'no': 'No',
  'monthly-journal': 'Monthly - Journal Account',
  'quarterly-journal': 'Quarterly - Journal Account',
  'yearly-journal': 'Yearly - Journal Account',
  'monthly-payment': 'Monthly - Use As Payment',
  'quarterly-payment': 'Quarterly - Use As Payment',
};

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The store's calendar for loyalty periods (Company Details General). */
export interface LoyaltyCalendar {
  /** IANA name, e.g. Africa/Johannesburg. */
  timeZone: string;
  /** First month of the financial year, 1-12 (default 3, March). */
  fyStartMonth: number;
}

/**
 * One loyalty period. `start` is the first instant of its first local day, `end` the first
 * instant of the next period (exclusive), both as UTC ISO strings.
 */
export interface Period {
  key: string;
  kind: PeriodKind;
  start: string;
  end: string;
}

export interface LoyaltyTier {
  /** Period sales total (tax included, net of refunds) from which this tier's rate applies. */
  target: Cents;
  rate: BasisPoints;
}

export interface DebtorLoyalty {
  applicable: LoyaltyApplicable;
  excludeFromContracts: boolean;
  /** 0 to 4 tiers, targets strictly ascending and >= 0, rates 0-10000. */
  tiers: LoyaltyTier[];
  /** When loyalty was switched on (sales before it never earn); null while applicable is 'no'. */
  switchedOnAt: string | null;
}

/** Inventory > Extra. */
export interface ItemLoyalty {
  loyaltyApplicable: boolean;
  /** When set, replaces the debtor's tier rate for this item's lines. */
  loyaltyRate?: BasisPoints;
}

export interface Contract {
  debtor: string;
  item: string;
  /** Contract price including tax; replaces the item price when the debtor is attached. */
  price: Cents;
  excludeFromRebates: boolean;
}

export type PayoutMethod = 'cash' | 'direct-deposit' | 'gift-voucher';
export const PAYOUT_METHODS: readonly PayoutMethod[] = ['cash', 'direct-deposit', 'gift-voucher'];

export type LoyaltyRowKind =
  | 'earn'
  | 'reversal'
  | 'accrual-posting'
  | 'journal-credit'
  | 'redemption'
  | 'payout'
  | 'adjustment'
  | 'zeroing';

export const LOYALTY_ROW_KINDS: readonly LoyaltyRowKind[] = [
  'earn', 'reversal', 'accrual-posting', 'journal-credit', 'redemption', 'payout', 'adjustment', 'zeroing',
];

/**
 * Every loyalty movement is one append-only row. `amount` is signed as its effect on the balance
 * the row moves:
 *
 * | kind            | amount | moves |
 * | --------------- | ------ | ----- |
 * | earn            | > 0    | + credits of `period` (Month to Date, later Pending) |
 * | reversal        | < 0    | + credits of `period` (so it lowers them) |
 * | accrual-posting | != 0   | - credits of `accrues`, + Accrued (negative when reversals won) |
 * | journal-credit  | > 0    | + Redeemed of `period` (credited to the debtor's account) |
 * | redemption      | != 0   | + Redeemed of `period` (> 0 paid at the till, < 0 given back by a refund on the loyalty tender) |
 * | payout          | > 0    | + Redeemed of `period` (cash, direct deposit or gift voucher) |
 * | adjustment      | != 0   | + Accrued |
 * | zeroing         | > 0    | - Accrued (unused credits written back) |
 *
 * `period` is always the key of the period the row's instant `at` falls in, by the debtor's
 * Loyalty Applicable at that time; accrual postings also name the period they post (`accrues`).
 */
interface RowBase {
  id: string;
  debtor: string;
  amount: Cents;
  period: string;
  at: string;
  /** Sale or refund number, accrual run id, payout or adjustment reference. */
  source: string;
}

export interface EarnRow extends RowBase { kind: 'earn' }
export interface ReversalRow extends RowBase { kind: 'reversal' }
export interface AccrualPostingRow extends RowBase { kind: 'accrual-posting'; accrues: string }
export interface JournalCreditRow extends RowBase { kind: 'journal-credit' }
export interface RedemptionRow extends RowBase { kind: 'redemption' }
export interface PayoutRow extends RowBase { kind: 'payout'; method: PayoutMethod }
export interface AdjustmentRow extends RowBase { kind: 'adjustment'; reason: string; operator: string }
export interface ZeroingRow extends RowBase { kind: 'zeroing' }

export type LoyaltyRow =
  | EarnRow | ReversalRow | AccrualPostingRow | JournalCreditRow
  | RedemptionRow | PayoutRow | AdjustmentRow | ZeroingRow;

export interface LifetimeTotals {
  earned: Cents;
  /** Credits taken back by refunds (positive). */
  reversed: Cents;
  posted: Cents;
  journalCredited: Cents;
  redeemedAtTill: Cents;
  paidOut: Cents;
  adjusted: Cents;
  zeroed: Cents;
}

/** The five balances of the Debtor Loyalty tab plus lifetime totals (Loyalty Enquiry). */
export interface LoyaltyBalances {
  monthToDate: Cents;
  pendingAccrual: Cents;
  accrued: Cents;
  redeemed: Cents;
  available: Cents;
  lifetime: LifetimeTotals;
}
