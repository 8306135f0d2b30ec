import { afterEach, describe, expect, it } from 'vitest';
import type { Contract } from '../../../src/engine/loyalty/types.js';
import type { Item } from '../../../src/engine/types.js';
import type { Debtor } from '../../../src/store/documents-types.js';
import { ContractsScreen } from '../../../src/screens/contracts/contracts.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { openStore } from '../../../src/store/index.js';
import { render, type Rendered } from '../render.js';
import { BACKSPACE, DEL, DOWN, ENTER, ESC, F3, F10, INS, RIGHT, TAB } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, services, tallestFrame, type TempStore } from '../forms/harness.js';

const CLEAR = '\x15'; // Ctrl+U empties the focused field

const debtor = (code: string, name: string): Debtor => ({
  code, name, cellphone: '', email: '',
  account: { creditLimit: 0, onHold: false },
  loyalty: { applicable: 'no', excludeFromContracts: false, tiers: [], switchedOnAt: null },
});

const DEBTORS: Debtor[] = [debtor('D1', 'Thandi Mokoena'), debtor('D2', 'Acme Catering')];
const ITEMS: Item[] = [
  { code: 'MILK2L', barcode: '6001000000011', description: 'Milk 2L', price: 3299, taxRate: 1500 },
  { code: 'BREAD', barcode: '6001000000028', description: 'Brown bread', price: 1749, taxRate: 0 },
  { code: 'COFFEE', barcode: '6001000000035', description: 'Coffee 250g', price: 9999, taxRate: 1500 },
];
const CONTRACTS: Contract[] = [
  { debtor: 'D1', item: 'MILK2L', price: 2999, excludeFromRebates: false },
  { debtor: 'D2', item: 'COFFEE', price: 8999, excludeFromRebates: true },
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

async function seed(t: TempStore): Promise<void> {
  await t.store.edit('items', (d) => {
    d.items.push(...structuredClone(ITEMS));
  });
  await t.store.edit('debtors', (d) => {
    d.debtors.push(...structuredClone(DEBTORS));
  });
  await t.store.edit('contracts', (d) => {
    d.contracts.push(...structuredClone(CONTRACTS));
  });
}

async function open(): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  await seed(tmp);
  view = await renderScreen(<ContractsScreen />, tmp.store, 'Contracts');
  await view.waitFor('MILK2L');
  return { view, tmp };
}

const focusedOn = (label: string) => (f: string): boolean => rowWith(f, label).startsWith('│ >');
const contracts = (t: TempStore): Contract[] => t.onDisk('contracts').contracts;

describe('Contracts: the list', () => {
  it('shows debtor, item, contract price and Exclude from Rebates under Main Menu > Contracts', async () => {
    const { view } = await open();
    const f = view.frame();
    expect(f.split('\n')[0]).toMatch(/Main Menu › Contracts\s/);
    expect(rowWith(f, 'Debtor')).toMatch(/Debtor\s+Item\s+Price\s+Exclude from Rebates/);
    expect(rowWith(f, 'D1 ')).toMatch(/> D1 Thandi Mokoena\s+MILK2L Milk 2L\s+29\.99\s+No/);
    expect(rowWith(f, 'D2 ')).toMatch(/D2 Acme Catering\s+COFFEE Coffee 250g\s+89\.99\s+Yes/);
    expect(f).toContain('Ins Add');
    expect(f).toContain('F3 Find');
  });

  it('Delete says why it is not offered; Esc goes back', async () => {
    const { view, tmp } = await open();
    await view.write(DEL);
    await view.waitFor('Delete: not offered for contracts');
    expect(contracts(tmp)).toHaveLength(2);
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });
});

