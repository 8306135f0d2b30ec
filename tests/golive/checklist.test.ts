// The go-live checklist's facts from what the store really recorded: Test results written as the
// setup screens write them, the upload event made by Setup Automation Events, backups and the
// Delete through the loyalty-tables store logic; and the operator's ticks saved with who and when.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GO_LIVE_ITEMS } from '../../src/store/automation-types.js';
import { changeEvent, ensureLoyaltyPlusSalesEvent } from '../../src/store/automation.js';
import { goLiveChecklist, tickGoLiveItem, untickGoLiveItem, type GoLiveRow } from '../../src/store/go-live.js';
import { ioCounters, openStore, type Store } from '../../src/store/index.js';
import { TillService } from '../../src/store/till-service.js';
import { loyaltyPlusSettingsOf, withTestResult } from '../../src/store/loyalty-plus-settings.js';
import { backupLoyaltyTables, DELETE_CONFIRMATION, deleteLoyaltyTables, restoreLoyaltyTables } from '../../src/store/loyalty-tables/index.js';
import { uploadsSettingsOf, withSftpTestResult } from '../../src/store/uploads-settings.js';

let root: string | undefined;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
  store = undefined;
  root = undefined;
});

async function freshStore(): Promise<Store> {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-golive-'));
  store = await openStore(path.join(root, 'store'), { stderr: false });
  await store.edit('settings', (d) => {
    d.company.timeZone = 'Africa/Johannesburg';
  });
  return store;
}

const row = (s: Store, item: GoLiveRow['item']): GoLiveRow => goLiveChecklist(s).find((r) => r.item === item)!;
const onDisk = (s: Store) => JSON.parse(fs.readFileSync(path.join(s.dir, 'settings.json'), 'utf8'));

