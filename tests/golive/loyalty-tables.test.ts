// Go-live: Backup, Delete and restore of the Loyalty tables over a real store with real journals.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOK_FILE } from '../../src/store/books-snapshot.js';
import { LoyaltyBook } from '../../src/store/loyalty-book.js';
import { currentEpoch } from '../../src/store/loyalty-epoch.js';
import {
  backupLoyaltyTables, deleteLoyaltyTables, epochHistory, listLoyaltyBackups, readManifest, restoreLoyaltyTables, sha256,
  verifyLoyaltyBackup, DELETE_CONFIRMATION,
} from '../../src/store/loyalty-tables/index.js';
import { openStore } from '../../src/store/index.js';
import { takeUploadLock } from '../../src/store/upload-lock.js';
import { ACCRUED, balancesOf, dataFiles, extractMatches, loyaltyStore, tbBalance, WRITE_OFF_TO, ZERO } from './fixture.js';

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('Backup Loyalty tables', () => {
  it('writes the rows, balances, loyalty sales and a manifest whose checksums match the files', async () => {
    const b = await loyaltyStore();
    fs.mkdirSync(path.join(b.dir, 'uploads'));
    fs.writeFileSync(path.join(b.dir, 'uploads', 'batches.jsonl'), 'a batch line\n');
    const { dir, manifest } = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    expect(path.dirname(dir)).toBe(path.join(b.dir, 'backups'));
    expect(path.basename(dir)).toMatch(/^loyalty-20260603-\d{6}$/);
    expect(manifest).toMatchObject({ kind: 'loyalty-tables', storeId: b.store.get('settings').storeId, epoch: { id: 'initial', from: {} } });
    expect(manifest.to).toMatchObject({ T1: 4 });
    expect(manifest.files.map((f) => f.name)).toEqual(['balances.jsonl', 'loyalty-rows.jsonl', 'sales-T1.jsonl', 'upload-batches.jsonl']);
    for (const f of manifest.files) {
      const bytes = fs.readFileSync(path.join(dir, f.name));
      expect({ name: f.name, bytes: bytes.length, sha256: sha256(bytes) }).toEqual(f);
    }
    expect(lines(path.join(dir, 'balances.jsonl'))).toEqual([
      { debtor: 'J1', monthToDate: 0, pendingAccrual: 0, accrued: 750, redeemed: 750, available: 0 },
      { debtor: 'P1', monthToDate: 250, pendingAccrual: 0, accrued: 1500, redeemed: 500, available: 1000 },
      { debtor: 'P2', monthToDate: 0, pendingAccrual: 0, accrued: 625, redeemed: 0, available: 625 },
    ]);
    const rows = lines(path.join(dir, 'loyalty-rows.jsonl'));
    // 4 earns, 3 accrual postings, 1 journal credit, 1 payout.
    expect(rows.map((r) => r.row.kind).sort()).toEqual(['accrual-posting', 'accrual-posting', 'accrual-posting', 'earn', 'earn', 'earn', 'earn', 'journal-credit', 'payout']);
    expect(rows.find((r) => r.row.kind === 'payout')).toMatchObject({ journal: 'BACKOFFICE', document: expect.stringMatching(/^BACKOFFICE-/), row: { debtor: 'P1', amount: 500 } });
    expect(lines(path.join(dir, 'sales-T1.jsonl')).map((s) => [s.document, s.doc.debtor])).toEqual([
      ['T1-000001', 'J1'], ['T1-000002', 'P1'], ['T1-000003', 'P2'], ['T1-000004', 'P1'],
    ]);
    expect(fs.readFileSync(path.join(dir, 'upload-batches.jsonl'), 'utf8')).toBe('a batch line\n');
    expect(listLoyaltyBackups(b.store)).toEqual([{ dir, takenAt: manifest.takenAt, epochId: 'initial', matchesCurrent: true }]);
    // A sale without loyalty changes no loyalty table: the backup still qualifies.
    b.till.scan('P1', 3);
    b.till.addTender('CASH');
    expect(verifyLoyaltyBackup(b.store, dir)).toMatchObject({ problems: [], matchesCurrent: true, stale: null });
    fs.appendFileSync(path.join(b.dir, 'uploads', 'batches.jsonl'), 'another batch\n');
    expect(verifyLoyaltyBackup(b.store, dir).stale).toMatch(/upload-batches\.jsonl differs/);
    fs.writeFileSync(path.join(b.dir, 'uploads', 'batches.jsonl'), 'a batch line\n');
    expect(listLoyaltyBackups(b.store)[0]!.matchesCurrent).toBe(true);
    b.sell('P2', 10);
    expect(listLoyaltyBackups(b.store)[0]!.matchesCurrent).toBe(false);
    expect(verifyLoyaltyBackup(b.store, dir)).toMatchObject({ problems: [], matchesCurrent: false, stale: expect.stringMatching(/T1 seq 6 came in since/) });
  });
});

