// The store's books kept incrementally from the journals: per debtor its period sales totals (the
// tier and the redemption gate, SPEC section 4 rules 3-4), its loyalty ledger state (the five
// balances, rule 9), where its loyalty rows are (the enquiry re-reads them) and its account
// balance; and the general ledger's totals per account (the trial balance). One record costs
// O(1), so a sale at the till never scans history.
//
// Opened from journals/loyalty-book.json (books-snapshot.ts) plus the journals' tails, or by one
// full scan when there is no usable snapshot. Kept current by `catchUp()`, which polls
// `store.journals` and feeds what it returns: every caller of poll() inside a process goes
// through here, so no record is consumed unseen.
import {
  applyInPlace, assertRow, availableOf, balancesOf, emptyLedgerState, periodKindOf, recordSaleInto, salesAt,
} from '../engine/loyalty/index.js';
import type { LoyaltyBalances, LoyaltyCalendar, LoyaltyLedgerState, LoyaltyRow } from '../engine/loyalty/index.js';
import type { Cents } from '../engine/types.js';
import { docNumberOf, isTillDoc, type JournalRecord } from './journal-format.js';
import { positionOf, type RecordPosition } from './journal-positions.js';
import { entriesOf, type PostingSetup } from './ledger-posting.js';
import { isLoyaltyRow } from './loyalty-rows.js';
import { LedgerTotals } from './ledger-totals.js';
import type { LoyaltyRowView } from './back-office-types.js';
import { openBook } from './books-snapshot.js';
import type { Store } from './store.js';
import { findDebtor } from './debtor-index.js';
import { currentMarks, epochDocs, marksOf, type EpochMarks } from './loyalty-tables/epoch-records.js';
import { inEpoch, switchEpoch } from './loyalty-tables/book-epoch.js';

export { isLoyaltyRow };

/** Owned by the book and changed in place (a copy per record would be a million copies). */
export interface DebtorEntry {
  sales: Record<string, Cents>;
  ledger: LoyaltyLedgerState;
  /** Records carrying this debtor's rows: [till index, start, end] flattened. */
  refs: number[];
  /** Owed on the account: account sales - account refunds - payments - loyalty journal credits. */
  account: Cents;
}

/** Where the book has read each till's journal to: the seq and the end of its last record. */
export interface Covered {
  seq: number;
  end: number;
  lastLineStart: number;
}

const shared = new WeakMap<Store, LoyaltyBook>();

export class LoyaltyBook {
  readonly debtors = new Map<string, DebtorEntry>();
  readonly covered = new Map<string, Covered>();
  readonly tills: string[] = [];
  private readonly tillIndex = new Map<string, number>();
  readonly ledger = new LedgerTotals();
  /** Records fed since the book was opened or last snapshotted. */
  fedSinceSnapshot = 0;
  /** The loyalty epoch whose rows the loyalty state holds (go-live's Delete Loyalty tables starts a new one). */
  epoch: EpochMarks;

  constructor(private readonly store: Store) {
    // Before any record is fed, so the order a full scan reads the journals in does not matter.
    this.epoch = currentMarks(store);
  }

  /**
   * The one book of this store in this process. poll() has one cursor per store, so every session
   * of a process must feed the same book, or one session's poll would hide records from another's.
   */
  static of(store: Store, opts: { save?: boolean } = {}): LoyaltyBook {
    let book = shared.get(store);
    if (!book) {
      book = LoyaltyBook.open(store, opts);
      shared.set(store, book);
    }
    return book;
  }

  /** The shared book when one was built, else undefined (nothing is read). */
  static existing(store: Store): LoyaltyBook | undefined {
    return shared.get(store);
  }

  /** A fresh book from the snapshot and the journals' tails (or a full scan), saving a new snapshot when that was long. */
  static open(store: Store, opts: { save?: boolean } = {}): LoyaltyBook {
    return openBook(store, () => new LoyaltyBook(store), opts.save ?? true);
  }

  /** Setup read once for a run of records (each store.get checks the file for changes). */
  private setup: { posting: PostingSetup; calendar: LoyaltyCalendar } | null = null;

  private readSetup(): { posting: PostingSetup; calendar: LoyaltyCalendar } {
    if (this.setup) return this.setup;
    const settings = this.store.get('settings');
    const c = settings.company;
    return { posting: { settings, tenders: this.store.get('tenders') }, calendar: { timeZone: c.timeZone, fyStartMonth: c.financialYearStartMonth } };
  }

  calendar(): LoyaltyCalendar {
    return this.readSetup().calendar;
  }

  /** Feeds the records `source` gives, reading setup once for all of them. */
  feed(source: (add: (rec: JournalRecord, pos?: RecordPosition) => void) => void): void {
    this.setup = this.readSetup();
    try {
      source((rec, pos) => this.add(rec, pos));
    } finally {
      this.setup = null;
    }
  }

  /** Reads what other tills (and this one) appended since; returns the polled records. */
  catchUp(): JournalRecord[] {
    const recs = this.store.journals.poll();
    if (recs.length > 0) this.feed((add) => recs.forEach((rec) => add(rec)));
    return recs;
  }

  entry(debtor: string): DebtorEntry {
    let e = this.debtors.get(debtor);
    if (!e) {
      e = { sales: {}, ledger: emptyLedgerState(debtor), refs: [], account: 0 };
      this.debtors.set(debtor, e);
    }
    return e;
  }

  tillNo(till: string): number {
    let n = this.tillIndex.get(till);
    if (n === undefined) {
      n = this.tills.length;
      this.tills.push(till);
      this.tillIndex.set(till, n);
    }
    return n;
  }