describe('Contracts: the contract form', () => {
  it('adds a contract through the form and writes contracts.json', async () => {
    const { view, tmp } = await open();
    await view.write(INS);
    let f = await view.waitFor('Contracts › Add');
    expect(rowWith(f, 'Debtor')).toContain('D1 Thandi Mokoena');
    expect(rowWith(f, 'Item')).toContain('MILK2L Milk 2L');
    // Debtor D2, item BREAD (Right moves a choice on), price 15.5, excluded from rebates.
    await view.write(RIGHT);
    await view.waitFor('D2 Acme Catering');
    await view.write(`${TAB}${RIGHT}`);
    await view.waitFor((fr) => focusedOn('Item')(fr) && rowWith(fr, 'Item').includes('BREAD Brown bread'));
    await view.write(`${TAB}15.5${TAB}`);
    await view.waitFor(focusedOn('Exclude from Rebates'));
    await view.write(' ');
    await view.waitFor('[x] Yes');
    await view.write(F10);
    f = await view.waitFor('Saved contract');
    expect(rowWith(f, 'BREAD')).toMatch(/> D2 Acme Catering\s+BREAD Brown bread\s+15\.50\s+Yes/);
    expect(contracts(tmp)).toEqual([...CONTRACTS, { debtor: 'D2', item: 'BREAD', price: 1550, excludeFromRebates: true }]);
  });

  it('refuses a second contract for the same debtor and item at the item field, and saves nothing', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('contracts');
    await view.write(INS);
    await view.waitFor('Contracts › Add');
    // The form opens on D1 and MILK2L: D1 already has a contract for MILK2L. Leaving the item
    // field is refused, and so is Accept.
    await view.write(`${TAB}${TAB}`);
    let f = await view.waitFor('! Item: debtor D1 already has a contract for item MILK2L; edit that one');
    expect(focusedOn('Item')(f)).toBe(true);
    expect(rowWith(f, 'Item')).toMatch(/^│ >!/);
    await view.write(F10);
    f = await view.waitFor((fr) => fr.includes('! Item: debtor D1 already has a contract') && !fr.includes('Saving'));
    expect(focusedOn('Item')(f)).toBe(true);
    expect(tmp.onDisk('contracts')).toEqual(before);
    // Another item is fine.
    await view.write(RIGHT);
    await view.waitFor((fr) => rowWith(fr, 'Item').includes('BREAD'));
    await view.write(`${TAB}10`);
    await view.waitFor((fr) => rowWith(fr, 'Contract price').includes('10'));
    await view.write(F10);
    await view.waitFor('Saved contract');
    expect(contracts(tmp)).toContainEqual({ debtor: 'D1', item: 'BREAD', price: 1000, excludeFromRebates: false });
  });

  it('refuses at the item field the pair another terminal added after the form opened', async () => {
    const { view, tmp } = await open();
    await view.write(INS);
    await view.waitFor('Contracts › Add');
    await view.write(`${TAB}${RIGHT}${TAB}12`);
    await view.waitFor((fr) => rowWith(fr, 'Item').includes('BREAD') && rowWith(fr, 'Contract price').includes('12'));
    const other = await openStore(tmp.dir, { stderr: false });
    try {
      await other.edit('contracts', (d) => {
        d.contracts.push({ debtor: 'D1', item: 'BREAD', price: 500, excludeFromRebates: false });
      });
    } finally {
      other.close();
    }
    const before = tmp.onDisk('contracts');
    await view.write(F10);
    const f = await view.waitFor('! Item: debtor D1 already has a contract for item BREAD');
    expect(focusedOn('Item')(f)).toBe(true);
    expect(tmp.onDisk('contracts')).toEqual(before);
  });

  it('refuses at the debtor field a debtor deleted in another terminal after the form opened', async () => {
    const { view, tmp } = await open();
    await view.write(INS);
    await view.waitFor('Contracts › Add');
    await view.write(RIGHT);
    await view.waitFor('D2 Acme Catering');
    await view.write(`${TAB}${TAB}12`);
    const other = await openStore(tmp.dir, { stderr: false });
    try {
      await other.edit('debtors', (d) => {
        d.debtors = d.debtors.filter((x) => x.code !== 'D2');
      });
    } finally {
      other.close();
    }
    const before = tmp.onDisk('contracts');
    await view.write(F10);
    const f = await view.waitFor('! Debtor: no debtor with code D2: deleted in another terminal?');
    expect(focusedOn('Debtor')(f)).toBe(true);
    expect(tmp.onDisk('contracts')).toEqual(before);
  });

  it('refuses a price that is not an amount, a negative one and too many decimals, at the field', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('contracts');
    await view.write(INS);
    await view.waitFor('Contracts › Add');
    await view.write(`${RIGHT}${TAB}${TAB}abc${TAB}`);
    let f = await view.waitFor('! Contract price: Enter an amount like 19.99 (at most 2 decimals) (got "abc")');
    expect(rowWith(f, 'Contract price')).toMatch(/^│ >!/);
    await view.write(`${CLEAR}-1${TAB}`);
    await view.waitFor('! Contract price: Amount cannot be negative');
    await view.write(`${CLEAR}1.999${F10}`);
    f = await view.waitFor((fr) => fr.includes('! Contract price: Enter an amount like 19.99') && fr.includes('"1.999"') && !fr.includes('Saving'));
    expect(focusedOn('Contract price')(f)).toBe(true);
    // Empty is refused too, saying what to enter.
    await view.write(`${CLEAR}${F10}`);
    await view.waitFor('(got "")');
    expect(tmp.onDisk('contracts')).toEqual(before);
    await view.write(`0${F10}`);
    await view.waitFor('Saved contract');
    expect(contracts(tmp)).toContainEqual({ debtor: 'D2', item: 'MILK2L', price: 0, excludeFromRebates: false });
  });

  it('edits the price and the flag; debtor and item are fixed', async () => {
    const { view, tmp } = await open();
    await view.write(`${DOWN}${ENTER}`);
    let f = await view.waitFor('Contracts › Edit D2 / COFFEE');
    expect(rowWith(f, 'Debtor')).toContain('D2 Acme Catering (fixed)');
    expect(rowWith(f, 'Item')).toContain('COFFEE Coffee 250g (fixed)');
    expect(focusedOn('Contract price')(f)).toBe(true);
    await view.write(`${CLEAR}85${TAB} `);
    await view.waitFor('[ ] No');
    await view.write(F10);
    f = await view.waitFor('Saved contract');
    expect(rowWith(f, 'COFFEE')).toMatch(/> D2 Acme Catering\s+COFFEE Coffee 250g\s+85\.00\s+No/);
    expect(contracts(tmp)).toEqual([CONTRACTS[0], { debtor: 'D2', item: 'COFFEE', price: 8500, excludeFromRebates: false }]);
  });
});

