// What the back-office screens and commands see of the store's books (src/store/back-office.ts):
// payments on account, loyalty payouts, adjustments and accrual runs, the loyalty enquiry, the
// general journal and the trial balance. Every method that writes throws EngineError or
// StoreError with a message for the operator and writes nothing when it throws.
import type {
  LoyaltyApplicable, LoyaltyBalances, LoyaltyRow, LoyaltyTier, PayoutMethod,
} from '../engine/loyalty/types.js';
import type { JournalFilter, LedgerEntry, TrialBalance } from '../engine/ledger/index.js';
import type { BasisPoints, Cents } from '../engine/types.js';

/** The journal that back-office documents go to (a till id no till may use). */
export const BACK_OFFICE_JOURNAL = 'BACKOFFICE';

/** A payment received on a debtor's account (Debtor file > Account > Receive Payment). */
export interface PaymentDoc {
  kind: 'payment';
  /** Document number in the back-office journal, e.g. BACKOFFICE-000012 (the receipt number). */
  number: string;
  till: typeof BACK_OFFICE_JOURNAL;
  /** The till whose drawer took the money, or null when taken in a back-office session. */
  drawer: string | null;
  operator: string;
  debtor: string;
  debtorName: string;
  tenderCode: string;
  tenderName: string;
  amount: Cents;
  reference: string;
  completedAt: string;
}

/** A back-office loyalty document: one accrual batch, one payout or one adjustment batch. */
export interface LoyaltyDoc {
  kind: 'loyalty';
  number: string;
  till: typeof BACK_OFFICE_JOURNAL;
  action: 'accrual' | 'payout' | 'adjustment';
  operator: string;
  completedAt: string;
  /** What the ledger journal and the enquiry show for it. */
  memo: string;
  /** Accrual: the run id shared by all its batches. */
  runId?: string;
  /** Payout: the method; the till whose drawer paid cash, if any. */
  method?: PayoutMethod;
  drawer?: string | null;
  reason?: string;
}

/** A journal's mark per journal (till journals and BACKOFFICE): a seq, or the byte offset just after that record. */
export type JournalMarks = Record<string, number>;

/**
 * Go-live's Delete / restore of the Loyalty tables (src/store/loyalty-tables): from this record on,
 * the loyalty book holds only the rows of records after `epoch.from` (per journal, the last seq of
 * earlier epochs). Sales, accounts and the general ledger are not loyalty tables and are untouched.
 */
/** One reset's write-off as a restore reverses or re-posts it. */
export interface EpochWriteOff {
  document: string;
  amount: Cents;
  account: string;
  accruedAccount: string;
}

export interface LoyaltyEpochDoc {
  kind: 'loyalty-epoch';
  number: string;
  till: typeof BACK_OFFICE_JOURNAL;
  /** reset: Delete Loyalty tables; restore: a backup's epoch made current again. */
  action: 'reset' | 'restore';
  operator: string;
  completedAt: string;
  memo: string;
  /** The epoch current from this record on; `fromAt` is where each journal's record `from` ends (a shortcut for re-reading). */
  epoch: { id: string; from: JournalMarks; fromAt: JournalMarks };
  /** The verified backup the reset relied on, or the one restored (folder as given, sha256 of its manifest.json). */
  backup: { folder: string; manifestSha256: string };
  /** reset: the balance of Loyalties Accrued written off (Dr accrued, Cr account); restore: 0 and ''. */
  writeOff: { amount: Cents; account: string; accruedAccount: string };
  /** restore: the resets whose write-offs it reverses (Dr account, Cr accrued): their deleted rows count again. */
  reverses: EpochWriteOff[];
  /** restore: earlier-reversed resets whose write-offs it posts again (their rows are left out again); absent: none. */
  reapplies?: EpochWriteOff[];
  /** reset: the archive folder under the store (archive/loyalty-<epoch id>), never edited afterwards. */
  archive?: string;
}

export interface DebtorAccountView {
  debtor: string;
  name: string;
  /** Owed by the debtor: account sales - account refunds - payments - loyalty journal credits. */
  balance: Cents;
  creditLimit: Cents;
  onHold: boolean;
  /** creditLimit - balance (may be negative). */
  headroom: Cents;
}

export interface ReceivePaymentRequest {
  debtor: string;
  amount: Cents;
  /** Cash, card or other tender code (not account or loyalty). */
  tenderCode: string;
  reference?: string;
  operator: string;
  drawer?: string | null;
}