  /** Feeds one journal record (idempotent per till and seq). */
  add(rec: JournalRecord, at?: RecordPosition): void {
    const seen = this.covered.get(rec.till);
    if (rec.seq <= (seen?.seq ?? 0)) return;
    const pos = at ?? positionOf(rec);
    // Changed in place: one object per till, not one per record read.
    if (seen) {
      seen.seq = rec.seq;
      seen.end = pos?.end ?? -1;
      seen.lastLineStart = pos?.start ?? -1;
    } else this.covered.set(rec.till, { seq: rec.seq, end: pos?.end ?? -1, lastLineStart: pos?.start ?? -1 });
    this.fedSinceSnapshot++;
    const doc = rec.doc;
    let last: { code: string; e: DebtorEntry } | null = null;
    if (isTillDoc(doc) && typeof doc.debtor === 'string' && doc.debtor !== '') {
      const sign = doc.kind === 'sale' ? 1 : -1;
      const e = this.entry(doc.debtor);
      last = { code: doc.debtor, e };
      try {
        recordSaleInto(e.sales, doc.completedAt, sign * doc.total, this.calendar());
      } catch (err) {
        this.store.warn(`journals/${rec.till}.jsonl seq ${rec.seq}: left out of ${doc.debtor}'s period sales: ${(err as Error).message}`);
      }
      for (const t of doc.tenders) if (t.kind === 'account') e.account += sign * t.amount;
    } else if (doc.kind === 'payment') {
      this.entry(doc.debtor).account -= doc.amount;
    }
    if (rec.rows.length > 0) this.addRows(rec, pos, last);
    this.post(rec);
    if (doc.kind === 'loyalty-epoch') switchEpoch(this.store, this, marksOf(doc, epochDocs(this.store)));
  }

  /** `last`: the entry already looked up for the document's debtor (a sale's rows are mostly its own). */
  private addRows(rec: JournalRecord, pos: RecordPosition | undefined, last: { code: string; e: DebtorEntry } | null): void {
    const touched = new Set<DebtorEntry>();
    const current = inEpoch(this.epoch, rec);
    for (const row of rec.rows) {
      if (!isLoyaltyRow(row)) continue;
      const e = last !== null && last.code === row.debtor ? last.e : this.entry(row.debtor);
      try {
        if (current) {
          applyInPlace(e.ledger, row);
          touched.add(e);
        } else assertRow(row);
        // The account is not a loyalty table: a journal credit given stays given in every epoch.
        if (row.kind === 'journal-credit') e.account -= row.amount;
      } catch (err) {
        // A damaged row must not stop the till; it is left out of the balances, loudly.
        this.store.warn(`journals/${rec.till}.jsonl seq ${rec.seq}: loyalty row skipped: ${(err as Error).message}`);
      }
    }
    this.noteRefs(rec.till, pos, touched);
  }

  private noteRefs(till: string, pos: RecordPosition | undefined, touched: Set<DebtorEntry>): void {
    if (touched.size > 0 && pos) {
      const t = this.tillNo(till);
      for (const e of touched) e.refs.push(t, pos.start, pos.end);
    }
  }

  /** An epoch change re-applying a record already read: its loyalty rows only (book-epoch.ts). */
  reapplyRows(rec: JournalRecord, pos: RecordPosition): void {
    const touched = new Set<DebtorEntry>();
    for (const row of rec.rows) {
      if (!isLoyaltyRow(row)) continue;
      const e = this.entry(row.debtor);
      try {
        applyInPlace(e.ledger, row);
        touched.add(e);
      } catch {
        // Warned about when the record was first read.
      }
    }
    this.noteRefs(rec.till, pos, touched);
  }

  private post(rec: JournalRecord): void {
    let problem: string | null;
    try {
      problem = this.ledger.addRecord(entriesOf(rec, this.readSetup().posting));
    } catch (err) {
      problem = (err as Error).message;
    }
    if (problem !== null) this.store.warn(`journals/${rec.till}.jsonl seq ${rec.seq} (${docNumberOf(rec.doc)}): not in the ledger: ${problem}`);
  }

  balances(debtor: string, at: string): LoyaltyBalances {
    return balancesOf(this.entry(debtor).ledger, at, this.calendar());
  }

  ledgerState(debtor: string): LoyaltyLedgerState {
    return this.entry(debtor).ledger;
  }

  /** The debtor's sales total in its current period at `at` (before a sale made at `at`). */
  periodSalesBefore(debtor: string, at: string): Cents {
    const d = findDebtor(this.store, debtor);
    const kind = (d && periodKindOf(d.loyalty.applicable)) ?? 'month';
    return salesAt(this.entry(debtor).sales, at, kind, this.calendar());
  }

  available(debtor: string): Cents {
    return availableOf(this.entry(debtor).ledger);
  }

  /** The debtor's rows with their documents, oldest first, re-read from the journals. */
  rowViews(debtor: string): LoyaltyRowView[] {
    const refs = this.entry(debtor).refs;
    const out: LoyaltyRowView[] = [];
    for (let i = 0; i < refs.length; i += 3) {
      const rec = this.store.journals.readAt({ till: this.tills[refs[i]!]!, start: refs[i + 1]!, end: refs[i + 2]! });
      if (!rec) continue;
      const document = docNumberOf(rec.doc);
      for (const row of rec.rows) if (isLoyaltyRow(row) && row.debtor === debtor) out.push({ row, document });
    }
    // Refs are in the order the book read the records (a full scan reads till by till): by time.
    return out.sort((a, b) => Date.parse(a.row.at) - Date.parse(b.row.at));
  }

  rowsOf(debtor: string): readonly LoyaltyRow[] {
    return this.rowViews(debtor).map((v) => v.row);
  }

  accountBalance(debtor: string): Cents {
    return this.entry(debtor).account;
  }
}
