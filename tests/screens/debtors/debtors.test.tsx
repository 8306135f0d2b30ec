import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../../src/engine/types.js';
import type { Debtor } from '../../../src/store/documents-types.js';
import { DebtorsScreen } from '../../../src/screens/debtors/debtors.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { TillService } from '../../../src/store/till-service.js';
import { render, type Rendered } from '../render.js';
import { BACKSPACE, DEL, ENTER, ESC, F3, F10, INS, PGDN, RIGHT, TAB } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, services, tallestFrame, type TempStore } from '../forms/harness.js';

const CLEAR = '\x15'; // Ctrl+U empties the focused field

const TIERS = [
  { target: 20000, rate: 250 },
  { target: 50000, rate: 300 },
  { target: 100000, rate: 400 },
  { target: 200000, rate: 500 },
];

const debtor = (code: string, name: string, cellphone: string, loyalty: Partial<Debtor['loyalty']> = {}): Debtor => ({
  code, name, cellphone, email: '',
  account: { creditLimit: 0, onHold: false },
  loyalty: { applicable: 'no', excludeFromContracts: false, tiers: [], switchedOnAt: null, ...loyalty },
});

const DEBTORS: Debtor[] = [
  debtor('D1', 'Thandi Mokoena', '+27821234567', { applicable: 'monthly-payment', tiers: TIERS, switchedOnAt: '2026-01-01T00:00:00Z' }),
  debtor('D2', 'Acme Catering', '0830000000'),
];
const ITEMS: Item[] = [
  { code: 'P1', barcode: '', description: 'Loyalty item', price: 10000, taxRate: 1500, loyalty: { loyaltyApplicable: true } },
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
}

async function open(before?: (t: TempStore) => void): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  await seed(tmp);
  before?.(tmp);
  view = await renderScreen(<DebtorsScreen />, tmp.store, 'Debtors');
  await view.waitFor('Thandi');
  return { view, tmp };
}

const focusedOn = (label: string) => (f: string): boolean => rowWith(f, label).startsWith('│ >');
const debtors = (t: TempStore): Debtor[] => t.onDisk('debtors').debtors;

