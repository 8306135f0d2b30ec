import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../../src/engine/types.js';
import { InventoryScreen } from '../../../src/screens/inventory/inventory.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { openStore } from '../../../src/store/index.js';
import { render, type Rendered } from '../render.js';
import { BACKSPACE, DEL, DOWN, END, ENTER, ESC, F3, F10, INS, PGDN, SHIFT_TAB, TAB } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, services, tallestFrame, type TempStore } from '../forms/harness.js';

const CLEAR = '\x15'; // Ctrl+U empties the focused field

const ITEMS: Item[] = [
  { code: 'MILK2L', barcode: '6001000000011', description: 'Milk 2L', price: 3299, taxRate: 1500 },
  { code: 'BREAD', barcode: '6001000000028', description: 'Brown bread', price: 1749, taxRate: 0 },
  { code: 'COFFEE', barcode: '6001000000035', description: 'Coffee 250g', price: 9999, taxRate: 1500, loyalty: { loyaltyApplicable: true, loyaltyRate: 750 } },
  { code: 'MILKCHOC', barcode: '6001000000059', description: 'Milk chocolate 80g', price: 2450, taxRate: 1500, loyalty: { loyaltyApplicable: true } },
];

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  // Every test, whatever it did, drew no frame taller than the 24-row terminal.
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

async function open(extra: Item[] = []): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  await tmp.store.edit('items', (d) => {
    d.items.push(...structuredClone(ITEMS), ...extra);
  });
  view = await renderScreen(<InventoryScreen />, tmp.store, 'Inventory');
  await view.waitFor('MILK2L');
  return { view, tmp };
}

const item = (t: TempStore, code: string): Item | undefined => t.onDisk('items').items.find((i) => i.code === code);
const focusedOn = (label: string) => (f: string): boolean => rowWith(f, label).startsWith('│ >');

describe('Inventory: the list', () => {
  it('shows code, barcode, description, price, tax and loyalty under Main Menu > Inventory', async () => {
    const { view } = await open();
    const f = view.frame();
    expect(f.split('\n')[0]).toMatch(/Main Menu › Inventory\s/);
    expect(rowWith(f, 'Code')).toMatch(/Code\s+Barcode\s+Description\s+Price\s+Tax\s+Loyalty/);
    expect(rowWith(f, 'MILK2L ')).toMatch(/> MILK2L\s+6001000000011\s+Milk 2L\s+32\.99\s+15%\s+No/);
    expect(rowWith(f, 'BREAD')).toMatch(/BREAD\s+6001000000028\s+Brown bread\s+17\.49\s+0%\s+No/);
    expect(rowWith(f, 'COFFEE')).toMatch(/COFFEE\s+6001000000035\s+Coffee 250g\s+99\.99\s+15%\s+7\.5%/);
    expect(rowWith(f, 'MILKCHOC')).toMatch(/MILKCHOC\s+6001000000059\s+Milk chocolate 80g\s+24\.50\s+15%\s+Yes/);
    expect(f).toContain('Ins Add');
    expect(f).toContain('F3 Find');
  });

  it('Delete says why items are kept; Esc goes back', async () => {
    const { view, tmp } = await open();
    await view.write(DEL);
    await view.waitFor('Delete: items are not deleted');
    expect(tmp.onDisk('items').items).toHaveLength(4);
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('a long list is windowed to the screen', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ code: `V${String(i + 1).padStart(2, '0')}`, barcode: '', description: `Voucher ${i + 1}`, price: 100 * (i + 1), taxRate: 0 }));
    const { view } = await open(many);
    expect(view.frame()).not.toContain('V40');
    await view.write(END);
    const f = await view.waitFor('> V40');
    expect(f).not.toContain('MILK2L');
  });
});

