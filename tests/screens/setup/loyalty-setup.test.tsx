import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { hashPin, verifyPin } from '../../../src/store/manager-pin.js';
import { LoyaltySetupScreen } from '../../../src/screens/setup/loyalty-setup.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { render, stripAnsi, type Rendered } from '../render.js';
import { ESC, F10, RIGHT, TAB, ctrl } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, services, tallestFrame, type TempStore } from '../forms/harness.js';

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

async function open(prepare?: (t: TempStore) => Promise<void>): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  await prepare?.(tmp);
  view = await renderScreen(<LoyaltySetupScreen />, tmp.store, 'Loyalty Setup');
  return { view, tmp };
}

/** Tab count from Loyalty tender to each field. */
const AT = { accrued: 1, redeemed: 2, cash: 3, directDeposit: 4, giftVoucher: 5, threshold: 6, pin: 7, schedule: 8 };
const to = (field: keyof typeof AT) => TAB.repeat(AT[field]);

const settingsText = (t: TempStore) => readFileSync(path.join(t.dir, 'settings.json'), 'utf8');
const allFrames = (v: Rendered) => v.frames.map(stripAnsi).join('\n');

/** Another process on the same store, as a second terminal would be. */
async function otherTerminal(t: TempStore, change: (s: Awaited<ReturnType<typeof openStore>>) => Promise<unknown>): Promise<void> {
  const other = await openStore(t.dir, { stderr: false });
  try {
    await change(other);
  } finally {
    other.close();
  }
}

