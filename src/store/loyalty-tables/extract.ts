// The Loyalty tables as files: what a backup holds, what Delete compares with a backup, what the
// archive keeps, and what a restore must give back byte for byte. Every file is a function of the
// current epoch's records the books have read (bounded by the books' positions, so the marks, the
// rows and the ledger balance all describe one moment) and, for the balances, of an instant: the
// backup's, so a later comparison is not changed by a period that ended in between.
import fs from 'node:fs';
import path from 'node:path';
import type { Cents } from '../../engine/types.js';
import { errnoCode } from '../errors.js';
import { docNumberOf, isTillDoc } from '../journal-format.js';
import type { LoyaltyBook } from '../loyalty-book.js';
import { isLoyaltyRow } from '../loyalty-rows.js';
import type { Store } from '../store.js';
import { eachFedRecord } from './book-epoch.js';
import type { EpochMarks } from './epoch-records.js';

export const ROWS_FILE = 'loyalty-rows.jsonl';
export const BALANCES_FILE = 'balances.jsonl';
export const UPLOADS_FILE = 'upload-batches.jsonl';
export const MANIFEST_FILE = 'manifest.json';
/** Where backups go by default, under the store folder. */
export const BACKUPS_DIR = 'backups';
export const salesFile = (till: string) => `sales-${till}.jsonl`;
/** Where the upload helper keeps its batch records, and its derived checkpoint. */
export const UPLOAD_RECORDS = 'uploads/batches.jsonl';
export const UPLOAD_CHECKPOINT = 'uploads/batches.state.json';

export interface ExtractFile {
  name: string;
  bytes: Buffer;
}

export interface Extract {
  epoch: EpochMarks;
  /** Per journal: the last seq, and the end of that record, that the extract covers. */
  to: Record<string, number>;
  toAt: Record<string, number>;
  files: ExtractFile[];
}

/** Everything but the balances (which depend on an instant): read once, compared with many backups. */
export interface ExtractScan {
  epoch: EpochMarks;
  to: Record<string, number>;
  toAt: Record<string, number>;
  files: ExtractFile[];
  debtors: string[];
}

const lines = (list: string[]): Buffer => Buffer.from(list.map((l) => `${l}\n`).join(''), 'utf8');

export function scanExtract(store: Store, book: LoyaltyBook): ExtractScan {
  book.catchUp();
  const epoch = book.epoch;
  const to: Record<string, number> = {};
  const toAt: Record<string, number> = {};
  for (const [till, c] of [...book.covered].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    to[till] = c.seq;
    if (c.end >= 0) toAt[till] = c.end;
  }
  const rows: string[] = [];
  const sales = new Map<string, string[]>();
  eachFedRecord(store, book, epoch, (rec, pos) => {
    if (rec.seq === to[rec.till]) toAt[rec.till] = pos.end;
    const document = docNumberOf(rec.doc);
    const own = rec.rows.filter(isLoyaltyRow);
    own.forEach((row, index) => rows.push(JSON.stringify({ journal: rec.till, seq: rec.seq, index, document, row })));
    if (isTillDoc(rec.doc) && (own.length > 0 || rec.doc.member !== undefined)) {
      let list = sales.get(rec.till);
      if (!list) sales.set(rec.till, (list = []));
      list.push(JSON.stringify({ seq: rec.seq, document, doc: rec.doc }));
    }
  });
  const files: ExtractFile[] = [{ name: ROWS_FILE, bytes: lines(rows) }];
  for (const till of [...sales.keys()].sort()) files.push({ name: salesFile(till), bytes: lines(sales.get(till)!) });
  const uploads = readIfThere(path.join(store.dir, UPLOAD_RECORDS));
  if (uploads !== null) files.push({ name: UPLOADS_FILE, bytes: uploads });
  const debtors = [...book.debtors].filter(([, e]) => e.ledger.rowCount > 0).map(([code]) => code).sort();
  return { epoch, to, toAt, files, debtors };
}

export interface DebtorBalancesLine {
  debtor: string;
  monthToDate: Cents;
  pendingAccrual: Cents;
  accrued: Cents;
  redeemed: Cents;
  available: Cents;
}

/** The five balances (SPEC section 4) of every debtor with rows in the epoch, as of `at`. */
export function balancesFile(book: LoyaltyBook, debtors: readonly string[], at: string): ExtractFile {
  return {
    name: BALANCES_FILE,
    bytes: lines(debtors.map((debtor) => {
      const b = book.balances(debtor, at);
      const line: DebtorBalancesLine = { debtor, monthToDate: b.monthToDate, pendingAccrual: b.pendingAccrual, accrued: b.accrued,
        redeemed: b.redeemed, available: b.available };
      return JSON.stringify(line);
    })),
  };
}

export function extractOf(book: LoyaltyBook, scan: ExtractScan, at: string): Extract {
  const files = [...scan.files, balancesFile(book, scan.debtors, at)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { epoch: scan.epoch, to: scan.to, toAt: scan.toAt, files };
}

export function computeExtract(store: Store, book: LoyaltyBook, at: string): Extract {
  return extractOf(book, scanExtract(store, book), at);
}

export function readIfThere(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  }
}
