// The back office's books (contract: back-office-types.ts). Its documents go to the journal
// BACKOFFICE, claimed for each write: one back-office writer at a time across processes, and
// each document with its loyalty rows and ledger entries in one record (one write, one fsync).
import { EngineError, ERR } from '../engine/errors.js';
import { journalMatcher } from '../engine/ledger/index.js';
import type { JournalFilter, LedgerEntry } from '../engine/ledger/index.js';
import {
  adjustmentRow, availableOf, loyaltyActiveAt, payoutRow, PAYOUT_METHODS, periodKindOf, periodOf, tierRate,
} from '../engine/loyalty/index.js';
import type { LoyaltyRow, RowContext } from '../engine/loyalty/index.js';
import { formatMoney } from '../engine/money.js';
import { runAccrual } from './accrual-run.js';
import type {
  AccrueProgress, AccrueRequest, AccrueResult, AdjustPreview, AdjustRequest, BackOfficeApi, DebtorAccountView,
  JournalPage, LoyaltyDoc, LoyaltyEnquiry, PaymentDoc, PayoutRequest, ReceivePaymentRequest,
} from './back-office-types.js';
import { BACK_OFFICE_JOURNAL } from './back-office-types.js';
import type { Debtor } from './documents-types.js';
import { StoreError } from './errors.js';
import type { JournalDoc, JournalRecord } from './journal-format.js';
import type { TillJournalWriter } from './journal-writer.js';
import { entriesFor, entriesOf } from './ledger-posting.js';
import { LoyaltyBook } from './loyalty-book.js';
import { loyaltySettingsOf } from './loyalty-settings.js';
import { verifyPin } from './manager-pin.js';
import type { Store } from './store.js';
import { findDebtor } from './debtor-index.js';
import { operatorsRequired } from './operators/auth.js';
import { assertMay } from './operators/guard.js';
import { auditBackOffice } from './back-office-audit.js';

function refuse(message: string, code: typeof ERR[keyof typeof ERR] = ERR.BAD_AMOUNT): never {
  throw new EngineError(code, message);
}

export class BackOffice implements BackOfficeApi {
  constructor(readonly store: Store, public now: () => Date) {}

  get book(): LoyaltyBook {
    return LoyaltyBook.of(this.store);
  }

  at(): string {
    return this.now().toISOString();
  }

  money(cents: number): string {
    const c = this.store.get('settings').company;
    return formatMoney(cents, { symbol: c.currencySymbol, decimals: c.currencyDecimals });
  }

  debtor(code: string): Debtor {
    const wanted = code.trim().toUpperCase();
    const d = findDebtor(this.store, wanted);
    return d ?? refuse(`No debtor with code "${code.trim()}"`, ERR.UNKNOWN_DEBTOR);
  }

  /** Claims the back-office journal, brings the books up to date, runs `fn`, releases. */
  withWriter<T>(fn: (w: TillJournalWriter) => T): T {
    const w = this.claim();
    let result: T;
    try {
      // After the claim, so the book has every earlier back-office record before ours gets its number.
      this.book.catchUp();
      result = fn(w);
    } catch (err) {
      w.release();
      throw err;
    }
    if (result instanceof Promise) return result.finally(() => w.release()) as T;
    w.release();
    return result;
  }

  private claim(): TillJournalWriter {
    try {
      return this.store.claimTill(BACK_OFFICE_JOURNAL);
    } catch (err) {
      if (err instanceof StoreError && err.code === 'LOCKED') {
        throw new StoreError('LOCKED', `the back office is busy (${err.message}; Accrue Loyalties may be running): try again when it has finished`);
      }
      throw err;
    }
  }

  /** Appends one document with its rows and entries, and feeds it to the books. */
  write(w: TillJournalWriter, doc: PaymentDoc | LoyaltyDoc, rows: LoyaltyRow[], approvedBy?: string): JournalRecord {
    const entries = entriesFor(doc as JournalDoc, rows, { settings: this.store.get('settings'), tenders: this.store.get('tenders') });
    const rec = w.append({ kind: doc.kind, operator: doc.operator, ...(approvedBy ? { approvedBy } : {}), at: doc.completedAt, doc, rows, entries });
    this.store.journals.noteOwn(rec);
    this.book.add(rec);
    return rec;
  }

  rowContext(d: Debtor, at: string, source: string): RowContext {
    return { debtor: d.code, applicable: d.loyalty.applicable, calendar: this.book.calendar(), at, source };
  }

