// The loyalty book and an epoch record that arrives after records of the new epoch were read
// (another till sold while the reset was being written): those rows must not be lost, and a
// process that opens the store later (snapshot or full scan) agrees.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACK_OFFICE_JOURNAL, type LoyaltyEpochDoc } from '../../src/store/back-office-types.js';
import { BOOK_FILE, saveBook } from '../../src/store/books-snapshot.js';
import { LoyaltyBook } from '../../src/store/loyalty-book.js';
import { currentEpoch } from '../../src/store/loyalty-epoch.js';
import { appendEpochRecord } from '../../src/store/loyalty-tables/epoch-write.js';
import { EPOCHS_CACHE } from '../../src/store/loyalty-tables/epoch-records.js';
import { openStore } from '../../src/store/index.js';
import { loyaltyStore } from './fixture.js';

describe('loyalty book epochs', () => {
  it('re-applies the rows of records after the marks that it had already read', async () => {
    const b = await loyaltyStore();
    const book = b.bo.book;
    book.catchUp();
    saveBook(b.store, book); // a snapshot of the first epoch, which later opens must not use
    const w = b.store.claimTill(BACK_OFFICE_JOURNAL);
    const bo = w.nextSeq() - 1;
    // T1-000004 (P1's June sale, R2.50) is after the marks though the book has read it.
    const doc: LoyaltyEpochDoc = {
      kind: 'loyalty-epoch', number: w.documentNumber(), till: BACK_OFFICE_JOURNAL, action: 'reset', operator: 'system',
      completedAt: '2026-06-03T12:00:00Z', memo: 'test reset', epoch: { id: 'epoch-test', from: { T1: 3, BACKOFFICE: bo }, fromAt: {} },
      backup: { folder: 'x', manifestSha256: 'y' }, writeOff: { amount: 0, account: '3600.000.000.00', accruedAccount: '5100.000.000.00' }, reverses: [],
    };
    appendEpochRecord(b.store, w, book, doc);
    w.release();
    expect(book.epoch.id).toBe('epoch-test');
    const p1 = (bk: LoyaltyBook) => ({ mtd: bk.balances('P1', '2026-06-03T13:00:00Z').monthToDate, available: bk.available('P1'), rows: bk.rowViews('P1').map((v) => v.document) });
    expect(p1(book)).toEqual({ mtd: 250, available: 0, rows: ['T1-000004'] });
    expect(book.ledgerState('P2').rowCount).toBe(0);
    expect(currentEpoch(b.store)).toEqual({ id: 'epoch-test', from: { T1: 3, BACKOFFICE: bo }, startedAt: '2026-06-03T12:00:00Z' });
    const warnings: string[] = [];
    const other = await openStore(b.dir, { log: (l) => warnings.push(l), stderr: false });
    const fromStaleSnapshot = LoyaltyBook.open(other, { save: false });
    expect(p1(fromStaleSnapshot)).toEqual(p1(book));
    expect(warnings.join('\n')).toMatch(/loyalty-book\.jsonl: it holds the loyalty tables of epoch initial, not of the current epoch-test/);
    fs.rmSync(path.join(b.dir, BOOK_FILE));
    const fullScan = LoyaltyBook.open(other, { save: false });
    expect(p1(fullScan)).toEqual(p1(book));
    expect(fullScan.ledger.toJson()).toEqual(book.ledger.toJson());
    other.close();
  });

  it('reads journals/loyalty-epochs.json only when its last line is still where it says', async () => {
    const b = await loyaltyStore();
    const w = b.store.claimTill(BACK_OFFICE_JOURNAL);
    const doc: LoyaltyEpochDoc = {
      kind: 'loyalty-epoch', number: w.documentNumber(), till: BACK_OFFICE_JOURNAL, action: 'reset', operator: 'system',
      completedAt: '2026-06-03T12:00:00Z', memo: 'test reset', epoch: { id: 'epoch-x', from: { T1: 4 }, fromAt: {} },
      backup: { folder: 'x', manifestSha256: 'y' }, writeOff: { amount: 0, account: '3600.000.000.00', accruedAccount: '5100.000.000.00' }, reverses: [],
    };
    appendEpochRecord(b.store, w, b.bo.book, doc);
    w.release();
    const file = path.join(b.dir, 'journals', 'BACKOFFICE.jsonl');
    const size = fs.statSync(file).size;
    const text = fs.readFileSync(file, 'latin1');
    const lastStart = text.lastIndexOf('\n', size - 2) + 1;
    const cache = (last: { start: number; end: number }) => fs.writeFileSync(path.join(b.dir, EPOCHS_CACHE),
      JSON.stringify({ v: 1, readTo: last.end, last, docs: [doc] }));
    // A cache that is right: the next process starts from it (and reads on from its position).
    cache({ start: lastStart, end: size });
    const s1 = await openStore(b.dir, { log: () => {} });
    expect(currentEpoch(s1).id).toBe('epoch-x');
    s1.close();
    // One whose last line is not a record there any more is ignored: the journal is read instead.
    fs.writeFileSync(path.join(b.dir, EPOCHS_CACHE), JSON.stringify({ v: 1, readTo: size, last: { start: lastStart + 1, end: size }, docs: [] }));
    const s2 = await openStore(b.dir, { log: () => {} });
    expect(currentEpoch(s2)).toMatchObject({ id: 'epoch-x', from: { T1: 4 } });
    s2.close();
  });
});