describe('Loyalty Setup', () => {
  it('shows the breadcrumb and the defaults of a store from before Loyalty Setup', async () => {
    const { view, tmp } = await open();
    expect(tmp.onDisk('settings').loyalty).toBeUndefined();
    const f = view.frame();
    expect(f.split('\n')[0]).toContain('Main Menu › Utilities › Setup › Loyalty Setup');
    expect(rowWith(f, 'Loyalty tender')).toContain('< LOY Loyalty >');
    expect(rowWith(f, 'Loyalties Accrued account')).toContain('5100.000.000.00 Loyalties Accrued');
    expect(rowWith(f, 'Loyalties Redeemed account')).toContain('3600.000.000.00 Loyalties Redeemed');
    expect(rowWith(f, 'Cash payout account')).toContain('3700.000.000.00');
    expect(rowWith(f, 'Direct deposit payout account')).toContain('3720.000.000.00');
    expect(rowWith(f, 'Gift voucher payout account')).toContain('5300.000.000.00');
    expect(rowWith(f, 'Adjustment threshold')).toContain('500.00');
    expect(rowWith(f, 'Manager PIN')).toContain('Manager PIN (not set)');
    expect(rowWith(f, 'Accrual schedule')).toContain('5 0 * * *');
  });

  it('Accept writes every edit, the PIN only as a hash that verifies, and leaves', async () => {
    const { view, tmp } = await open();
    // Accrued offers liabilities only: 5000 VAT Output, 5100, 5200, 5300. Redeemed: expenses only.
    await view.write(`${to('accrued')}${RIGHT}`);
    await view.waitFor('< 5200.000.000.00 Loyalty Payouts');
    await view.write(`${TAB}${TAB}${RIGHT}`);
    await view.waitFor('< 3710.000.000.00 Card Clearing >');
    await view.write(`${TAB}${TAB}${TAB}${ctrl('u')}250.5${TAB}4711`);
    await view.waitFor((f) => rowWith(f, 'Manager PIN').includes('****'));
    await view.write(`${TAB}${ctrl('u')}30 1 * * 1-5`);
    await view.write(F10);
    await view.waitFor(MENU_TEXT);
    const s = tmp.onDisk('settings');
    expect(s.ledger.loyaltiesAccrued).toBe('5200.000.000.00');
    expect(s.ledger.loyaltiesRedeemed).toBe('3600.000.000.00');
    expect(s.loyalty).toEqual({
      tender: 'LOY',
      payoutAccounts: { 'cash': '3710.000.000.00', 'direct-deposit': '3720.000.000.00', 'gift-voucher': '5300.000.000.00' },
      adjustThreshold: 25050,
      managerPinHash: expect.stringMatching(/^scrypt\$/),
      accrualSchedule: '30 1 * * 1-5',
    });
    expect(verifyPin('4711', s.loyalty!.managerPinHash)).toBe(true);
    expect(verifyPin('4712', s.loyalty!.managerPinHash)).toBe(false);
    // The PIN in clear is nowhere: not in any frame, not in the file (hex aside, which may hold
    // any four digits by chance).
    expect(allFrames(view)).not.toContain('4711');
    expect(settingsText(tmp).replace(s.loyalty!.managerPinHash, '')).not.toContain('4711');
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('an empty PIN keeps the current one; a new one replaces it', async () => {
    const { view: first, tmp } = await open(async (t) => {
      await t.store.edit('settings', (d) => {
        d.loyalty = { tender: 'LOY', payoutAccounts: { 'cash': '3700.000.000.00', 'direct-deposit': '3720.000.000.00', 'gift-voucher': '5300.000.000.00' }, adjustThreshold: 50000, managerPinHash: hashPin('1234'), accrualSchedule: '5 0 * * *' };
      });
    });
    const before = tmp.onDisk('settings').loyalty!.managerPinHash;
    expect(rowWith(first.frame(), 'Manager PIN')).toContain('Manager PIN (set)');
    await first.write(`${to('schedule')}${ctrl('u')}0 2 * * *${F10}`);
    await first.waitFor(MENU_TEXT);
    let s = tmp.onDisk('settings').loyalty!;
    expect(s.accrualSchedule).toBe('0 2 * * *');
    expect(s.managerPinHash).toBe(before);
    first.unmount();

    const second = await renderScreen(<LoyaltySetupScreen />, tmp.store, 'Loyalty Setup');
    view = second;
    await second.write(`${to('pin')}98765432${F10}`);
    await second.waitFor(MENU_TEXT);
    s = tmp.onDisk('settings').loyalty!;
    expect(verifyPin('98765432', s.managerPinHash)).toBe(true);
    expect(verifyPin('1234', s.managerPinHash)).toBe(false);
    expect(allFrames(second)).not.toContain('98765432');
  });

  it('refuses each bad value at its field and saves nothing', async () => {
    const { view, tmp } = await open();
    const before = settingsText(tmp);
    const refusedAt = async (label: string, message: string) => {
      const f = await view.waitFor(`! ${message}`);
      expect(rowWith(f, label)).toMatch(/>!/);
    };
    await view.write(`${to('threshold')}${ctrl('u')}-5${TAB}`);
    await refusedAt('Adjustment threshold', 'Adjustment threshold: Amount cannot be negative');
    await view.write(`${ctrl('u')}12.345${TAB}`);
    await refusedAt('Adjustment threshold', 'Adjustment threshold: Enter an amount like 19.99 (at most 2 decimals)');
    await view.write(`${ctrl('u')}1e3${TAB}`);
    await refusedAt('Adjustment threshold', 'Adjustment threshold: Enter an amount like 19.99');
    await view.write(`${ctrl('u')}100${TAB}12a${TAB}`);
    await refusedAt('Manager PIN', 'Manager PIN: 4 to 8 digits');
    await view.write(`${ctrl('u')}123456789${TAB}`);
    await refusedAt('Manager PIN', 'Manager PIN: 4 to 8 digits');
    await view.write(`${ctrl('u')}${TAB}${ctrl('u')}61 0 * * *${TAB}`);
    await refusedAt('Accrual schedule', 'Accrual schedule: the minute field "61" is not valid');
    await view.write(`${ctrl('u')}every night`);
    // Accept checks the whole form first: it stays, at the field, and the file is as it was.
    await view.write(F10);
    await refusedAt('Accrual schedule', 'Accrual schedule:');
    await view.write(ctrl('u'));
    await view.write(F10);
    await refusedAt('Accrual schedule', 'Accrual schedule is required');
    expect(view.frame()).not.toContain(MENU_TEXT);
    expect(settingsText(tmp)).toBe(before);
  });

  it('takes the threshold in the store currency minor units (0 decimals: whole units)', async () => {
    const { view, tmp } = await open(async (t) => {
      await t.store.edit('settings', (d) => {
        d.company.currencyDecimals = 0;
      });
    });
    expect(rowWith(view.frame(), 'Adjustment threshold')).toMatch(/Adjustment threshold\s+50000\s/);
    await view.write(`${to('threshold')}${ctrl('u')}12.5${TAB}`);
    await view.waitFor('! Adjustment threshold: Enter whole units, e.g. 19');
    await view.write(`${ctrl('u')}750${F10}`);
    await view.waitFor(MENU_TEXT);
    expect(tmp.onDisk('settings').loyalty!.adjustThreshold).toBe(750);
  });

  it('offers only loyalty tenders, and re-checks the choice against the tenders on disk at Accept', async () => {
    const { view, tmp } = await open(async (t) => {
      await t.store.edit('tenders', (d) => {
        d.tenders.push({ code: 'PTS', name: 'Points', kind: 'loyalty', ledgerAccount: '5100.000.000.00', useLoyaltyPlus: false });
      });
    });
    const before = settingsText(tmp);
    await view.write(RIGHT);
    await view.waitFor('< PTS Points >');
    // Right again comes back round to LOY: CASH, CARD and ACC are never offered.
    await view.write(RIGHT);
    await view.waitFor('< LOY Loyalty >');
    await view.write(RIGHT);
    await view.waitFor('< PTS Points >');
    // Meanwhile another terminal makes PTS an ordinary tender.
    await otherTerminal(tmp, (o) => o.edit('tenders', (d) => {
      d.tenders.find((x) => x.code === 'PTS')!.kind = 'other';
    }));
    await view.write(`${TAB}${F10}`);
    const f = await view.waitFor('! Loyalty tender: PTS is now of kind other; choose a tender of kind loyalty');
    expect(rowWith(f, 'Loyalty tender')).toMatch(/>!/);
    expect(settingsText(tmp)).toBe(before);
  });

  it("keeps another terminal's edit made while the form was open", async () => {
    const { view, tmp } = await open();
    await otherTerminal(tmp, (o) => o.edit('settings', (d) => {
      d.loyalty = { tender: 'LOY', payoutAccounts: { 'cash': '3700.000.000.00', 'direct-deposit': '3710.000.000.00', 'gift-voucher': '5300.000.000.00' }, adjustThreshold: 50000, managerPinHash: '', accrualSchedule: '0 3 * * *' };
      d.ledger.loyaltiesRedeemed = '2000.000.000.00';
    }));
    await view.write(`${to('threshold')}${ctrl('u')}99.99${F10}`);
    await view.waitFor(MENU_TEXT);
    const s = tmp.onDisk('settings');
    expect(s.loyalty!.adjustThreshold).toBe(9999);
    expect(s.loyalty!.accrualSchedule).toBe('0 3 * * *');
    expect(s.loyalty!.payoutAccounts['direct-deposit']).toBe('3710.000.000.00');
    expect(s.ledger.loyaltiesRedeemed).toBe('2000.000.000.00');
  });

  it('Esc with a typed PIN asks first; y leaves without writing', async () => {
    const { view, tmp } = await open();
    const before = settingsText(tmp);
    await view.write(`${to('pin')}5555`);
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    await view.write('y');
    await view.waitFor(MENU_TEXT);
    expect(settingsText(tmp)).toBe(before);
    expect(allFrames(view)).not.toContain('5555');
  });

  it('opens from Utilities > Setup with l', async () => {
    tmp = await openTempStore();
    const svc = services(tmp.store);
    view = await render(null, { services: svc, stack: [mainMenuEntry(screenRegistry, svc)] });
    await view.write('u');
    await view.waitFor('Company Details');
    await view.write('s');
    const menu = await view.waitFor('Loyalty Setup');
    expect(menu).toContain('Tender Setup');
    await view.write('l');
    const f = await view.waitFor((fr) => (fr.split('\n')[0] ?? '').includes('Setup › Loyalty Setup'));
    expect(f).toContain('Accrual schedule');
  });
});
