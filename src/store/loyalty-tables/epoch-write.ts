// Appending an epoch record (reset or restore) to the back-office journal the caller has claimed,
// with its ledger entries, and feeding it to the books (which switch epoch as they read it).
import fs from 'node:fs';
import path from 'node:path';
import type { LoyaltyEpochDoc } from '../back-office-types.js';
import { removeFileDurably } from '../durable-file.js';
import type { JournalRecord } from '../journal-format.js';
import type { TillJournalWriter } from '../journal-writer.js';
import { entriesFor } from '../ledger-posting.js';
import type { LoyaltyBook } from '../loyalty-book.js';
import type { Store } from '../store.js';

export function appendEpochRecord(store: Store, w: TillJournalWriter, book: LoyaltyBook, doc: LoyaltyEpochDoc): JournalRecord {
  const entries = entriesFor(doc, [], { settings: store.get('settings'), tenders: store.get('tenders') });
  const rec = w.append({ kind: doc.kind, operator: doc.operator, at: doc.completedAt, doc, rows: [], entries });
  store.journals.noteOwn(rec);
  book.add(rec);
  return rec;
}

/** Removes a store file durably when it is there (its folder may not exist). */
export function removeIfThere(file: string): void {
  if (fs.existsSync(path.dirname(file))) removeFileDurably(file);
}
