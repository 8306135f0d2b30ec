// Currency decimals are locked once the store holds amounts (stored in minor units: 2 -> 0 would
// turn R32.99 into R3299), and cash rounding to 5c/10c needs decimals above 0.
import { afterEach, describe, expect, it } from 'vitest';
import { CompanyDetailsScreen } from '../../../src/screens/setup/company-details.js';
import { amountsStoredReason, companyFields } from '../../../src/screens/setup/company-details-fields.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import { TillService } from '../../../src/store/till-service.js';
import type { Rendered } from '../render.js';
import { BACKSPACE, F10, RIGHT, TAB } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, type TempStore } from '../forms/harness.js';

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

const ITEM = { code: 'EGGS', barcode: '6001000000035', description: 'Large Eggs 6 Pack', price: 3299, taxRate: 1500 };
/** Tab count from Store name to Currency decimals / Cash rounding. */
const TO_DECIMALS = TAB.repeat(4);

describe('Company Details: currency decimals and cash rounding', () => {
  it('the field rules, without Ink', () => {
    const locked = companyFields({ amountsStored: amountsStoredReason(3, 0), openedDecimals: '2' });
    const def = (key: string) => locked.find((d) => d.key === key)!;
    expect(validateField(def('currencyDecimals'), '0', { cashRounding: '0' })).toBe('Currency decimals cannot change: 3 items are stored');
    expect(validateField(def('currencyDecimals'), '2', { cashRounding: '0' })).toBeNull();
    const free = companyFields();
    const fdef = (key: string) => free.find((d) => d.key === key)!;
    expect(validateField(fdef('currencyDecimals'), '0', { cashRounding: '0' })).toBeNull();
    expect(validateField(fdef('currencyDecimals'), '0', { cashRounding: '10' })).toMatch(/set Cash rounding to None first/);
    expect(validateField(fdef('cashRounding'), '5', { currencyDecimals: '0' })).toMatch(/^Cash rounding: 5c and 10c need currency decimals above 0/);
    expect(validateField(fdef('cashRounding'), '10', { currencyDecimals: '2' })).toBeNull();
    expect(validateField(fdef('cashRounding'), '0', { currencyDecimals: '0' })).toBeNull();
    expect(amountsStoredReason(0, 4)).toBe('4 sale/refund records are stored');
    expect(amountsStoredReason(1, 1)).toBe('1 item and 1 sale/refund record are stored');
    expect(amountsStoredReason(0, 0)).toBeNull();
  });

  it('refuses a change of decimals at the field once items.json has items; nothing is saved', async () => {
    tmp = await openTempStore();
    await tmp.store.edit('items', (d) => {
      d.items.push({ ...ITEM });
    });
    const before = tmp.onDisk('settings');
    view = await renderScreen(<CompanyDetailsScreen />, tmp.store, 'Company Details');
    await view.write(`${TO_DECIMALS}${BACKSPACE}0${TAB}`);
    let f = await view.waitFor('! Currency decimals cannot change: 1 item is stored');
    expect(rowWith(f, 'Currency decimals')).toMatch(/>!/);
    await view.write(F10);
    f = await view.waitFor('! Currency decimals cannot change');
    expect(f).not.toContain(MENU_TEXT);
    expect(tmp.onDisk('settings')).toEqual(before);
    // Put back, the form saves again.
    await view.write(`${BACKSPACE}2${F10}`);
    await view.waitFor(MENU_TEXT);
  });

  it('refuses a change of decimals once a till journal has records (no items)', async () => {
    tmp = await openTempStore();
    await tmp.store.edit('items', (d) => {
      d.items.push({ ...ITEM });
    });
    const till = TillService.open(tmp.store, { till: 'T1', operator: 'system', now: () => new Date('2026-05-01T08:00:00Z') });
    till.scan('EGGS');
    till.addTender('CASH');
    till.close();
    await tmp.store.edit('items', (d) => {
      d.items.length = 0;
    });
    view = await renderScreen(<CompanyDetailsScreen />, tmp.store, 'Company Details');
    await view.write(`${TO_DECIMALS}${BACKSPACE}3${TAB}`);
    await view.waitFor('! Currency decimals cannot change: 1 sale/refund record is stored');
  });

  it('with an empty store decimals 0 is taken, and then 5c/10c cash rounding is refused', async () => {
    tmp = await openTempStore();
    await tmp.store.edit('items', (d) => {
      d.items.length = 0;
    });
    view = await renderScreen(<CompanyDetailsScreen />, tmp.store, 'Company Details');
    await view.write(`${TO_DECIMALS}${BACKSPACE}0${TAB}`);
    await view.waitFor((x) => rowWith(x, 'Time zone').includes('>'));
    await view.write(`${TAB}${TAB}${RIGHT}`);
    const f = await view.waitFor('! Cash rounding: 5c and 10c need currency decimals above 0');
    expect(rowWith(f, 'Cash rounding')).toContain('None');
    await view.write(F10);
    await view.waitFor(MENU_TEXT);
    expect(tmp.onDisk('settings').company).toMatchObject({ currencyDecimals: 0, cashRounding: 0 });
  });
});
