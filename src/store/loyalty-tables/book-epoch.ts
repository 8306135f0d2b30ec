// How the loyalty book (loyalty-book.ts) follows an epoch change. The journals are append-only,
// so Delete Loyalty tables cannot remove rows: the book leaves out the rows of records up to the
// epoch's marks. When an epoch record arrives the book may already hold rows of records after the
// new marks (another till sold while the reset was written, or a restore brings back a whole
// earlier epoch): the per-debtor loyalty state is cleared and those records' rows are read again,
// once per epoch record. Period sales, accounts and ledger totals are not loyalty tables and
// stay as they are.
import { emptyLedgerState } from '../../engine/loyalty/index.js';
import type { JournalRecord } from '../journal-format.js';
import type { RecordPosition } from '../journal-positions.js';
import type { LoyaltyBook } from '../loyalty-book.js';
import type { Store } from '../store.js';
import { sameEpoch, type EpochMarks } from './epoch-records.js';

/** Whether a record's loyalty rows belong to `epoch` (records up to its marks are earlier epochs'). */
export function inEpoch(epoch: EpochMarks, rec: Pick<JournalRecord, 'till' | 'seq'>): boolean {
  return rec.seq > (epoch.from[rec.till] ?? 0);
}

/** Each journal's offset to start reading the epoch's records at; journals not wanted at all start at their end. */
export function epochStarts(store: Store, epoch: EpochMarks, wanted: (till: string) => boolean): Map<string, number> {
  const starts = new Map<string, number>();
  for (const { till } of store.journals.counts()) starts.set(till, wanted(till) ? (epoch.fromAt[till] ?? 0) : Number.MAX_SAFE_INTEGER);
  return starts;
}

/** The book's records of `epoch` that it has already read, each with where it is. */
export function eachFedRecord(store: Store, book: LoyaltyBook, epoch: EpochMarks, each: (rec: JournalRecord, pos: RecordPosition) => void): void {
  const starts = epochStarts(store, epoch, (till) => book.covered.has(till));
  store.journals.scanFrom(starts, (rec, pos) => {
    const c = book.covered.get(rec.till);
    if (c && rec.seq <= c.seq && inEpoch(epoch, rec)) each(rec, pos);
  });
}

/** Makes `epoch` the book's: its loyalty rows only, from the records already read (nothing when it already is). */
export function switchEpoch(store: Store, book: LoyaltyBook, epoch: EpochMarks): void {
  if (sameEpoch(book.epoch, epoch)) {
    book.epoch = epoch;
    return;
  }
  book.epoch = epoch;
  for (const [code, e] of book.debtors) {
    e.ledger = emptyLedgerState(code);
    e.refs = [];
  }
  eachFedRecord(store, book, epoch, (rec, pos) => {
    if (rec.rows.length > 0) book.reapplyRows(rec, pos);
  });
}