  account(code: string): DebtorAccountView {
    const d = this.debtor(code);
    this.book.catchUp();
    const balance = this.book.accountBalance(d.code);
    return { debtor: d.code, name: d.name, balance, creditLimit: d.account.creditLimit, onHold: d.account.onHold,
      headroom: d.account.creditLimit - balance };
  }

  receivePayment(req: ReceivePaymentRequest): PaymentDoc {
    const d = this.debtor(req.debtor);
    if (!Number.isSafeInteger(req.amount) || req.amount <= 0) refuse('Amount: enter an amount more than 0');
    const tender = this.store.get('tenders').tenders.find((t) => t.code === req.tenderCode.trim().toUpperCase())
      ?? refuse(`Tender: no tender with code "${req.tenderCode}"`, ERR.UNKNOWN_TENDER);
    if (tender.kind === 'account' || tender.kind === 'loyalty') {
      refuse(`Tender: a payment on account is taken on cash, card or other tenders, not ${tender.name}`, ERR.UNKNOWN_TENDER);
    }
    return this.withWriter((w) => {
      const doc: PaymentDoc = { kind: 'payment', number: w.documentNumber(), till: BACK_OFFICE_JOURNAL, drawer: req.drawer ?? null,
        operator: req.operator, debtor: d.code, debtorName: d.name, tenderCode: tender.code, tenderName: tender.name,
        amount: req.amount, reference: (req.reference ?? '').trim(), completedAt: this.at() };
      this.write(w, doc, []);
      return doc;
    });
  }

  enquiry(code: string): LoyaltyEnquiry {
    const d = this.debtor(code);
    this.book.catchUp();
    const at = this.at();
    const cal = this.book.calendar();
    const p = periodOf(at, periodKindOf(d.loyalty.applicable) ?? 'month', cal.timeZone, cal.fyStartMonth);
    const periodSales = this.book.periodSalesBefore(d.code, at);
    const on = d.loyalty.applicable !== 'no' && loyaltyActiveAt(d.loyalty, at);
    return { debtor: d.code, name: d.name, applicable: d.loyalty.applicable, balances: this.book.balances(d.code, at),
      period: { key: p.key, start: p.start, end: p.end }, periodSales, tiers: d.loyalty.tiers.map((t) => ({ ...t })),
      rate: on ? tierRate(d.loyalty.tiers, periodSales) : 0, rows: this.book.rowViews(d.code) };
  }

  payout(req: PayoutRequest): LoyaltyDoc {
    const d = this.debtor(req.debtor);
    if (!Number.isSafeInteger(req.amount) || req.amount <= 0) refuse('Amount: enter an amount more than 0');
    if (!PAYOUT_METHODS.includes(req.method)) refuse(`Method: choose one of ${PAYOUT_METHODS.join(', ')}`);
    assertMay(this.store, 'payout', req.approvedBy);
    const doc = this.withWriter((w) => {
      const available = this.book.available(d.code);
      if (req.amount > available) refuse(`Amount: ${this.money(req.amount)} is more than the ${this.money(available)} Available to ${d.code}`);
      const number = w.documentNumber();
      const at = this.at();
      const doc: LoyaltyDoc = { kind: 'loyalty', number, till: BACK_OFFICE_JOURNAL, action: 'payout', operator: req.operator,
        completedAt: at, memo: `Loyalty payout (${req.method}) to ${d.code} ${d.name}${req.reference ? `: ${req.reference.trim()}` : ''}`,
        method: req.method, drawer: req.drawer ?? null };
      this.write(w, doc, [payoutRow(this.rowContext(d, at, number), req.amount, req.method)], req.approvedBy);
      return doc;
    });
    auditBackOffice(this.store, { kind: 'payout', action: 'payout', ref: doc.number, approvedBy: req.approvedBy,
      detail: `loyalty payout of ${this.money(req.amount)} to ${d.code} by ${req.method}` });
    return doc;
  }

  previewAdjustment(req: Omit<AdjustRequest, 'pin' | 'operator'>): AdjustPreview {
    const from = req.from.trim().toUpperCase();
    const to = req.to.trim().toUpperCase();
    if (from === '' || to === '') refuse('From and To: enter the first and last debtor codes of the range', ERR.UNKNOWN_DEBTOR);
    if (from > to) refuse(`From (${from}) must not come after To (${to})`, ERR.UNKNOWN_DEBTOR);
    if (req.change.kind === 'amount' && (!Number.isSafeInteger(req.change.amount) || req.change.amount === 0)) {
      refuse('Amount: enter an amount other than 0 (a minus sign lowers Accrued)');
    }
    this.book.catchUp();
    const threshold = loyaltySettingsOf(this.store.get('settings')).adjustThreshold;
    const lines = this.store.get('debtors').debtors
      .filter((d) => d.code.toUpperCase() >= from && d.code.toUpperCase() <= to)
      .map((d) => {
        const available = availableOf(this.book.ledgerState(d.code));
        const amount = req.change.kind === 'amount' ? req.change.amount : -available;
        return { debtor: d.code, name: d.name, available, amount };
      });
    if (lines.length === 0) refuse(`No debtors from ${from} to ${to}`, ERR.UNKNOWN_DEBTOR);
    // Once operators exist the role (or a manager's override) guards every adjustment instead.
    const needsPin = !operatorsRequired(this.store) && lines.some((l) => Math.abs(l.amount) > threshold);
    return { lines, needsPin, threshold };
  }

