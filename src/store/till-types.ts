// What the till screen and `tillpoint sell/refund` see of a till session (src/store/till-service.ts).
import type { SlipLoyaltyAnswer } from '../engine/slip.js';
import type { Cents, CompanyDetails, CompletedRefund, CompletedSale, ExternalMember, Item, OpenSale, PendingAuthorisation, SaleTotals, Tender } from '../engine/types.js';
import type { CashupDesk } from './cashup/cashup.js';
import type { Debtor } from './documents-types.js';
import type { JournalRecord, VoidDoc } from './journal-format.js';
import type { LoyaltyPreview } from './till-loyalty.js';

export type { LoyaltyPreview };

export interface TillServiceOptions {
  till: string;
  operator: string;
  now: () => Date;
  /** false for one-shot commands: the sale lives in memory until it is committed or dropped. */
  durableOpenSale?: boolean;
}

export interface TillState {
  /** The sale being rung up, or null between sales. */
  sale: OpenSale | null;
  totals: SaleTotals | null;
  /** The document completed last (its slip is on screen until the next sale starts). */
  last: CompletedSale | CompletedRefund | null;
  /** True when the open sale was reopened from disk after a crash. */
  resumed: boolean;
  /** With a debtor attached: the rate that applies and the credit this sale earns; otherwise null. */
  loyalty?: LoyaltyPreview | null;
}

export interface RefundableLine {
  lineNo: number;
  itemCode: string;
  description: string;
  sold: number;
  refunded: number;
  /** sold - refunded */
  refundable: number;
  unitValue: number;
}

export interface RefundRequestLine {
  lineNo: number;
  qty: number;
}

/**
 * What an external loyalty provider's module (Loyalty Plus) adds to a till session. The store
 * knows nothing of the provider: these put its calls in the rows of the records the till writes.
 */
export interface TillHooks {
  /** The sale as recorded (e.g. with its member) and the extra rows of its record (e.g. the earn call). */
  forSale?(doc: CompletedSale, open: OpenSale): { doc: CompletedSale; rows: unknown[] };
  forRefund?(doc: CompletedRefund, sale: CompletedSale): { doc: CompletedRefund; rows: unknown[] };
  /** The rows of a void record: the reversals of its tenders' and unanswered authorisations. */
  forVoid?(doc: VoidDoc): unknown[];
  /** After every record this session wrote, once it is on disk. */
  recorded?(rec: JournalRecord): void;
  /** The provider's answer for the slip, once it is in. */
  slipAnswer?(doc: CompletedSale | CompletedRefund): SlipLoyaltyAnswer | undefined;
}

/** The external provider's side of a sale in progress (src/store/till-authorisations.ts). */
export interface TillExternalApi {
  setHooks(hooks: TillHooks): void;
  /** Attaches (or with null detaches) the provider's member, starting a sale when none is open. */
  setMember(member: ExternalMember | null): void;
  /** Saves the authorisation about to be asked for with the open sale (before the request goes). */
  noteAuthorising(p: Omit<PendingAuthorisation, 'requestedAt'>): PendingAuthorisation;
  /** The provider authorised it: the tender is taken (completing the sale when settled). */
  authorised(key: string, authorisation: string, amount: Cents): CompletedSale | null;
  /** No tender after all: refused (nothing to undo), or unanswered (recorded for reversal by key). */
  dropAuthorising(key: string, outcome: 'refused' | 'unanswered'): void;
}

/**
 * Every method that changes state throws EngineError or StoreError with a message for the cashier
 * and changes nothing when it throws. Listeners fire after every change.
 */
export interface TillSessionApi {
  readonly till: string;
  /** Who is logged in at the till: every record and audit line from here on carries them. */
  readonly operator: string;
  setOperator(code: string): void;
  /** What cash-up writes through (src/store/cashup); absent on stand-ins that have no journal. */
  cashupDesk?(): CashupDesk;
  getState(): TillState;
  subscribe(listener: () => void): () => void;
  company(): CompanyDetails;
  tenders(): Tender[];
  /** Item by exact code or barcode, or undefined. */
  lookupItem(codeOrBarcode: string): Item | undefined;
  /** Items whose description (or code) contains every word of the query, case-insensitive. */
  findItems(query: string, limit: number): Item[];
  /** Debtors whose code, name or cellphone matches the query. */
  findDebtors(query: string, limit: number): Debtor[];
  /** Attaches a debtor to the sale (contract prices, loyalty, account tender) or detaches it with null. */
  attachDebtor(code: string | null): void;
  /** Adds an item by code or barcode (starting a sale when none is open). */
  scan(codeOrBarcode: string, qty?: number): void;
  changeQty(lineId: number, qty: number): void;
  /** Voids a line (audited; `approvedBy` when a supervisor's override allowed it). */
  voidLine(lineId: number, approvedBy?: string): void;
  setDiscount(lineId: number, discount: number): void;
  /** Takes a tender; amount omitted = the balance due. Completes the sale when it is settled. */
  addTender(tenderCode: string, amount?: number): CompletedSale | null;
  removeTender(index: number): void;
  /** Drops the open sale (the screen asks first). */
  abandon(): void;
  /** Sale lines with what can still be returned, across every till's refunds. */
  refundable(saleNumber: string): { sale: CompletedSale; lines: RefundableLine[] };
  /** The refund exactly as `refund` would record it now (payout and cash rounding included); writes nothing. */
  previewRefund(saleNumber: string, lines: RefundRequestLine[] | 'all', tenderCode?: string): CompletedRefund;
  /** Records the refund (audited; `approvedBy` when a supervisor's override allowed it). */
  refund(saleNumber: string, lines: RefundRequestLine[] | 'all', tenderCode?: string, approvedBy?: string): CompletedRefund;
  /** Slip text of a completed document at 40 or 80 columns. */
  slipText(doc: CompletedSale | CompletedRefund, width: 40 | 80): string;
  /** Where the slip files of a document were written. */
  slipPaths(doc: CompletedSale | CompletedRefund): { w40: string; w80: string };
  /** Writes the slip files again (the provider's answer came after the sale was recorded). */
  rewriteSlips(doc: CompletedSale | CompletedRefund): void;
  close(): void;
}
