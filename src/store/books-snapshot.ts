// journals/loyalty-book.json: the books (loyalty-book.ts) as of a position in every journal, so
// opening them reads only what was appended since instead of years of history. Any process may
// write it (atomically); a reader trusts it only when the record it claims to end at is still
// there in each journal and the store's calendar is the one it was built with, else it warns and
// rebuilds from a full scan. Derived data only: deleting it loses nothing.
import path from 'node:path';
import { assertLedgerState } from '../engine/loyalty/index.js';
import type { LoyaltyCalendar } from '../engine/loyalty/index.js';
import { DurableJsonFileSync } from './durable-file.js';
import { errorText } from './errors.js';
import { isLedgerTotalsJson, type LedgerTotalsJson } from './ledger-totals.js';
import type { Covered, DebtorEntry, LoyaltyBook } from './loyalty-book.js';
import type { Store } from './store.js';

export const BOOK_FILE = 'journals/loyalty-book.json';
/** A build that read more records than this saves a new snapshot. */
export const SAVE_AFTER = 5000;

interface BookSnapshot {
  v: 1;
  calendar: LoyaltyCalendar;
  tills: string[];
  covered: Record<string, Covered>;
  debtors: Record<string, DebtorEntry>;
  ledger: LedgerTotalsJson;
}

const fileOf = (store: Store) =>
  new DurableJsonFileSync<BookSnapshot>(path.join(store.dir, BOOK_FILE), { warn: (m) => store.warn(m), label: BOOK_FILE, repair: false, pretty: false });

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

function problemOf(s: BookSnapshot, store: Store, calendar: LoyaltyCalendar): string | null {
  if (s.v !== 1) return `unknown version ${String(s.v)}`;
  if (s.calendar?.timeZone !== calendar.timeZone || s.calendar.fyStartMonth !== calendar.fyStartMonth) {
    return 'the time zone or financial year changed since it was written';
  }
  if (!Array.isArray(s.tills) || !isLedgerTotalsJson(s.ledger) || typeof s.covered !== 'object' || typeof s.debtors !== 'object') return 'it is damaged';
  for (const [till, c] of Object.entries(s.covered)) {
    if (!isInt(c.seq) || !isInt(c.end) || !isInt(c.lastLineStart)) return 'its journal positions are damaged';
    const rec = store.journals.readAt({ till, start: c.lastLineStart, end: c.end });
    if (rec?.seq !== c.seq) return `journals/${till}.jsonl no longer has seq ${c.seq} at byte ${c.lastLineStart}`;
  }
  for (const [code, e] of Object.entries(s.debtors)) {
    try {
      assertLedgerState(e.ledger, code);
    } catch (err) {
      return errorText(err);
    }
    const refsOk = Array.isArray(e.refs) && e.refs.length % 3 === 0 && e.refs.every(isInt);
    if (!refsOk || !isInt(e.account) || typeof e.sales !== 'object' || !Object.values(e.sales).every(isInt)) return `the entry of debtor ${code} is damaged`;
  }
  return null;
}

function load(store: Store, book: LoyaltyBook): boolean {
  let s: BookSnapshot | null;
  try {
    s = fileOf(store).read();
  } catch (err) {
    store.warn(`ignoring ${BOOK_FILE}: ${errorText(err)}; rebuilding it from the journals`);
    return false;
  }
  if (s === null) return false;
  const problem = problemOf(s, store, book.calendar());
  if (problem !== null) {
    store.warn(`ignoring ${BOOK_FILE}: ${problem}; rebuilding it from the journals`);
    return false;
  }
  for (const till of s.tills) book.tillNo(till);
  for (const [till, c] of Object.entries(s.covered)) book.covered.set(till, c);
  for (const [code, e] of Object.entries(s.debtors)) book.debtors.set(code, e);
  book.ledger.load(s.ledger);
  return true;
}

/** The books from the snapshot and the journals' tails, or a full scan; saved again when that was long. */
export function openBook(store: Store, make: () => LoyaltyBook): LoyaltyBook {
  let book = make();
  if (!load(store, book)) book = make();
  const from = new Map([...book.covered].map(([till, c]) => [till, c.end]));
  book.fedSinceSnapshot = 0;
  for (const rec of store.journals.scanFrom(from)) book.add(rec);
  if (book.fedSinceSnapshot >= SAVE_AFTER) saveBook(store, book);
  return book;
}

/** Writes the snapshot; a failure only warns (the next open reads more). */
export function saveBook(store: Store, book: LoyaltyBook): void {
  if ([...book.covered.values()].some((c) => c.end < 0)) return; // a record of unknown position: cannot say where to resume
  const snap: BookSnapshot = {
    v: 1, calendar: book.calendar(), tills: [...book.tills],
    covered: Object.fromEntries(book.covered), debtors: Object.fromEntries(book.debtors), ledger: book.ledger.toJson(),
  };
  try {
    fileOf(store).write(snap);
    book.fedSinceSnapshot = 0;
  } catch (err) {
    store.warn(`could not save ${BOOK_FILE}: ${errorText(err)}`);
  }
}