describe('Inventory: the Item file', () => {
  it('adds an item through the form (tabs General | Extra) and writes items.json', async () => {
    const { view, tmp } = await open();
    await view.write(INS);
    let f = await view.waitFor('Inventory › Add');
    expect(f).toMatch(/General/);
    expect(f).toMatch(/Extra/);
    expect(rowWith(f, 'Tax rate')).toContain('15');
    await view.write(`TEA1${TAB}6001000000042${TAB}Rooibos tea 40s${TAB}24.5${TAB}`);
    await view.waitFor(focusedOn('Tax rate'));
    await view.write(F10);
    f = await view.waitFor('Saved item TEA1');
    expect(rowWith(f, 'TEA1')).toMatch(/> TEA1\s+6001000000042\s+Rooibos tea 40s\s+24\.50\s+15%\s+No/);
    // No Extra settings were made, so none are written (an export stays the pre-loyalty file).
    expect(item(tmp, 'TEA1')).toEqual({ code: 'TEA1', barcode: '6001000000042', description: 'Rooibos tea 40s', price: 2450, taxRate: 1500 });
    expect(tmp.onDisk('items').items).toHaveLength(5);
  });

  it('adds an item that earns loyalty at its own percentage (Extra tab)', async () => {
    const { view, tmp } = await open();
    await view.write(INS);
    await view.waitFor('Inventory › Add');
    await view.write(`HONEY${TAB}${TAB}Honey 500g${TAB}79.99${TAB}${CLEAR}0`);
    await view.write(PGDN);
    await view.waitFor(focusedOn('Loyalty applicable'));
    await view.write(' ');
    await view.waitFor('[x] Yes');
    await view.write(`${TAB}2.5`);
    await view.write(F10);
    await view.waitFor('Saved item HONEY');
    expect(item(tmp, 'HONEY')).toEqual({
      code: 'HONEY', barcode: '', description: 'Honey 500g', price: 7999, taxRate: 0,
      loyalty: { loyaltyApplicable: true, loyaltyRate: 250 },
    });
  });

  it('edits the price; the code is fixed and the other fields are kept', async () => {
    const { view, tmp } = await open();
    await view.write(`${DOWN.repeat(2)}${ENTER}`);
    let f = await view.waitFor('Inventory › Edit COFFEE');
    expect(rowWith(f, 'Code')).toContain('COFFEE (fixed)');
    // The focus starts on the first field that can change: the code is skipped.
    expect(focusedOn('Barcode')(f)).toBe(true);
    await view.write(`${TAB}${TAB}`);
    await view.waitFor(focusedOn('Price incl. tax'));
    await view.write(`${CLEAR}104.99`);
    await view.write(F10);
    f = await view.waitFor('Saved item COFFEE');
    expect(rowWith(f, 'COFFEE')).toMatch(/> COFFEE\s+6001000000035\s+Coffee 250g\s+104\.99\s+15%\s+7\.5%/);
    expect(item(tmp, 'COFFEE')).toEqual({ ...ITEMS[2], price: 10499 });
  });

  it('the code cannot be changed: Up/Shift+Tab never reach it, typing never edits it', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('items');
    await view.write(ENTER);
    await view.waitFor('Inventory › Edit MILK2L');
    await view.write(SHIFT_TAB);
    let f = await view.waitFor((fr) => !focusedOn('Barcode')(fr));
    expect(focusedOn('Code')(f)).toBe(false);
    await view.write(`${TAB}XYZ`);
    f = await view.waitFor(focusedOn('Barcode'));
    expect(rowWith(f, 'Code')).toContain('MILK2L (fixed)');
    await view.write(`${BACKSPACE.repeat(3)}`);
    await view.write(F10);
    await view.waitFor('Saved item MILK2L');
    expect(tmp.onDisk('items')).toEqual(before);
  });

  it('refuses a bad code and a code that exists, at the field', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('items');
    await view.write(INS);
    await view.waitFor('Inventory › Add');
    await view.write(`A/B${TAB}`);
    await view.waitFor('! Code: must be 1-24 letters, digits or . _ -');
    await view.write(`${CLEAR}BREAD${TAB}`);
    await view.waitFor('! Code: item BREAD already exists; choose another code');
    await view.write(F10);
    await view.waitFor('! Code: item BREAD already exists');
    expect(tmp.onDisk('items')).toEqual(before);
  });

  it('refuses a bad price at the field, on Tab and on Accept, and saves nothing', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('items');
    await view.write(INS);
    await view.waitFor('Inventory › Add');
    await view.write(`X1${TAB}${TAB}Thing${TAB}12.345${TAB}`);
    let f = await view.waitFor('! Price incl. tax: Enter an amount like 19.99 (at most 2 decimals)');
    expect(focusedOn('Price incl. tax')(f)).toBe(true);
    expect(rowWith(f, 'Price incl. tax')).toMatch(/^│ >!/);
    await view.write(`${CLEAR}-5${TAB}`);
    await view.waitFor('! Price incl. tax: Amount cannot be negative');
    await view.write(F10);
    f = await view.waitFor((fr) => fr.includes('! Price incl. tax:') && !fr.includes('Saving'));
    expect(tmp.onDisk('items')).toEqual(before);
    // An empty price is refused too (the import requires one).
    await view.write(`${CLEAR}${F10}`);
    await view.waitFor('! Price incl. tax: Enter an amount like 19.99');
    expect(tmp.onDisk('items')).toEqual(before);
  });

  it('refuses a bad tax rate at the field and saves nothing', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('items');
    await view.write(ENTER);
    await view.waitFor('Inventory › Edit MILK2L');
    await view.write(`${TAB}${TAB}${TAB}`);
    await view.waitFor(focusedOn('Tax rate'));
    await view.write(`${CLEAR}150${TAB}`);
    const f = await view.waitFor('! Tax rate: Enter a percentage from 0 to 100');
    expect(focusedOn('Tax rate')(f)).toBe(true);
    await view.write(F10);
    await view.waitFor((fr) => fr.includes('! Tax rate:') && !fr.includes('Saving'));
    expect(tmp.onDisk('items')).toEqual(before);
    await view.write(`${CLEAR}15.5%${F10}`);
    await view.waitFor('Saved item MILK2L');
    expect(item(tmp, 'MILK2L')?.taxRate).toBe(1550);
  });

  it('refuses a barcode another item has, naming that item, and saves nothing', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('items');
    await view.write(INS);
    await view.waitFor('Inventory › Add');
    await view.write(`X1${TAB}6001000000028${TAB}`);
    let f = await view.waitFor('! Barcode: 6001000000028 already belongs to item BREAD');
    expect(focusedOn('Barcode')(f)).toBe(true);
    await view.write(`${CLEAR}600100000002!${TAB}`);
    await view.waitFor('! Barcode: must be up to 32 letters or digits');
    await view.write(`${CLEAR}6001000000066${TAB}Thing${TAB}1.00${F10}`);
    await view.waitFor('Saved item X1');
    expect(tmp.onDisk('items').items).toHaveLength(before.items.length + 1);
  });

  it('refuses at the barcode field a barcode another terminal took after the form opened', async () => {
    const { view, tmp } = await open();
    await view.write(ENTER);
    await view.waitFor('Inventory › Edit MILK2L');
    await view.write(`${CLEAR}6001000000097`);
    const other = await openStore(tmp.dir, { stderr: false });
    try {
      await other.edit('items', (d) => {
        d.items.push({ code: 'OTHER', barcode: '6001000000097', description: 'From T2', price: 100, taxRate: 1500 });
      });
    } finally {
      other.close();
    }
    const before = tmp.onDisk('items');
    await view.write(F10);
    const f = await view.waitFor('! Barcode: 6001000000097 already belongs to item OTHER');
    expect(focusedOn('Barcode')(f)).toBe(true);
    expect(tmp.onDisk('items')).toEqual(before);
  });

  it('refuses a Loyalty Percentage while Loyalty applicable is No, and saves nothing', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('items');
    await view.write(ENTER);
    await view.waitFor('Inventory › Edit MILK2L');
    await view.write(PGDN);
    let f = await view.waitFor(focusedOn('Loyalty applicable'));
    expect(rowWith(f, 'Loyalty applicable')).toContain('[ ] No');
    await view.write(`${TAB}5${TAB}`);
    f = await view.waitFor('! Loyalty Percentage: set Loyalty applicable to Yes first, or leave this empty');
    expect(focusedOn('Loyalty Percentage')(f)).toBe(true);
    await view.write(F10);
    await view.waitFor((fr) => fr.includes('! Loyalty Percentage:') && !fr.includes('Saving'));
    expect(tmp.onDisk('items')).toEqual(before);
    // Over 100 is refused whatever the flag says.
    await view.write(`${CLEAR}${SHIFT_TAB} ${TAB}101${TAB}`);
    await view.waitFor('! Loyalty Percentage: Enter a percentage from 0 to 100');
    expect(tmp.onDisk('items')).toEqual(before);
    await view.write(`${CLEAR}5${F10}`);
    await view.waitFor('Saved item MILK2L');
    expect(item(tmp, 'MILK2L')?.loyalty).toEqual({ loyaltyApplicable: true, loyaltyRate: 500 });
  });

  it('refuses Accept when loyalty was switched off with a percentage still set', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('items');
    await view.write(`${DOWN.repeat(2)}${ENTER}`);
    await view.waitFor('Inventory › Edit COFFEE');
    await view.write(PGDN);
    await view.waitFor(focusedOn('Loyalty applicable'));
    await view.write(' ');
    await view.waitFor('[ ] No');
    await view.write(F10);
    const f = await view.waitFor('! Loyalty Percentage: set Loyalty applicable to Yes first');
    expect(focusedOn('Loyalty Percentage')(f)).toBe(true);
    expect(tmp.onDisk('items')).toEqual(before);
  });
});

