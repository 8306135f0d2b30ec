// Domain types shared by the engine, the store and the screens. Money is integer cents, rates are
// basis points (15% = 1500). Everything here is plain JSON so it can be journalled as is.
import type { EarningBasis } from './loyalty/earn.js';
import type { ItemLoyalty } from './loyalty/types.js';

export type Cents = number;
export type BasisPoints = number;

export type TenderKind = 'cash' | 'card' | 'account' | 'loyalty' | 'other';
export const TENDER_KINDS: readonly TenderKind[] = ['cash', 'card', 'account', 'loyalty', 'other'];

/** Cash rounding step in cents applied to the cash tender only: 0 = none, 5 or 10. */
export type CashRounding = 0 | 5 | 10;

export interface Item {
  code: string;
  barcode: string;
  description: string;
  /** Unit price including tax. */
  price: Cents;
  taxRate: BasisPoints;
  /** Inventory > Extra. Optional: items written before loyalty existed have none (= not applicable). */
  loyalty?: ItemLoyalty;
}

export interface Tender {
  code: string;
  name: string;
  kind: TenderKind;
  /** Ledger account code, e.g. 3700.000.000.00. */
  ledgerAccount: string;
  useLoyaltyPlus: boolean;
}

export interface SaleLine {
  /** Stable id within the open sale (never reused after a void). */
  id: number;
  itemCode: string;
  barcode: string;
  description: string;
  qty: number;
  unitPrice: Cents;
  taxRate: BasisPoints;
  /** Discount on the whole line, in cents, 0 <= discount <= qty * unitPrice. */
  discount: Cents;
  voided: boolean;
}

export interface TenderTaken {
  tenderCode: string;
  kind: TenderKind;
  name: string;
  /** What the customer handed over or was charged on this tender. */
  amount: Cents;
  /** The external loyalty provider's redemption authorisation behind this tender (Loyalty Plus). */
  authorisation?: string;
}

/** A member of the external loyalty provider (Loyalty Plus) attached to a sale. */
export interface ExternalMember {
  /** The card or account number the cashier gave. */
  number: string;
  /** Known once the provider answered a lookup; absent while the card was taken offline. */
  account?: string;
  name?: string;
  /** Points when looked up (the slip prints the balance the earn answer gives, when it comes). */
  points?: number;
  pointsValue?: Cents;
}

/**
 * A redemption authorisation asked for and not yet answered, saved with the open sale before
 * the request goes: after a crash its outcome is unknown, so it is reversed by its key.
 */
export interface PendingAuthorisation {
  key: string;
  tenderCode: string;
  account: string;
  amount: Cents;
  requestedAt: string;
}

export interface TaxLine {
  rate: BasisPoints;
  /** Gross (tax-inclusive) value of the lines at this rate. */
  gross: Cents;
  tax: Cents;
}

/** The sale being rung up: kept durably as it changes, never journalled until completed. */
export interface OpenSale {
  /** Random id of this open sale (ties its durable copy and later its authorisations together). */
  id: string;
  till: string;
  operator: string;
  startedAt: string;
  lines: SaleLine[];
  tenders: TenderTaken[];
  nextLineId: number;
  /** Code of the debtor attached at the till (contract prices and loyalty follow it). */
  debtor?: string;
  /** The Loyalty Plus member attached at the till. */
  member?: ExternalMember;
  /** Loyalty Plus authorisations requested and not yet answered. */
  authorising?: PendingAuthorisation[];
}

export interface SaleTotals {
  /** Sum of the active lines' values (tax included, after discounts). */
  total: Cents;
  tax: TaxLine[];
  taxTotal: Cents;
  /** Sum of non-cash tenders plus cash tenders. */
  tendered: Cents;
  /** Cash rounding applied (rounded due minus due), shown as its own slip line; 0 when none. */
  rounding: Cents;
  /** What is still owed (after rounding when cash closes the sale); 0 when settled. */
  due: Cents;
  change: Cents;
  settled: boolean;
}

/** A completed sale line as printed: numbered from 1 in slip order, voided lines left out. */
export interface CompletedLine {
  lineNo: number;
  itemCode: string;
  barcode: string;
  description: string;
  qty: number;
  unitPrice: Cents;
  taxRate: BasisPoints;
  discount: Cents;
  /** qty * unitPrice - discount. */
  value: Cents;
}

export interface CompletedSale {
  kind: 'sale';
  saleNumber: string;
  /** The open sale's id (ties the record to its durable copy and authorisations); absent on old records. */
  saleId?: string;
  till: string;
  operator: string;
  startedAt: string;
  completedAt: string;
  lines: CompletedLine[];
  voidedLines: number;
  total: Cents;
  tax: TaxLine[];
  taxTotal: Cents;
  tenders: TenderTaken[];
  rounding: Cents;
  change: Cents;
  /** The debtor attached at the till; absent on sales without one (and on old records). */
  debtor?: string;
  /** The debtor's name when the sale was made (for the slip and its reprints). */
  debtorName?: string;
  /**
   * Built-in loyalty of this sale: the tier rate, the credit earned, what a refund needs to
   * reverse it, and Loyalties Available right after the sale (printed on the slip).
   */
  loyalty?: { rate: BasisPoints; earned: Cents; basis: EarningBasis; available?: Cents };
  /** The Loyalty Plus member the sale earns for (the earn call waits in the outbox). */
  member?: ExternalMember;
}

export interface RefundLine {
  /** Line number on the original sale's slip. */
  lineNo: number;
  itemCode: string;
  description: string;
  qty: number;
  taxRate: BasisPoints;
  /** Value returned for these units. */
  value: Cents;
}

export interface CompletedRefund {
  kind: 'refund';
  refundNumber: string;
  saleNumber: string;
  till: string;
  operator: string;
  completedAt: string;
  lines: RefundLine[];
  total: Cents;
  tax: TaxLine[];
  taxTotal: Cents;
  /** What was paid back to the customer on each tender. */
  tenders: TenderTaken[];
  rounding: Cents;
  /** The sale's debtor, so the refund counts in that debtor's period sales. */
  debtor?: string;
  /** Credits this refund took back (the reversal row's amount is its negative). */
  loyalty?: { reversed: Cents };
  /** The sale's Loyalty Plus member (the refund call waits in the outbox). */
  member?: ExternalMember;
}

export interface CompanyDetails {
  storeName: string;
  address: string;
  taxNumber: string;
  currencySymbol: string;
  currencyDecimals: number;
  timeZone: string;
  financialYearStartMonth: number;
  cashRounding: CashRounding;
}

export type LoyaltyProvider = 'none' | 'built-in' | 'loyalty-plus';
