// Restore and delete at the edges: another store's backup, a whole-store backup, upload records
// written after the delete, a folder a crashed delete left behind, and a second delete and restore.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupLoyaltyTables, deleteLoyaltyTables, epochHistory, restoreLoyaltyTables,
} from '../../src/store/loyalty-tables/index.js';
import { ACCRUED, balancesOf, dataFiles, loyaltyStore, tbBalance, WRITE_OFF_TO, ZERO } from './fixture.js';

const del = (dir: string, now: Date) => ({ backup: dir, confirmation: 'DELETE', account: WRITE_OFF_TO, operator: 'system', now });

describe('restore and delete edges', () => {
  it('refuses another store\'s backup and a whole-store backup, changing nothing', async () => {
    const b = await loyaltyStore();
    const { dir } = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    await deleteLoyaltyTables(b.store, del(dir, b.bo.now()));
    const files = dataFiles(b.dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const foreign = path.join(b.dir, 'backups', 'foreign');
    fs.cpSync(dir, foreign, { recursive: true });
    fs.writeFileSync(path.join(foreign, 'manifest.json'), JSON.stringify({ ...manifest, storeId: 'another-store' }));
    await expect(restoreLoyaltyTables(b.store, foreign, { now: b.bo.now(), operator: 'system' })).rejects.toThrow(/is of store another-store, not of this store/);
    const whole = path.join(b.dir, 'backups', 'whole');
    fs.cpSync(dir, whole, { recursive: true });
    fs.writeFileSync(path.join(whole, 'manifest.json'), JSON.stringify({ ...manifest, kind: 'store' }));
    await expect(restoreLoyaltyTables(b.store, whole, { now: b.bo.now(), operator: 'system' })).rejects.toThrow(/whole-store backup/);
    expect(dataFiles(b.dir)).toEqual(files);
    expect(balancesOf(b).P1).toEqual(ZERO);
  });

  it('keeps the upload records through a delete, adds back only lines a lost log lacks, and never takes a line away', async () => {
    const b = await loyaltyStore();
    const uploads = path.join(b.dir, 'uploads', 'batches.jsonl');
    fs.mkdirSync(path.dirname(uploads));
    fs.writeFileSync(uploads, 'old 1\nold 2\n');
    fs.writeFileSync(path.join(b.dir, 'uploads', 'batches.state.json'), '{"offset":12}\n');
    const { dir } = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    await deleteLoyaltyTables(b.store, del(dir, b.bo.now()));
    expect(fs.readFileSync(uploads, 'utf8')).toBe('old 1\nold 2\n');
    // The log was lost since (then one more line written, torn at the end): the restore merges.
    fs.writeFileSync(uploads, 'new 1\nnew 2 torn');
    await restoreLoyaltyTables(b.store, dir, { now: b.bo.now(), operator: 'system' });
    expect(fs.readFileSync(uploads, 'utf8')).toBe('new 1\nold 1\nold 2\n');
  });

  it('replaces an archive folder a crashed delete left, and a second delete and a restore of the first backup reverse both write-offs', async () => {
    const b = await loyaltyStore();
    const first = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    const leftover = path.join(b.dir, 'archive', 'loyalty-epoch-000004');
    fs.mkdirSync(leftover, { recursive: true });
    fs.writeFileSync(path.join(leftover, 'half.jsonl'), 'x');
    const d1 = await deleteLoyaltyTables(b.store, del(first.dir, b.bo.now()));
    expect(d1.archive).toBe(path.join('archive', 'loyalty-epoch-000004'));
    expect(fs.readdirSync(leftover).sort()).toEqual(['balances.jsonl', 'loyalty-rows.jsonl', 'manifest.json', 'sales-T1.jsonl']);
    // The new epoch earns and accrues, then is deleted too.
    b.sell('P2', 400); // June: R400 on top of R250 in the period's sales
    b.setNow('2026-07-01T08:00:00Z');
    await b.bo.accrue({ kinds: ['monthly-payment'], zeroUnused: false, operator: 'system' });
    const p2 = b.bo.enquiry('P2').balances.accrued;
    expect(p2).toBeGreaterThan(0);
    const second = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    expect(second.manifest.epoch.id).toBe(d1.epochId);
    await expect(restoreLoyaltyTables(b.store, second.dir, { now: b.bo.now(), operator: 'system' })).rejects.toThrow(/already the current ones/);
    const d2 = await deleteLoyaltyTables(b.store, del(second.dir, b.bo.now()));
    expect(d2.writeOff).toBe(p2);
    expect(tbBalance(b, ACCRUED)).toBe(0);
    const r = await restoreLoyaltyTables(b.store, first.dir, { now: b.bo.now(), operator: 'system' });
    expect(r.reverses).toEqual([d1.document, d2.document]);
    expect(r.reversed).toBe(1625 + p2);
    expect(epochHistory(b.store).map((h) => [h.action, h.id])).toEqual([['reset', d1.epochId], ['reset', d2.epochId], ['restore', 'initial']]);
    // Every row since the first epoch began counts again, and the ledger agrees with the debtors.
    const available = ['J1', 'P1', 'P2'].reduce((s, c) => s + b.bo.enquiry(c).balances.available, 0);
    expect(-tbBalance(b, ACCRUED)).toBe(available);
    // Restoring the second backup now brings back its epoch and reverses nothing more than is left.
    // Restoring the second backup now leaves the first epoch's rows out again: its write-off is posted again.
    const r2 = await restoreLoyaltyTables(b.store, second.dir, { now: b.bo.now(), operator: 'system' });
    expect(r2).toMatchObject({ epochId: d1.epochId, reverses: [], reapplies: [d1.document], reapplied: 1625 });
    expect(b.bo.enquiry('P1').balances).toMatchObject(ZERO);
    expect(b.bo.enquiry('P2').balances.accrued).toBe(p2);
    expect(tbBalance(b, ACCRUED)).toBe(-p2);
    expect(b.bo.trialBalance().balanced).toBe(true);
  });

  it('keeps the ledger equal to what the debtors hold across deletes and restores in any order', async () => {
    const b = await loyaltyStore();
    const held = () => ['J1', 'P1', 'P2'].reduce((s, c) => s + b.bo.enquiry(c).balances.available, 0);
    const check = () => {
      expect(0 - tbBalance(b, ACCRUED) + 0).toBe(held());
      expect(b.bo.trialBalance().balanced).toBe(true);
    };
    const b0 = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    const r1 = await deleteLoyaltyTables(b.store, del(b0.dir, b.bo.now()));
    b.sell('P2', 400);
    b.setNow('2026-07-01T08:00:00Z');
    await b.bo.accrue({ kinds: ['monthly-payment'], zeroUnused: false, operator: 'system' });
    const inR1 = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    check();
    await restoreLoyaltyTables(b.store, b0.dir, { now: b.bo.now(), operator: 'system' }); // initial again, R1 reversed
    check();
    b.bo.payout({ debtor: 'P1', amount: 300, method: 'cash', operator: 'system' });
    const again = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    const r2 = await deleteLoyaltyTables(b.store, del(again.dir, b.bo.now())); // writes off everything since the start
    check();
    expect(held()).toBe(0);
    // Back to R1's epoch: R2's write-off is reversed, R1's is posted again.
    const r = await restoreLoyaltyTables(b.store, inR1.dir, { now: b.bo.now(), operator: 'system' });
    expect(r).toMatchObject({ reverses: [r2.document], reapplies: [r1.document] });
    check();
    expect(held()).toBeGreaterThan(0);
  });
});