describe('Debtors: the list', () => {
  it('shows code, name, cellphone, loyalty applicable and Available under Main Menu > Debtors', async () => {
    const { view } = await open();
    const f = view.frame();
    expect(f.split('\n')[0]).toMatch(/Main Menu › Debtors\s/);
    expect(rowWith(f, 'Code')).toMatch(/Code\s+Name\s+Cellphone\s+Loyalty applicable\s+Available/);
    expect(rowWith(f, 'D1 ')).toMatch(/> D1\s+Thandi Mokoena\s+\+27821234567\s+Monthly Payment\s+0\.00/);
    expect(rowWith(f, 'D2 ')).toMatch(/D2\s+Acme Catering\s+0830000000\s+No\s+0\.00/);
    await view.write(DEL);
    await view.waitFor('Delete: debtors are not deleted');
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('Find narrows by code, name or cellphone as each key is typed; Enter edits the row found', async () => {
    const { view } = await open();
    await view.write(F3);
    let f = await view.waitFor('Find: type to narrow the list');
    expect(rowWith(f, 'Find')).toMatch(/2 of 2/);
    await view.write('acme');
    f = await view.waitFor('1 of 2');
    expect(f).toContain('Acme Catering');
    expect(f).not.toContain('Thandi');
    await view.write(`${CLEAR}821234`);
    f = await view.waitFor((fr) => fr.includes('1 of 2') && fr.includes('Thandi'));
    expect(f).not.toContain('Acme');
    await view.write(`${BACKSPACE.repeat(6)}zzz`);
    f = await view.waitFor('0 of 2');
    expect(f).toContain('Nothing matches "zzz"');
    await view.write(`${CLEAR}d2${ENTER}`);
    await view.waitFor('Debtors › Edit D2');
  });
});

describe('Debtors: the Debtor file', () => {
  it('adds a debtor through the form (General, Account, Loyalty) and writes debtors.json', async () => {
    const { view, tmp } = await open();
    await view.write(INS);
    let f = await view.waitFor('Debtors › Add');
    expect(f).toMatch(/General.*Account.*Loyalty/);
    await view.write(`D3${TAB}Sipho Dlamini${TAB}+27831112222${TAB}sipho@example.co.za${TAB}`);
    f = await view.waitFor(focusedOn('Credit limit'));
    expect(f).toContain('Account balance');
    await view.write(`${CLEAR}1500${TAB} `);
    await view.waitFor('[x] Yes');
    await view.write(PGDN);
    f = await view.waitFor(focusedOn('Loyalty Applicable'));
    await view.write(RIGHT);
    await view.waitFor('Monthly - Journal Account');
    await view.write(`${TAB}${TAB}200${TAB}2.5${TAB}500${TAB}3${TAB}`);
    f = await view.waitFor(focusedOn('Target 3'));
    expect(f).toContain('Loyalties Month to Date');
    expect(f).toContain('(not switched on)');
    const before = Date.now();
    await view.write(F10);
    f = await view.waitFor('Saved debtor D3');
    expect(rowWith(f, 'D3 ')).toMatch(/> D3\s+Sipho Dlamini\s+\+27831112222\s+Monthly Journal\s+0\.00/);
    const d3 = debtors(tmp).find((d) => d.code === 'D3')!;
    expect(d3).toMatchObject({
      code: 'D3', name: 'Sipho Dlamini', cellphone: '+27831112222', email: 'sipho@example.co.za',
      account: { creditLimit: 150000, onHold: true },
      loyalty: { applicable: 'monthly-journal', excludeFromContracts: false, tiers: [{ target: 20000, rate: 250 }, { target: 50000, rate: 300 }] },
    });
    // Switched on from No: the time of the change, as the import does.
    expect(Date.parse(d3.loyalty.switchedOnAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('refuses a target without a percentage, and a descending target, at the field; nothing is saved', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('debtors');
    await view.write(INS);
    await view.waitFor('Debtors › Add');
    await view.write(`D4${TAB}Nomsa${TAB}`);
    await view.write(`${PGDN}${PGDN}`);
    await view.waitFor(focusedOn('Loyalty Applicable'));
    await view.write(`${RIGHT}${TAB}${TAB}200${TAB}${TAB}`);
    let f = await view.waitFor('! Percentage 1: is needed with Target 1: enter a percentage');
    expect(focusedOn('Percentage 1')(f)).toBe(true);
    await view.write(F10);
    f = await view.waitFor((fr) => fr.includes('! Percentage 1: is needed with Target 1') && !fr.includes('Saving'));
    expect(focusedOn('Percentage 1')(f)).toBe(true);
    expect(tmp.onDisk('debtors')).toEqual(before);
    // A descending target is refused where it is typed, before its percentage.
    await view.write(`2.5${TAB}150${TAB}`);
    f = await view.waitFor('! Target 2: must be more than Target 1 (R200.00): targets ascend strictly');
    expect(focusedOn('Target 2')(f)).toBe(true);
    await view.write(F10);
    f = await view.waitFor((fr) => fr.includes('! Target 2: must be more than Target 1') && !fr.includes('Saving'));
    expect(focusedOn('Target 2')(f)).toBe(true);
    // A percentage over 100 is refused too (the import's words).
    await view.write(`${CLEAR}300${TAB}150${TAB}`);
    await view.waitFor('! Percentage 2: enter a percentage from 0 to 100');
    expect(tmp.onDisk('debtors')).toEqual(before);
    await view.write(`${CLEAR}3${F10}`);
    await view.waitFor('Saved debtor D4');
    expect(debtors(tmp).find((d) => d.code === 'D4')?.loyalty.tiers).toEqual([{ target: 20000, rate: 250 }, { target: 30000, rate: 300 }]);
  });

  it('refuses a bad cellphone, a bad email and a taken code at the field', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('debtors');
    await view.write(INS);
    await view.waitFor('Debtors › Add');
    await view.write(`D1${TAB}`);
    await view.waitFor('! Code: debtor D1 already exists');
    await view.write(`${CLEAR}D5${TAB}Lerato${TAB}123${TAB}`);
    let f = await view.waitFor('! Cellphone: "123" must be 7-15 digits with an optional leading +');
    expect(focusedOn('Cellphone')(f)).toBe(true);
    await view.write(F10);
    f = await view.waitFor((fr) => fr.includes('! Cellphone: "123"') && !fr.includes('Saving'));
    expect(focusedOn('Cellphone')(f)).toBe(true);
    await view.write(`${CLEAR}${TAB}a@b${TAB}`);
    await view.waitFor('! Email: "a@b" is not an email address');
    expect(tmp.onDisk('debtors')).toEqual(before);
    await view.write(`${CLEAR}${F10}`);
    await view.waitFor('Saved debtor D5');
    expect(debtors(tmp).find((d) => d.code === 'D5')).toMatchObject({ name: 'Lerato', cellphone: '', email: '', loyalty: { applicable: 'no', switchedOnAt: null } });
  });

  it('shows the five balances from the loyalty book: a sale with the debtor attached earns Month to Date', async () => {
    let earned = 0;
    const { view, tmp } = await open((t) => {
      const till = TillService.open(t.store, { till: 'T1', operator: 'system', now: () => new Date() });
      try {
        till.attachDebtor('D1');
        till.scan('P1', 1);
        const sale = till.addTender('CARD')!;
        earned = sale.loyalty?.earned ?? 0;
      } finally {
        till.close();
      }
    });
    expect(earned).toBe(250);
    await view.write(ENTER);
    await view.waitFor('Debtors › Edit D1');
    await view.write(`${PGDN}${PGDN}`);
    await view.waitFor(focusedOn('Loyalty Applicable'));
    // On a target the key line goes, and every row of the tab fits.
    await view.write(`${TAB}${TAB}`);
    const f = await view.waitFor(focusedOn('Target 1'));
    expect(rowWith(f, 'Loyalty Applicable')).toContain('Monthly - Use As Payment');
    expect(rowWith(f, 'Target 1')).toContain('200.00');
    expect(rowWith(f, 'Percentage 4')).toContain('5');
    expect(rowWith(f, 'Switched on')).toMatch(/2026-01-01 \d\d:00/);
    expect(rowWith(f, 'Loyalties Month to Date')).toContain('R2.50');
    expect(rowWith(f, 'Loyalties Pending Accrual')).toContain('R0.00');
    expect(rowWith(f, 'Loyalties Accrued')).toContain('R0.00');
    expect(rowWith(f, 'Loyalties Redeemed')).toContain('R0.00');
    expect(rowWith(f, 'Loyalties Available')).toContain('R0.00');
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
    // Editing keeps the switch-on time while loyalty stays on.
    await view.write(F10);
    await view.waitFor('Saved debtor D1');
    expect(debtors(tmp).find((d) => d.code === 'D1')?.loyalty.switchedOnAt).toBe('2026-01-01T00:00:00Z');
    expect(tmp).toBeDefined();
  });
});

describe('Debtors on the Main Menu', () => {
  it('shows Debtors between Point of Sale and Inventory with its hot key D, which opens the screen', async () => {
    tmp = await openTempStore();
    await seed(tmp);
    view = await render(null, { services: services(tmp.store), stack: [mainMenuEntry(screenRegistry, services(tmp.store))], theme: { mono: true } });
    let f = await view.waitFor('[D] Debtors');
    const labels = f.split('\n').filter((l) => /\[[A-Z]\] /.test(l)).map((l) => /\[[A-Z]\] (.+?)\s{2}/.exec(l)?.[1]);
    expect(labels.slice(0, 3)).toEqual(['Point of Sale', 'Debtors', 'Inventory']);
    await view.write('d');
    f = await view.waitFor('Main Menu › Debtors');
    expect(f).toContain('Thandi Mokoena');
    await view.write(ESC);
    await view.waitFor((fr) => fr.includes('[D] Debtors') && !fr.includes('Thandi'));
  });
});
