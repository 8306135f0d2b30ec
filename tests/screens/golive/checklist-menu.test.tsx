// Utilities > Data and the Go-live checklist on a real store: the menu opens its three screens;
// the checklist shows the nine items, ticks and unticks an operator item as the session's
// operator (saved with who and when), and refuses a hand tick of an item the system verifies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataMenuScreen } from '../../../src/screens/golive/data-menu.js';
import { GoLiveChecklistScreen } from '../../../src/screens/golive/checklist-screen.js';
import { ensureLoyaltyPlusSalesEvent } from '../../../src/store/automation.js';
import type { Rendered } from '../render.js';
import { DOWN, ENTER, ESC, UP } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, tallestFrame, type TempStore } from '../forms/harness.js';

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

const ticksOnDisk = (t: TempStore) => JSON.parse(readFileSync(path.join(t.dir, 'settings.json'), 'utf8')).goLive?.ticks ?? [];

describe('Utilities > Data', () => {
  it('offers the three go-live screens and opens each by its letter', async () => {
    tmp = await openTempStore();
    view = await renderScreen(<DataMenuScreen />, tmp.store, 'Data');
    let f = await view.waitFor('Go-live checklist');
    expect(f).toContain('Backup Loyalty tables');
    expect(f).toContain('Delete Loyalty tables');
    await view.write('g');
    f = await view.waitFor('Go-live checklist: 0 of 9 done');
    await view.write(ESC);
    await view.waitFor('Backup Loyalty tables');
    await view.write('d');
    await view.waitFor('Manager PIN:');
    await view.write(ESC);
    await view.waitFor('Backup Loyalty tables');
    await view.write('b');
    await view.waitFor('Enter: make the backup');
    await view.write(ESC);
    await view.waitFor('Delete Loyalty tables');
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });
});

describe('Go-live checklist', () => {
  it('shows the nine items, ticks and unticks an operator item, and refuses a verified one', async () => {
    tmp = await openTempStore();
    await ensureLoyaltyPlusSalesEvent(tmp.store, new Date('2026-06-01T08:00:00Z'));
    view = await renderScreen(<GoLiveChecklistScreen />, tmp.store, 'Go-live checklist');
    let f = await view.waitFor('Go-live checklist: 1 of 9 done');
    expect(f.split('\n')[0]).toContain('Main Menu › Utilities › Data › Go-live checklist');
    expect(rowWith(f, 'Upload automation event')).toMatch(/\[x\]\s+system\s+Upload automation event set up\s+enabled, schedule/);
    expect(rowWith(f, 'Partner and Terminal')).toMatch(/^│ > \[ \]\s+ticked\s+Partner and Terminal IDs received\s+not ticked/);
    for (const label of ['Web service set up', 'SFTP uploads', 'Loyalty tables backed up', 'Loyalty tables deleted', 'Layouts show', 'Enrolment tested', 'Redeem tested']) {
      expect(f).toContain(label);
    }

    // Space ticks the selected operator item, as the session's operator.
    await view.write(' ');
    f = await view.waitFor('Ticked by system: Partner and Terminal IDs received');
    expect(f).toContain('2 of 9 done');
    expect(rowWith(f, 'Partner and Terminal')).toMatch(/\[x\]\s+ticked\s+Partner and Terminal IDs received\s+ticked by system/);
    const [tick] = ticksOnDisk(tmp);
    expect(tick).toMatchObject({ item: 'partner-details', by: 'system' });
    expect(Number.isNaN(Date.parse(tick.at))).toBe(false);

    // A verified item: refused with the reason, nothing saved.
    await view.write(DOWN);
    await view.write(' ');
    f = await view.waitFor('! Cannot be ticked by hand: the system checks this item (not done yet)');
    expect(f).toContain('Checked by the system: a passed Test of the web service');
    expect(f).toContain('Web service set up and tested: not done; no Test run yet');
    expect(ticksOnDisk(tmp)).toHaveLength(1);

    // Enter unticks it again.
    await view.write(`${UP}${ENTER}`);
    f = await view.waitFor('Unticked: Partner and Terminal IDs received (was ticked by system)');
    expect(f).toContain('1 of 9 done');
    expect(ticksOnDisk(tmp)).toEqual([]);

    // The last operator item, further down.
    for (let i = 0; i < 6; i++) await view.write(DOWN);
    await view.write(ENTER);
    f = await view.waitFor('Ticked by system: Layouts show the loyalty member');
    expect(ticksOnDisk(tmp).map((t: { item: string }) => t.item)).toEqual(['layouts-checked']);
  });
});