  adjust(req: AdjustRequest): { document: string | null; lines: AdjustPreview['lines'] } {
    const reason = req.reason.trim();
    if (reason === '') refuse('Reason: say why Accrued is adjusted (it is kept with every adjustment)');
    assertMay(this.store, 'loyalty-adjust', req.approvedBy);
    const result = this.withWriter((w) => {
      const preview = this.previewAdjustment(req);
      if (preview.needsPin) this.checkPin(req.pin, preview.threshold);
      const lines = preview.lines.filter((l) => l.amount !== 0);
      if (lines.length === 0) return { document: null, lines: preview.lines, total: 0 };
      const number = w.documentNumber();
      const at = this.at();
      const rows = lines.map((l) => adjustmentRow(this.rowContext(this.debtor(l.debtor), at, number), l.amount, reason, req.operator));
      const doc: LoyaltyDoc = { kind: 'loyalty', number, till: BACK_OFFICE_JOURNAL, action: 'adjustment', operator: req.operator,
        completedAt: at, memo: `Update Loyalties Accrued: ${lines.length} debtor(s), ${reason}`, reason };
      this.write(w, doc, rows, req.approvedBy);
      return { document: number, lines: preview.lines, total: lines.reduce((n, l) => n + l.amount, 0) };
    });
    if (result.document !== null) {
      const count = result.lines.filter((l) => l.amount !== 0).length;
      auditBackOffice(this.store, { kind: 'adjustment', action: 'loyalty-adjust', ref: result.document, approvedBy: req.approvedBy,
        detail: `Update Loyalties Accrued: ${count} debtor(s) ${req.from.trim().toUpperCase()}-${req.to.trim().toUpperCase()}, total ${this.money(result.total)}: ${reason}` });
    }
    return { document: result.document, lines: result.lines };
  }

  private checkPin(pin: string | undefined, threshold: number): void {
    const hash = loyaltySettingsOf(this.store.get('settings')).managerPinHash;
    if (hash === '') refuse(`An adjustment above ${this.money(threshold)} needs the manager PIN, and none is set: set it in Loyalty Setup`, ERR.BAD_PIN);
    if (pin === undefined || pin === '') refuse(`An adjustment above ${this.money(threshold)} needs the manager PIN`, ERR.BAD_PIN);
    if (!verifyPin(pin, hash)) refuse('Wrong manager PIN: nothing was adjusted', ERR.BAD_PIN);
  }

  accrue(req: AccrueRequest, onProgress?: (p: AccrueProgress) => void): Promise<AccrueResult> {
    return runAccrual(this, req, onProgress);
  }

  journal(filter: JournalFilter, offset: number, limit: number): JournalPage {
    const match = journalMatcher(filter);
    const setup = { settings: this.store.get('settings'), tenders: this.store.get('tenders') };
    const found: LedgerEntry[] = [];
    // Only the part of each journal near the dates is read; an entry is at its record's time
    // (both are the document's completedAt), so the record's time finds it.
    this.store.journals.scanRange({ fromIso: filter.from, toIso: filter.to }, (rec) => {
      let entries: LedgerEntry[];
      try {
        entries = entriesOf(rec, setup);
      } catch {
        return; // the books warned about it when they read it
      }
      for (const e of entries) if (match(e)) found.push(e);
    });
    // Journals are read till by till; the enquiry reads by time.
    found.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { entries: found.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit)), total: found.length };
  }

  trialBalance() {
    this.book.catchUp();
    return this.book.ledger.trialBalance(this.store.get('accounts').accounts);
  }
}

const shared = new WeakMap<Store, BackOffice>();

/** The store's back office in this process; `now` (the app clock) replaces the clock it uses. */
export function backOffice(store: Store, now?: () => Date): BackOffice {
  let bo = shared.get(store);
  if (!bo) {
    bo = new BackOffice(store, now ?? (() => new Date()));
    shared.set(store, bo);
  } else if (now) bo.now = now;
  return bo;
}