/** One loyalty row with the document that carries it. */
export interface LoyaltyRowView {
  row: LoyaltyRow;
  /** Sale, refund or back-office document number. */
  document: string;
}

/** Loyalties > Loyalty Enquiry and the Debtor Loyalty tab's read-only balances. */
export interface LoyaltyEnquiry {
  debtor: string;
  name: string;
  applicable: LoyaltyApplicable;
  /** The five balances and the lifetime totals. */
  balances: LoyaltyBalances;
  /** The debtor's current period (by month when loyalty is off), e.g. key 2026-12 or FY2027-Q3. */
  period: { key: string; start: string; end: string };
  /** The debtor's sales total in the current period so far (tax included, net of refunds). */
  periodSales: Cents;
  tiers: LoyaltyTier[];
  /** The tier rate that the next sale would earn at (0 when loyalty is off). */
  rate: BasisPoints;
  /** Every loyalty row of the debtor, oldest first. */
  rows: LoyaltyRowView[];
}

export interface AccrueRequest {
  /** Which Loyalty Applicable kinds to process (not 'no'); at least one. */
  kinds: LoyaltyApplicable[];
  zeroUnused: boolean;
  operator: string;
}

export interface AccrueProgress {
  /** Debtors processed so far of `total` (debtors of the chosen kinds). */
  done: number;
  total: number;
}

export interface AccrueResult {
  runId: string;
  /** Debtors of the chosen kinds looked at. */
  considered: number;
  /** Debtors that got at least one row. */
  debtors: number;
  posted: Cents;
  journalCredited: Cents;
  zeroed: Cents;
  /** Back-office document numbers written by the run (empty when there was nothing to post). */
  documents: string[];
}

export type AdjustmentChange = { kind: 'amount'; amount: Cents } | { kind: 'reset' };

export interface AdjustRequest {
  /** Debtor code range, inclusive, compared case-insensitively; from <= to. */
  from: string;
  to: string;
  /** amount: added to Accrued (may be negative); reset: brings Available to exactly 0. */
  change: AdjustmentChange;
  reason: string;
  operator: string;
  /** The manager PIN, needed when any single adjustment's size is above the setup threshold (stores with no operators only). */
  pin?: string;
  /** Once operators exist: the manager whose override allowed a non-manager's adjustment. */
  approvedBy?: string;
}

export interface AdjustPreviewLine {
  debtor: string;
  name: string;
  available: Cents;
  /** The adjustment this debtor gets (0 lines are listed but not written). */
  amount: Cents;
}

export interface AdjustPreview {
  lines: AdjustPreviewLine[];
  /** True when some |amount| is above the threshold of Loyalty Setup, in a store with no operators
   * (once operators exist every adjustment needs the manager role or an override instead). */
  needsPin: boolean;
  threshold: Cents;
}

export interface PayoutRequest {
  debtor: string;
  amount: Cents;
  method: PayoutMethod;
  reference?: string;
  operator: string;
  drawer?: string | null;
  /** Once operators exist: the manager whose override allowed a non-manager's payout. */
  approvedBy?: string;
}

export interface JournalPage {
  /** Oldest first within the page. */
  entries: LedgerEntry[];
  /** Entries matching the filter in all. */
  total: number;
}

export interface BackOfficeApi {
  account(debtor: string): DebtorAccountView;
  receivePayment(req: ReceivePaymentRequest): PaymentDoc;
  enquiry(debtor: string): LoyaltyEnquiry;
  /** Once operators exist, refuses (EngineError NOT_ALLOWED) unless the acting operator is a manager or `approvedBy` is one. */
  payout(req: PayoutRequest): LoyaltyDoc;
  previewAdjustment(req: Omit<AdjustRequest, 'pin' | 'operator'>): AdjustPreview;
  /** Refuses (ERR.PIN_REQUIRED / wrong PIN; once operators exist NOT_ALLOWED as payout does) before writing anything. */
  adjust(req: AdjustRequest): { document: string | null; lines: AdjustPreviewLine[] };
  /** Runs in this thread; the UI runs it in a worker through AppServices.accrue. */
  accrue(req: AccrueRequest, onProgress?: (p: AccrueProgress) => void): Promise<AccrueResult>;
  /** Entries matching the filter: `offset` counts from the oldest. */
  journal(filter: JournalFilter, offset: number, limit: number): JournalPage;
  trialBalance(): TrialBalance;
}
