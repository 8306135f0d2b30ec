// Backup Loyalty tables and Delete Loyalty tables on a real store in a temp folder: the backup the
// screen makes is a folder with a manifest; a failure counts as no backup; the Delete is refused
// with a wrong PIN, a stale backup, a wrong account or phrase, and done with the right ones.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupLoyaltyTablesScreen } from '../../../src/screens/golive/backup-screen.js';
import { DELETE_WRONG_PIN, DeleteLoyaltyTablesScreen, NOT_MATCHING_TEXT } from '../../../src/screens/golive/delete-screen.js';
import { liabilityNow } from '../../../src/screens/golive/tables-api.js';
import { backOffice } from '../../../src/store/index.js';
import { backupLoyaltyTables, epochHistory, listLoyaltyBackups, readManifest } from '../../../src/store/loyalty-tables/index.js';
import type { Rendered } from '../render.js';
import { DOWN, ENTER, F10, RIGHT, TAB, ctrl } from '../keys.js';
import { MENU_TEXT, renderScreen, tallestFrame } from '../forms/harness.js';
import { MANAGER_PIN, seededStore, sellMay, type Seeded } from '../loyalties/fixtures.js';

let tmp: Seeded | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

/** A store whose debtors have loyalty to lose: May's sales accrued in June. */
async function storeWithLoyalty(): Promise<Seeded> {
  tmp = await seededStore();
  sellMay(tmp);
  tmp.setNow('2026-06-10T08:00:00Z');
  await backOffice(tmp.store).accrue({ kinds: ['monthly-payment', 'monthly-journal'], zeroUnused: false, operator: 'system' });
  return tmp;
}

describe('Backup Loyalty tables', () => {
  it('says what it backs up, asks, and shows the folder and the manifest files it made', async () => {
    const t = await storeWithLoyalty();
    view = await renderScreen(<BackupLoyaltyTablesScreen />, t.store, 'Backup Loyalty tables');
    let f = await view.waitFor('Enter: make the backup');
    expect(f).toContain('Main Menu › Utilities › Data › Backup Loyalty tables');
    expect(f).toContain('loyalty rows and balances');
    // No: nothing is made.
    await view.write(ENTER);
    await view.waitFor('Back up the Loyalty tables? (y/n)');
    await view.write('n');
    await view.waitFor('Backup: not made');
    expect(listLoyaltyBackups(t.store)).toEqual([]);
    await view.write(ENTER);
    await view.waitFor('Back up the Loyalty tables? (y/n)');
    await view.write('y');
    f = await view.waitFor('Backup made:');
    const [backup] = listLoyaltyBackups(t.store);
    expect(backup?.matchesCurrent).toBe(true);
    const rel = path.relative(t.store.dir, backup!.dir);
    expect(f).toContain(`Folder: ${rel}`);
    const { manifest } = readManifest(backup!.dir);
    for (const file of manifest.files) {
      expect(f).toContain(file.name);
      expect(fs.statSync(path.join(backup!.dir, file.name)).size).toBe(file.bytes);
    }
    expect(manifest.files.map((x) => x.name)).toContain('balances.jsonl');
    expect(f).toMatch(/balances\.jsonl\s+\d+ B/);
    await view.write(ENTER);
    await view.waitFor('Enter: make the backup');
  });

  it('shows a failure plainly, and nothing of it counts as a backup', async () => {
    const t = await storeWithLoyalty();
    // backups/ cannot be made: a file stands where the folder would go.
    fs.writeFileSync(path.join(t.store.dir, 'backups'), 'not a folder');
    view = await renderScreen(<BackupLoyaltyTablesScreen />, t.store, 'Backup Loyalty tables');
    await view.waitFor('Enter: make the backup');
    await view.write(ENTER);
    await view.waitFor('(y/n)');
    await view.write('y');
    const f = await view.waitFor('The backup failed:');
    expect(f).toContain('Nothing from this attempt counts as a backup');
    expect(f).toContain('! Backup failed:');
    expect(listLoyaltyBackups(t.store)).toEqual([]);
    fs.rmSync(path.join(t.store.dir, 'backups'));
    await view.write(ENTER);
    await view.waitFor('(y/n)');
    await view.write('y');
    await view.waitFor('Backup made:');
    expect(listLoyaltyBackups(t.store)).toHaveLength(1);
  });
});