describe('Contracts: Find', () => {
  it('narrows as each key is typed, by debtor or item code, name or description; Enter edits the row found', async () => {
    const { view } = await open();
    await view.write(F3);
    let f = await view.waitFor('Find: type to narrow the list');
    expect(rowWith(f, 'Find')).toMatch(/Find\s.*2 of 2/);
    await view.write('acme');
    f = await view.waitFor('1 of 2');
    expect(f).toContain('COFFEE');
    expect(f).not.toContain('MILK2L');
    await view.write(`${CLEAR}milk`);
    f = await view.waitFor((fr) => fr.includes('1 of 2') && fr.includes('MILK2L'));
    expect(f).not.toContain('COFFEE');
    await view.write(`${BACKSPACE.repeat(4)}zzz`);
    f = await view.waitFor('0 of 2');
    expect(f).toContain('Nothing matches "zzz"');
    await view.write(`${CLEAR}d2 coffee${ENTER}`);
    await view.waitFor('Contracts › Edit D2 / COFFEE');
  });
});

describe('Contracts on the Main Menu', () => {
  it('shows Contracts after Inventory with its hot key C, which opens the screen', async () => {
    tmp = await openTempStore();
    await seed(tmp);
    view = await render(null, { services: services(tmp.store), stack: [mainMenuEntry(screenRegistry, services(tmp.store))], theme: { mono: true } });
    let f = await view.waitFor('[C] Contracts');
    const labels = f.split('\n').filter((l) => /\[[A-Z]\] /.test(l)).map((l) => /\[[A-Z]\] (.+?)\s{2}/.exec(l)?.[1]);
    expect(labels.slice(0, 4)).toEqual(['Point of Sale', 'Debtors', 'Inventory', 'Contracts']);
    await view.write('c');
    f = await view.waitFor('Main Menu › Contracts');
    expect(f).toContain('D1 Thandi Mokoena');
    await view.write(ESC);
    await view.waitFor((fr) => fr.includes('> [C] Contracts') || (fr.includes('[C] Contracts') && !fr.includes('Thandi')));
  });
});