describe('go-live checklist: the facts the system verifies', () => {
  it('a new store has nine items in the seed order, none done, seven checked by the system', async () => {
    const s = await freshStore();
    const rows = goLiveChecklist(s);
    expect(rows.map((r) => r.item)).toEqual([...GO_LIVE_ITEMS]);
    expect(rows.every((r) => !r.done)).toBe(true);
    expect(rows.filter((r) => r.how === 'ticked').map((r) => r.item)).toEqual(['partner-details', 'layouts-checked']);
    expect(row(s, 'web-service-tested').detail).toBe('no Test run yet');
    expect(row(s, 'redeem-tested').detail).toMatch(/waits for Delete Loyalty tables/);
  });

  it('the web-service and SFTP Tests count once one passed, and say when', async () => {
    const s = await freshStore();
    await s.edit('settings', (d) => {
      d.loyaltyPlus = withTestResult(loyaltyPlusSettingsOf(d), { at: '2026-06-01T08:00:00Z', ok: false, kind: 'signature', account: 'P-300' });
      d.loyaltyPlusUploads = withSftpTestResult(uploadsSettingsOf(d), { at: '2026-06-01T08:05:00Z', ok: false, kind: 'auth', account: 'Loyalty Plus' });
    });
    expect(row(s, 'web-service-tested')).toMatchObject({ done: false, how: 'verified' });
    expect(row(s, 'web-service-tested').detail).toContain('last Test failed 2026-06-01 10:00 (signature)');
    expect(row(s, 'sftp-tested')).toMatchObject({ done: false });
    await s.edit('settings', (d) => {
      d.loyaltyPlus = withTestResult(loyaltyPlusSettingsOf(d), { at: '2026-06-01T09:00:00Z', ok: true, account: 'P-300' });
    });
    expect(row(s, 'web-service-tested')).toMatchObject({ done: true, detail: 'passed 2026-06-01 11:00 (P-300)' });
    // A failed SFTP Test is no SFTP pass, whatever the web service did.
    expect(row(s, 'sftp-tested').done).toBe(false);
    await s.edit('settings', (d) => {
      d.loyaltyPlusUploads = withSftpTestResult(uploadsSettingsOf(d), { at: '2026-06-01T09:30:00Z', ok: true, account: 'Loyalty Plus' });
    });
    expect(row(s, 'sftp-tested')).toMatchObject({ done: false, detail: 'no account chosen for the uploads (FTP Setup)' });
    const server = { protocol: 'SFTP' as const, host: 'sftp.example.com', port: 22, username: 'u', password: 'pw', privateKeyFile: '', hostKey: '' };
    await s.edit('settings', (d) => {
      d.loyaltyPlusUploads = { ...uploadsSettingsOf(d), servers: [{ ...server, name: 'Loyalty Plus' }, { ...server, name: 'Other' }], account: 'Other' };
    });
    // Only the chosen account's Tests count.
    expect(row(s, 'sftp-tested')).toMatchObject({ done: false, detail: 'no Test run yet' });
    await s.edit('settings', (d) => {
      d.loyaltyPlusUploads = { ...uploadsSettingsOf(d), account: 'Loyalty Plus' };
    });
    expect(row(s, 'sftp-tested')).toMatchObject({ done: true, detail: 'passed 2026-06-01 11:30 (Loyalty Plus)' });
  });

  it('the upload event counts while it exists and is enabled', async () => {
    const s = await freshStore();
    expect(row(s, 'automation-set').detail).toMatch(/not set up/);
    await ensureLoyaltyPlusSalesEvent(s, new Date('2026-06-01T08:00:00Z'));
    expect(row(s, 'automation-set')).toMatchObject({ done: true, detail: 'enabled, schedule */15 * * * *' });
    await changeEvent(s, 'IQEvent_LoyaltyPlus_Sales', { enabled: false });
    expect(row(s, 'automation-set')).toMatchObject({ done: false, detail: 'set up but disabled (Utilities > Automation)' });
  });

  it('a backup counts once its manifest is written; the Delete marks the tables cleared with who and the write-off', async () => {
    const s = await freshStore();
    // A folder left without its manifest (a backup cut short) is not a backup.
    fs.mkdirSync(path.join(s.dir, 'backups', 'loyalty-20260601-080000'), { recursive: true });
    fs.writeFileSync(path.join(s.dir, 'backups', 'loyalty-20260601-080000', 'loyalty-rows.jsonl'), '');
    expect(row(s, 'backup-taken')).toMatchObject({ done: false, detail: 'no backup yet' });
    const { dir } = await backupLoyaltyTables(s, { now: new Date('2026-06-02T07:00:00Z') });
    expect(row(s, 'backup-taken')).toMatchObject({ done: true, detail: `newest 2026-06-02 09:00 in backups/${path.basename(dir)}` });
    expect(row(s, 'tables-cleared')).toMatchObject({ done: false, detail: 'not deleted yet' });
    await deleteLoyaltyTables(s, { backup: dir, confirmation: DELETE_CONFIRMATION, account: '9000.000.000.00', operator: 'mgr', now: new Date('2026-06-02T07:10:00Z') });
    expect(row(s, 'tables-cleared')).toMatchObject({ done: true, detail: '2026-06-02 09:10 by mgr, R0.00 written off to 9000.000.000.00' });
    // Cleared, but nothing enrolled or redeemed since.
    expect(row(s, 'enrolment-tested')).toMatchObject({ done: false, detail: 'no enrolment since the tables were deleted' });
    expect(row(s, 'redeem-tested')).toMatchObject({ done: false, detail: 'no sale with the Loyalty Plus tender since the tables were deleted' });
    // The old tables put back: they are no longer cleared, and what comes after waits again.
    await restoreLoyaltyTables(s, dir, { now: new Date('2026-06-02T08:00:00Z'), operator: 'mgr' });
    expect(row(s, 'tables-cleared')).toMatchObject({ done: false, detail: 'restored from a backup 2026-06-02 10:00: delete them again' });
    expect(row(s, 'enrolment-tested').detail).toMatch(/waits for Delete Loyalty tables/);
  });
});