describe('Delete Loyalty tables', () => {
  async function openDelete(): Promise<{ t: Seeded; view: Rendered }> {
    const t = await storeWithLoyalty();
    view = await renderScreen(<DeleteLoyaltyTablesScreen />, t.store, 'Delete Loyalty tables');
    await view.waitFor('Manager PIN:');
    return { t, view };
  }

  it('asks the manager PIN first: a wrong one goes no further and deletes nothing', async () => {
    const { t, view } = await openDelete();
    await view.write(`9999${ENTER}`);
    const f = await view.waitFor(DELETE_WRONG_PIN);
    expect(f).not.toContain('9999');
    expect(f).not.toContain('Pick the backup');
    expect(epochHistory(t.store)).toEqual([]);
    await view.write('\x1b');
    await view.waitFor(MENU_TEXT);
  });

  it('lists the backups, refuses a stale one, a wrong account and phrase, then deletes and writes the liability off', async () => {
    const { t, view } = await openDelete();
    const stale = await backupLoyaltyTables(t.store, { now: new Date('2026-06-10T09:00:00Z') });
    t.sell('D1', 100, '2026-06-11T08:00:00Z');
    const good = await backupLoyaltyTables(t.store, { now: new Date('2026-06-11T09:00:00Z') });
    const liability = liabilityNow(t.store);
    expect(liability).toBeGreaterThan(0);
    const before = backOffice(t.store).enquiry('D1').balances;
    expect(before.available + before.pendingAccrual).toBeGreaterThan(0);

    await view.write(`${MANAGER_PIN}${ENTER}`);
    let f = await view.waitFor('Pick the backup of the current data');
    expect(f).toMatch(new RegExp(`yes\\s+backups/${path.basename(good.dir)}`));
    expect(f).toMatch(new RegExp(`no \\(older data\\)\\s+backups/${path.basename(stale.dir)}`));
    // Newest first and selected: Down picks the stale one, which is refused.
    await view.write(`${DOWN}${ENTER}`);
    await view.waitFor(NOT_MATCHING_TEXT);
    await view.write(`\x1b[A${ENTER}`);
    f = await view.waitFor('Write-off account');
    expect(f).toContain(`backups/${path.basename(good.dir)}`);
    expect(f).toContain(`Liability: R${(liability / 100).toFixed(2)} in Loyalties Accrued, written off to the account below`);

    // No account chosen: the form says so at the field.
    await view.write(F10);
    await view.waitFor('! Write-off account: choose the account the liability is written off to');
    // A wrong phrase: the store logic refuses it, at the field.
    for (let i = 0; i < 11; i++) await view.write(RIGHT);
    await view.waitFor('5100.000.000.00 Loyalties Accrued');
    await view.write(`${TAB}delete${F10}`);
    f = await view.waitFor('! Confirmation: type DELETE to delete the Loyalty tables (nothing was deleted)');
    expect(f).toMatch(/>! Type DELETE\s+delete/);
    expect(epochHistory(t.store)).toEqual([]);
    // Loyalties Accrued itself: refused at the account.
    await view.write(`${ctrl('u')}DELETE${F10}`);
    f = await view.waitFor('is Loyalties Accrued itself');
    expect(f).toMatch(/>! Write-off account\s+< 5100/);
    expect(epochHistory(t.store)).toEqual([]);
    expect(backOffice(t.store).enquiry('D1').balances.available).toBe(before.available);
    // Owner's Equity (the last account), then Enter to the phrase and Enter on it deletes.
    for (let i = 0; i < 3; i++) await view.write(RIGHT);
    await view.waitFor("9000.000.000.00 Owner's Equity");
    await view.write(ENTER);
    await view.write(ENTER);
    f = await view.waitFor('Loyalty tables deleted: a new, empty loyalty book has started');
    expect(f).toMatch(/Archived to: archive[/\\]loyalty-epoch-/);
    expect(f).toContain(`Written off: R${(liability / 100).toFixed(2)} to 9000.000.000.00 Owner's Equity`);
    const [reset] = epochHistory(t.store);
    expect(reset).toMatchObject({ action: 'reset', operator: 'system', writeOff: liability, account: '9000.000.000.00' });
    for (const code of ['D1', 'D2']) {
      const b = backOffice(t.store).enquiry(code).balances;
      expect([b.accrued, b.available, b.pendingAccrual, b.redeemed]).toEqual([0, 0, 0, 0]);
    }
    expect(liabilityNow(t.store)).toBe(0);
  });
});
