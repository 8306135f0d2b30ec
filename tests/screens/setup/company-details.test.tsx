import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { CompanyDetailsScreen } from '../../../src/screens/setup/company-details.js';
import type { Rendered } from '../render.js';
import { BACKSPACE, ESC, F10, PGDN, RIGHT, SHIFT_TAB, TAB, ctrl } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, tallestFrame, type TempStore } from '../forms/harness.js';

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

async function open(): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  view = await renderScreen(<CompanyDetailsScreen />, tmp.store, 'Company Details');
  return { view, tmp };
}

/** Focuses a General field by its position (0 = Store name) with Tab. */
const toField = (n: number) => TAB.repeat(n);

describe('Company Details', () => {
  it('shows the breadcrumb, both tabs and the values on disk', async () => {
    const { view, tmp } = await open();
    const f = view.frame();
    expect(f.split('\n')[0]).toContain('Main Menu › Utilities › Setup › Company Details');
    expect(f).toContain('[General] |  Default Settings 2');
    expect(rowWith(f, 'Store name')).toContain(tmp.onDisk('settings').company.storeName);
    expect(rowWith(f, 'First month of financial year')).toContain('3');
    expect(rowWith(f, 'Cash rounding')).toContain('None');
    await view.write(PGDN);
    const d2 = await view.waitFor('[Default Settings 2]');
    expect(rowWith(d2, 'Loyalty Provider')).toContain('< Built-in >');
  });

  it('Accept writes every changed field to settings.json and leaves', async () => {
    const { view, tmp } = await open();
    await view.write(ctrl('u'));
    // A paste arrives as one chunk: it must land whole.
    await view.write('Corner Shop & Deli');
    await view.write(`${TAB}12 Long St, Pretoria${TAB}4123456789${TAB}`);
    await view.write(`${TAB}${BACKSPACE}3${TAB}${ctrl('u')}Europe/London${TAB}${BACKSPACE}7${TAB}${RIGHT}`);
    await view.waitFor('< 5c >');
    await view.write(PGDN);
    await view.waitFor('[Default Settings 2]');
    await view.write(`${RIGHT}`);
    await view.waitFor('< Loyalty Plus >');
    await view.write(F10);
    await view.waitFor(MENU_TEXT);
    const s = tmp.onDisk('settings');
    expect(s.company).toEqual({
      storeName: 'Corner Shop & Deli', address: '12 Long St, Pretoria', taxNumber: '4123456789', currencySymbol: 'R',
      currencyDecimals: 3, timeZone: 'Europe/London', financialYearStartMonth: 7, cashRounding: 5,
    });
    expect(s.defaults2.loyaltyProvider).toBe('loyalty-plus');
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('refuses a 4-character currency symbol at the field and saves nothing', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('settings');
    await view.write(`${toField(3)}ZARX${TAB}`);
    let f = await view.waitFor('! Currency symbol: 1 to 3 characters');
    expect(rowWith(f, 'Currency symbol')).toMatch(/>!/);
    // Accept refuses too, and the file is as it was.
    await view.write(F10);
    f = await view.waitFor('! Currency symbol: 1 to 3 characters');
    expect(f).not.toContain(MENU_TEXT);
    expect(tmp.onDisk('settings')).toEqual(before);
  });

  it('refuses an unknown time zone, decimals over 3 and a month of 13 with what is allowed', async () => {
    const { view } = await open();
    await view.write(`${toField(5)}${ctrl('u')}Mars/Olympus${TAB}`);
    await view.waitFor('! Time zone: an IANA zone name, e.g. Africa/Johannesburg');
    await view.write(`${ctrl('u')}Africa/Johannesburg${TAB}${BACKSPACE}13${TAB}`);
    await view.waitFor('! First month of financial year: a whole number from 1 to 12');
    await view.write(`${BACKSPACE}${BACKSPACE}2`);
    // Back up to Currency decimals (Shift+Tab twice from the month field).
    await view.write(`${SHIFT_TAB}${SHIFT_TAB}${BACKSPACE}4${TAB}`);
    await view.waitFor('! Currency decimals: a whole number from 0 to 3');
  });

  it('refuses a blank store name', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('settings');
    await view.write(`${ctrl('u')}${F10}`);
    await view.waitFor('! Store name is required');
    expect(tmp.onDisk('settings')).toEqual(before);
  });

  it("keeps another terminal's edit made while the form was open", async () => {
    const { view, tmp } = await open();
    // A second process on the same store changes the address and a ledger choice meanwhile.
    const other = await openStore(tmp.dir, { stderr: false });
    try {
      await other.edit('settings', (d) => {
        d.company.address = '99 Other Terminal Rd';
        d.ledger.sales = '3720.000.000.00';
      });
    } finally {
      other.close();
    }
    await view.write(`${ctrl('u')}Renamed Store`);
    await view.write(F10);
    await view.waitFor(MENU_TEXT);
    const s = tmp.onDisk('settings');
    expect(s.company.storeName).toBe('Renamed Store');
    expect(s.company.address).toBe('99 Other Terminal Rd');
    expect(s.ledger.sales).toBe('3720.000.000.00');
  });

  it('Esc with edits asks first; y leaves without writing', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('settings');
    await view.write('!!!');
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    expect(view.frame()).not.toContain(MENU_TEXT);
    await view.write('y');
    await view.waitFor(MENU_TEXT);
    expect(tmp.onDisk('settings')).toEqual(before);
  });
});
