// journals/loyalty-book.jsonl: the books (loyalty-book.ts) as of a position in every journal, so
// opening them reads only what was appended since instead of years of history. Any process may
// write it (atomically); a reader trusts it only when the record it claims to end at is still
// there in each journal and the store's calendar is the one it was built with, else it warns and
// rebuilds from a full scan. Derived data only: deleting it loses nothing.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { assertLedgerState } from '../engine/loyalty/index.js';
import type { LoyaltyCalendar } from '../engine/loyalty/index.js';
import { errnoCode, errorText } from './errors.js';
import { fsyncDir, storeFs, writeAll } from './fs-layer.js';
import { readLines } from './journal-lines.js';
import { isLedgerTotalsJson, type LedgerTotalsJson } from './ledger-totals.js';
import type { Covered, DebtorEntry, LoyaltyBook } from './loyalty-book.js';
import type { Store } from './store.js';
import { INITIAL_EPOCH, sameEpoch, type EpochMarks } from './loyalty-tables/epoch-records.js';

export const BOOK_FILE = 'journals/loyalty-book.jsonl';
/** A build that read more records than this saves a new snapshot. */
export const SAVE_AFTER = 5000;

// One JSON value per line, written and read a line at a time: the books of 50,000 debtors as one
// JSON.stringify would cost ~200 MB at once. Line 1 is the head, then one [code, entry] line per
// debtor, then {"end": n}, so a file cut short is recognised.
interface Head {
  v: 1;
  calendar: LoyaltyCalendar;
  tills: string[];
  covered: Record<string, Covered>;
  ledger: LedgerTotalsJson;
  debtors: number;
  /** The loyalty epoch its loyalty state is of (absent in snapshots from before epochs: the first). */
  epoch?: { id: string; from: Record<string, number> };
}

const fileOf = (store: Store) => path.join(store.dir, BOOK_FILE);
const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

function headProblem(h: Head, store: Store, calendar: LoyaltyCalendar, epoch: EpochMarks): string | null {
  if (h?.v !== 1) return `unknown version ${String(h?.v)}`;
  if (h.calendar?.timeZone !== calendar.timeZone || h.calendar.fyStartMonth !== calendar.fyStartMonth) {
    return 'the time zone or financial year changed since it was written';
  }
  // Loyalty tables deleted or restored since: its balances are of another epoch.
  if (!sameEpoch(h.epoch ?? INITIAL_EPOCH, epoch)) return `it holds the loyalty tables of epoch ${h.epoch?.id ?? INITIAL_EPOCH.id}, not of the current ${epoch.id}`;
  if (!Array.isArray(h.tills) || !isLedgerTotalsJson(h.ledger) || typeof h.covered !== 'object' || !isInt(h.debtors)) return 'it is damaged';
  for (const [till, c] of Object.entries(h.covered)) {
    if (!isInt(c.seq) || !isInt(c.end) || !isInt(c.lastLineStart)) return 'its journal positions are damaged';
    const rec = store.journals.readAt({ till, start: c.lastLineStart, end: c.end });
    if (rec?.seq !== c.seq) return `journals/${till}.jsonl no longer has seq ${c.seq} at byte ${c.lastLineStart}`;
  }
  return null;
}

function entryProblem(code: unknown, e: DebtorEntry, tills: number): string | null {
  if (typeof code !== 'string') return 'a debtor line is damaged';
  try {
    assertLedgerState(e?.ledger, code);
  } catch (err) {
    return errorText(err);
  }
  // Every reference names a till of the head's `tills` (rowViews re-reads the rows there).
  const refsOk = Array.isArray(e.refs) && e.refs.length % 3 === 0 && e.refs.every(isInt)
    && e.refs.every((n, i) => i % 3 !== 0 || (n >= 0 && n < tills));
  if (!refsOk || !isInt(e.account) || typeof e.sales !== 'object' || e.sales === null || !Object.values(e.sales).every(isInt)) {
    return `the entry of debtor ${code} is damaged`;
  }
  return null;
}

/** Fills `book` from the snapshot; a problem is returned (the caller starts over) rather than thrown. */
function load(store: Store, book: LoyaltyBook): string | null {
  let fd: number;
  try {
    fd = fs.openSync(fileOf(store), 'r');
  } catch (err) {
    return errnoCode(err) === 'ENOENT' ? null : errorText(err);
  }
  try {
    let head: Head | null = null;
    let n = 0;
    let ended = false;
    for (const line of readLines(fd, 0, fs.fstatSync(fd).size, 1 << 20)) {
      const value: unknown = JSON.parse(line.bytes.toString('utf8'));
      if (head === null) {
        head = value as Head;
        const problem = headProblem(head, store, book.calendar(), book.epoch);
        if (problem !== null) return problem;
        continue;
      }
      if (!Array.isArray(value)) {
        ended = (value as { end?: unknown }).end === n;
        break;
      }
      const [code, entry] = value as [string, DebtorEntry];
      const problem = entryProblem(code, entry, head.tills.length);
      if (problem !== null) return problem;
      book.debtors.set(code, entry);
      n++;
    }
    if (head === null || !ended || n !== head.debtors) return 'it is cut short';
    for (const till of head.tills) book.tillNo(till);
    for (const [till, c] of Object.entries(head.covered)) book.covered.set(till, c);
    book.ledger.load(head.ledger);
    return null;
  } catch (err) {
    return errorText(err);
  } finally {
    fs.closeSync(fd);
  }
}

/** The books from the snapshot and the journals' tails, or a full scan; saved again when that was long. */
export function openBook(store: Store, make: () => LoyaltyBook, save = true): LoyaltyBook {
  let book = make();
  const problem = load(store, book);
  if (problem !== null) {
    store.warn(`ignoring ${BOOK_FILE}: ${problem}; rebuilding it from the journals`);
    book = make();
  }
  const from = new Map([...book.covered].map(([till, c]) => [till, c.end]));
  book.fedSinceSnapshot = 0;
  book.feed((add) => store.journals.scanFrom(from, add));
  if (save && book.fedSinceSnapshot >= SAVE_AFTER) saveBook(store, book);
  return book;
}

/** Writes the snapshot atomically (temp file, fsync, rename); a failure only warns (the next open reads more). */
export function saveBook(store: Store, book: LoyaltyBook): void {
  if ([...book.covered.values()].some((c) => c.end < 0)) return; // a record of unknown position: cannot say where to resume
  const target = fileOf(store);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = storeFs.openSync(tmp, 'wx', 0o600);
    const head: Head = { v: 1, calendar: book.calendar(), tills: [...book.tills], covered: Object.fromEntries(book.covered),
      ledger: book.ledger.toJson(), debtors: book.debtors.size, epoch: { id: book.epoch.id, from: { ...book.epoch.from } } };
    let chunk = `${JSON.stringify(head)}\n`;
    for (const entry of book.debtors) {
      chunk += `${JSON.stringify(entry)}\n`;
      if (chunk.length >= 1 << 20) {
        writeAll(fd, Buffer.from(chunk), null);
        chunk = '';
      }
    }
    writeAll(fd, Buffer.from(`${chunk}${JSON.stringify({ end: book.debtors.size })}\n`), null);
    storeFs.fsyncSync(fd);
    storeFs.closeSync(fd);
    fd = null;
    storeFs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    book.fedSinceSnapshot = 0;
  } catch (err) {
    if (fd !== null) storeFs.closeSync(fd);
    try { storeFs.unlinkSync(tmp); } catch { /* never created */ }
    store.warn(`could not save ${BOOK_FILE}: ${errorText(err)}`);
  }
}