describe('go-live checklist: what it reads', () => {
  it('reads only the journals after the reset marks, not the history before them', async () => {
    const s = await freshStore();
    await s.edit('items', (d) => {
      d.items.push({ code: 'BREAD', barcode: '', description: 'Bread', price: 1500, taxRate: 1500 });
    });
    const till = TillService.open(s, { till: 'T1', operator: 'ann', now: () => new Date() });
    try {
      for (let i = 0; i < 150; i++) {
        till.scan('BREAD');
        till.addTender('CASH');
      }
      const { dir } = await backupLoyaltyTables(s, { now: new Date() });
      await deleteLoyaltyTables(s, { backup: dir, confirmation: DELETE_CONFIRMATION, account: '9000.000.000.00', operator: 'mgr', now: new Date() });
      till.scan('BREAD');
      till.addTender('CASH');
    } finally {
      till.close();
    }
    const history = fs.statSync(path.join(s.dir, 'journals', 'T1.jsonl')).size;
    goLiveChecklist(s);
    const before = ioCounters.journalBytesRead;
    const rows = goLiveChecklist(s);
    const read = ioCounters.journalBytesRead - before;
    expect(rows.find((r) => r.item === 'redeem-tested')!.done).toBe(false);
    // One sale after the marks is a few hundred bytes; the 150 before them are far more.
    expect(history).toBeGreaterThan(30_000);
    expect(read).toBeLessThan(history / 20);
  });
});

describe('go-live checklist: operator ticks', () => {
  it('ticks an operator item with who and when, saved in settings.json; unticks it', async () => {
    const s = await freshStore();
    const tick = await tickGoLiveItem(s, 'partner-details', 'ann', new Date('2026-06-03T06:00:00Z'));
    expect(tick).toEqual({ item: 'partner-details', by: 'ann', at: '2026-06-03T06:00:00.000Z' });
    expect(onDisk(s).goLive.ticks).toEqual([tick]);
    expect(row(s, 'partner-details')).toMatchObject({ done: true, how: 'ticked', by: 'ann', at: '2026-06-03T06:00:00.000Z', detail: 'ticked by ann 2026-06-03 08:00' });
    await expect(tickGoLiveItem(s, 'partner-details', 'bob', new Date())).rejects.toThrow(/already ticked by ann 2026-06-03 08:00/);
    expect(onDisk(s).goLive.ticks).toEqual([tick]);
    await tickGoLiveItem(s, 'layouts-checked', 'bob', new Date('2026-06-03T07:00:00Z'));
    const removed = await untickGoLiveItem(s, 'partner-details');
    expect(removed.by).toBe('ann');
    expect(onDisk(s).goLive.ticks).toEqual([{ item: 'layouts-checked', by: 'bob', at: '2026-06-03T07:00:00.000Z' }]);
    expect(row(s, 'partner-details').done).toBe(false);
    await expect(untickGoLiveItem(s, 'partner-details')).rejects.toThrow(/is not ticked/);
  });

  it('refuses a hand tick of an item the system verifies, saying why, and saves nothing', async () => {
    const s = await freshStore();
    for (const item of ['web-service-tested', 'backup-taken', 'redeem-tested'] as const) {
      await expect(tickGoLiveItem(s, item, 'ann', new Date())).rejects.toThrow(/is checked by the system from .*: it cannot be ticked by hand/);
      await expect(untickGoLiveItem(s, item)).rejects.toThrow(/cannot be ticked by hand/);
    }
    await expect(tickGoLiveItem(s, 'partner-details', '  ', new Date())).rejects.toMatchObject({ field: 'operator' });
    expect(onDisk(s).goLive).toBeUndefined();
    expect(row(s, 'web-service-tested').done).toBe(false);
  });

  it('tells the operator when the Partner and Terminal IDs are filled in, but leaves the tick to them', async () => {
    const s = await freshStore();
    await s.edit('settings', (d) => {
      d.loyaltyPlus = { ...loyaltyPlusSettingsOf(d), partnerId: 'P-300', terminalId: 'T1' };
    });
    expect(row(s, 'partner-details')).toMatchObject({ done: false, detail: 'not ticked (Partner ID P-300, Terminal ID T1 are set)' });
  });
});