describe('Inventory: Find', () => {
  it('F3 opens the field; the list narrows as each key is typed; Enter edits the row found', async () => {
    const { view } = await open();
    await view.write(F3);
    let f = await view.waitFor('Find: type to narrow the list');
    expect(rowWith(f, 'Find')).toMatch(/Find\s.*4 of 4/);
    await view.write('mil');
    f = await view.waitFor('2 of 4');
    expect(f).toContain('MILK2L');
    expect(f).toContain('MILKCHOC');
    expect(f).not.toContain('BREAD');
    await view.write(' c');
    f = await view.waitFor('1 of 4');
    expect(f).toContain('MILKCHOC');
    expect(f).not.toContain('MILK2L');
    await view.write(BACKSPACE);
    await view.waitFor('2 of 4');
    await view.write('2');
    f = await view.waitFor('1 of 4');
    expect(rowWith(f, 'MILK2L ')).toMatch(/^│ > MILK2L/);
    expect(f).not.toContain('MILKCHOC');
    await view.write(ENTER);
    await view.waitFor('Inventory › Edit MILK2L');
  });

  it('/ and a query and Enter in one burst edit the row the query found', async () => {
    const { view } = await open();
    await view.write(`/brown${ENTER}`);
    await view.waitFor('Inventory › Edit BREAD');
  });

  it('matches the barcode and every word in any of code, barcode, description; Down moves in the found rows', async () => {
    const { view } = await open();
    await view.write('/0035');
    let f = await view.waitFor('1 of 4');
    expect(f).toContain('COFFEE');
    await view.write(CLEAR);
    await view.waitFor('4 of 4');
    await view.write('milk 0059');
    f = await view.waitFor('1 of 4');
    expect(f).toContain('MILKCHOC');
    expect(f).not.toContain('MILK2L');
    await view.write(`${CLEAR}milk`);
    await view.waitFor('2 of 4');
    await view.write(`${DOWN}${ENTER}`);
    await view.waitFor('Inventory › Edit MILKCHOC');
  });

  it('says when nothing matches; Esc clears and closes the search, Esc again goes back', async () => {
    const { view } = await open();
    await view.write('/zzz');
    let f = await view.waitFor('0 of 4');
    expect(f).toContain('Nothing matches "zzz"');
    await view.write(ESC);
    f = await view.waitFor((fr) => !fr.includes('0 of 4') && fr.includes('BREAD'));
    expect(f).not.toContain(' of 4');
    expect(rowWith(f, 'MILK2L ')).toMatch(/^│ > MILK2L/);
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('after editing a found row the search is still there, on the saved row', async () => {
    const { view, tmp } = await open();
    await view.write(`/milk${DOWN}${ENTER}`);
    await view.waitFor('Inventory › Edit MILKCHOC');
    await view.write(`${TAB}${TAB}${CLEAR}25.00${F10}`);
    const f = await view.waitFor('Saved item MILKCHOC');
    expect(f).toContain('2 of 4');
    expect(rowWith(f, 'MILKCHOC')).toMatch(/^│ > MILKCHOC.*25\.00/);
    expect(item(tmp, 'MILKCHOC')?.price).toBe(2500);
  });
});

describe('Main Menu > Inventory', () => {
  it('the Main Menu shows Inventory with its hot key i, between Point of Sale and Ledger, and i opens it', async () => {
    tmp = await openTempStore();
    await tmp.store.edit('items', (d) => {
      d.items.push(structuredClone(ITEMS[0]!));
    });
    const svc = services(tmp.store);
    view = await render(null, { services: svc, stack: [mainMenuEntry(screenRegistry, svc)], theme: { mono: true } });
    let f = await view.waitFor('[I] Inventory');
    const rows = f.split('\n');
    const at = (label: string): number => rows.findIndex((r) => r.includes(label));
    expect(at('Point of Sale')).toBeLessThan(at('[I] Inventory'));
    expect(at('[I] Inventory')).toBeLessThan(at('[L] Ledger'));
    await view.write('i');
    f = await view.waitFor((fr) => /^Main Menu › Inventory\s/.test(fr.split('\n')[0] ?? ''));
    expect(rowWith(f, 'MILK2L')).toContain('Milk 2L');
    await view.write(ESC);
    await view.waitFor((fr) => /^Main Menu\s{2,}/.test(fr.split('\n')[0] ?? '') && fr.includes('> [I] Inventory'));
  });
});