describe('Delete Loyalty tables', () => {
  it('refuses without a backup, with a stale or tampered one, a wrong confirmation or account, changing nothing', async () => {
    const b = await loyaltyStore();
    const { dir } = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    const ok = { backup: dir, confirmation: DELETE_CONFIRMATION, account: WRITE_OFF_TO, operator: 'system', now: b.bo.now() };
    const before = dataFiles(b.dir);
    const balances = balancesOf(b);
    await expect(deleteLoyaltyTables(b.store, { ...ok, backup: '' })).rejects.toThrow(/Backup: choose a backup/);
    await expect(deleteLoyaltyTables(b.store, { ...ok, backup: path.join(b.dir, 'backups', 'none') })).rejects.toThrow(/no manifest\.json/);
    await expect(deleteLoyaltyTables(b.store, { ...ok, confirmation: 'delete it' })).rejects.toThrow(/type DELETE/);
    await expect(deleteLoyaltyTables(b.store, { ...ok, account: ACCRUED })).rejects.toThrow(/Loyalties Accrued itself/);
    await expect(deleteLoyaltyTables(b.store, { ...ok, account: '4242' })).rejects.toThrow(/no ledger account "4242"/);
    const bad = path.join(path.dirname(dir), 'tampered');
    fs.cpSync(dir, bad, { recursive: true });
    fs.appendFileSync(path.join(bad, 'balances.jsonl'), '{"debtor":"X"}\n');
    await expect(deleteLoyaltyTables(b.store, { ...ok, backup: bad })).rejects.toThrow(/balances\.jsonl in the backup .* does not match its checksum/);
    await expect(restoreLoyaltyTables(b.store, bad, { now: b.bo.now(), operator: 'system' })).rejects.toThrow(/balances\.jsonl in the backup/);
    expect(dataFiles(b.dir)).toEqual(before);
    // An upload run holds the upload records: neither moves them under it.
    const uploading = takeUploadLock(b.store);
    await expect(deleteLoyaltyTables(b.store, ok)).rejects.toThrow(/^Delete Loyalty tables: an upload run is in progress \(process \d+\); try again when it has finished/);
    await expect(restoreLoyaltyTables(b.store, dir, { now: b.bo.now(), operator: 'system' })).rejects.toThrow(/^Restore Loyalty tables: an upload run is in progress/);
    uploading.release();
    expect(dataFiles(b.dir)).toEqual(before);
    b.sell('P2', 10); // a sale since the backup
    const after = dataFiles(b.dir);
    await expect(deleteLoyaltyTables(b.store, ok)).rejects.toThrow(/the loyalty tables changed since that backup .*take a new backup/);
    expect(dataFiles(b.dir)).toEqual(after);
    expect(balancesOf(b)).toMatchObject({ J1: balances.J1, P1: balances.P1 });
    expect(currentEpoch(b.store).id).toBe('initial');
    expect(epochHistory(b.store)).toEqual([]);
  });

  it('clears the balances, writes the liability off, archives, and a restore gives back identical tables', async () => {
    const b = await loyaltyStore();
    fs.mkdirSync(path.join(b.dir, 'uploads'));
    fs.writeFileSync(path.join(b.dir, 'uploads', 'batches.jsonl'), 'batch 1\n');
    const { dir, manifest } = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    const before = balancesOf(b);
    const expenseBefore = tbBalance(b, WRITE_OFF_TO);
    expect(tbBalance(b, ACCRUED)).toBe(-1625); // a credit balance
    // Another process of the store, open (and caught up) before the delete.
    const other = await openStore(b.dir, { log: () => {} });
    const otherBook = LoyaltyBook.of(other);
    expect(otherBook.available('P1')).toBe(1000);

    b.till.scan('P1', 3); // no debtor, no loyalty: the backup still holds exactly the loyalty tables
    b.till.addTender('CASH');
    const del = await deleteLoyaltyTables(b.store, { backup: dir, confirmation: 'DELETE', account: WRITE_OFF_TO, operator: 'system', now: b.bo.now() });
    expect(del).toMatchObject({ writeOff: 1625, debtorsAvailable: 1625, account: WRITE_OFF_TO, epochId: expect.stringMatching(/^epoch-/) });
    expect(balancesOf(b)).toEqual({ J1: ZERO, P1: ZERO, P2: ZERO });
    expect(b.bo.enquiry('P1').rows).toEqual([]);
    expect(tbBalance(b, ACCRUED)).toBe(0);
    expect(tbBalance(b, WRITE_OFF_TO)).toBe(expenseBefore - 1625);
    expect(b.bo.trialBalance().balanced).toBe(true);
    expect(b.bo.account('J1').balance).toBe(-750); // paid by card: the journal credit stays on the account
    const e = currentEpoch(b.store);
    expect(e).toMatchObject({ id: del.epochId, from: { T1: 5, BACKOFFICE: manifest.to.BACKOFFICE } });
    expect(epochHistory(b.store)).toEqual([expect.objectContaining({ action: 'reset', id: del.epochId, writeOff: 1625, account: WRITE_OFF_TO })]);
    // The archive is a backup of what was deleted; the upload records moved there.
    const archive = path.join(b.dir, del.archive);
    expect(readManifest(archive).manifest.epoch.id).toBe('initial');
    expect(fs.readFileSync(path.join(archive, 'upload-batches.jsonl'), 'utf8')).toBe('batch 1\n');
    // The upload records say what the provider has: a copy is archived, the records stay.
    expect(fs.readFileSync(path.join(b.dir, 'uploads', 'batches.jsonl'), 'utf8')).toBe('batch 1\n');
    // The other process follows; a fresh process from the snapshot and from a full scan agree.
    otherBook.catchUp();
    expect(otherBook.available('P1')).toBe(0);
    expect(otherBook.rowViews('P1')).toEqual([]);
    other.close();
    const fresh = await openStore(b.dir, { log: () => {} });
    expect(currentEpoch(fresh).id).toBe(del.epochId);
    const fromSnapshot = LoyaltyBook.open(fresh, { save: false });
    fs.rmSync(path.join(b.dir, BOOK_FILE), { force: true });
    const fullScan = LoyaltyBook.open(fresh, { save: false });
    for (const book of [fromSnapshot, fullScan]) {
      expect(book.epoch.id).toBe(del.epochId);
      for (const c of ['J1', 'P1', 'P2']) expect(book.ledgerState(c).rowCount).toBe(0);
      expect(book.accountBalance('J1')).toBe(-750);
      expect(book.ledger.toJson()).toEqual(b.bo.book.ledger.toJson());
    }
    fresh.close();
    // Nothing sold since: the restore brings back the very files of the backup.
    const r = await restoreLoyaltyTables(b.store, dir, { now: b.bo.now(), operator: 'system' });
    expect(r).toMatchObject({ epochId: 'initial', reversed: 1625, reverses: [del.document], uploadsRestored: true });
    const { ours, theirs } = extractMatches(b.store, dir);
    expect(ours).toEqual(theirs);
    expect(balancesOf(b)).toEqual(before);
    expect(tbBalance(b, ACCRUED)).toBe(-1625);
    expect(tbBalance(b, WRITE_OFF_TO)).toBe(expenseBefore);
    expect(fs.readFileSync(path.join(b.dir, 'uploads', 'batches.jsonl'), 'utf8')).toBe('batch 1\n');
    await expect(restoreLoyaltyTables(b.store, dir, { now: b.bo.now(), operator: 'system' })).rejects.toThrow(/already the current ones/);
    // A process opened now, from a full scan, sees the restored tables too.
    fs.rmSync(path.join(b.dir, BOOK_FILE), { force: true });
    const third = await openStore(b.dir, { log: () => {} });
    const book3 = LoyaltyBook.open(third, { save: false });
    expect(book3.available('P1')).toBe(1000);
    expect(book3.rowViews('P1').length).toBe(b.bo.enquiry('P1').rows.length);
    third.close();
  });

  it('after a delete new sales accrue from zero, and a restore keeps them beside the old rows', async () => {
    const b = await loyaltyStore();
    const { dir } = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    await deleteLoyaltyTables(b.store, { backup: dir, confirmation: 'DELETE', account: WRITE_OFF_TO, operator: 'system', now: b.bo.now() });
    const other = await openStore(b.dir, { log: () => {} });
    const otherBook = LoyaltyBook.of(other);
    b.sell('P2', 100); // June: R2.50, from zero
    expect(b.bo.enquiry('P2').balances).toMatchObject({ monthToDate: 250, accrued: 0, available: 0 });
    b.setNow('2026-07-01T08:00:00Z');
    await b.bo.accrue({ kinds: ['monthly-payment'], zeroUnused: false, operator: 'system' });
    expect(b.bo.enquiry('P2').balances).toMatchObject({ monthToDate: 0, accrued: 250, available: 250 });
    expect(b.bo.enquiry('P1').balances).toMatchObject(ZERO);
    expect(tbBalance(b, ACCRUED)).toBe(-250);
    otherBook.catchUp();
    expect(otherBook.available('P2')).toBe(250);
    await restoreLoyaltyTables(b.store, dir, { now: b.bo.now(), operator: 'system' });
    expect(b.bo.enquiry('P2').balances).toMatchObject({ accrued: 625 + 250, available: 625 + 250 });
    // P1's June credits were not in the epoch July's run accrued: they are pending again; June's payout left Accrued at July 1.
    expect(b.bo.enquiry('P1').balances).toMatchObject({ pendingAccrual: 250, accrued: 1000, redeemed: 0, available: 1000 });
    expect(tbBalance(b, ACCRUED)).toBe(-(1625 + 250));
    // The other process had read the old rows while they were left out: it puts them back too.
    otherBook.catchUp();
    expect(otherBook.available('P1')).toBe(1000);
    expect(otherBook.available('P2')).toBe(875);
    expect(otherBook.rowViews('P1').map((v) => v.row.id)).toEqual(b.bo.enquiry('P1').rows.map((v) => v.row.id));
    other.close();
  });
});
