import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { backOffice } from '../../../src/store/back-office.js';
import { TillService } from '../../../src/store/till-service.js';
import { PostingAccountsScreen } from '../../../src/screens/setup/posting-accounts.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { render, type Rendered } from '../render.js';
import { ESC, F10, F4, RIGHT, TAB } from '../keys.js';
import { testRegistry } from '../kit/test-registry.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, services, tallestFrame, type TempStore } from '../forms/harness.js';

const OTHER_SALES = '1100.000.000.00';

let tmp: TempStore | undefined;
let view: Rendered | undefined;
let till: TillService | undefined;
afterEach(() => {
  till?.close();
  view?.unmount();
  tmp?.cleanup();
  till = undefined;
  view = undefined;
  tmp = undefined;
});

/** A store whose chart has a second income account, so Sales has somewhere else to go. */
async function open(): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  await tmp.store.edit('accounts', (d) => {
    d.accounts.push({ code: OTHER_SALES, name: 'Other Sales', type: 'income' });
  });
  view = await renderScreen(<PostingAccountsScreen />, tmp.store, 'Ledger Posting Accounts');
  return { view, tmp };
}

const settingsText = (t: TempStore) => readFileSync(path.join(t.dir, 'settings.json'), 'utf8');

/** The choices an open list shows (the rows below the field that carry no label). */
function listed(frame: string): string[] {
  return frame.split('\n').map((l) => /^│\s{20,}[> ] (\d{4}\.\d{3}\.\d{3}\.\d{2} .*?)\s*│$/.exec(l)?.[1]).filter((x): x is string => x !== undefined);
}

/** Esc on its own: followed at once by another key it would read as Alt+key. */
async function closeList(v: Rendered): Promise<void> {
  await v.write(ESC);
  await v.waitFor((f) => !f.includes('Enter choose'));
}

/** Another process on the same store, as a second terminal would be. */
async function otherTerminal(t: TempStore, change: (s: Awaited<ReturnType<typeof openStore>>) => Promise<unknown>): Promise<void> {
  const other = await openStore(t.dir, { stderr: false });
  try {
    await change(other);
  } finally {
    other.close();
  }
}

describe('Ledger Posting Accounts', () => {
  it('shows the breadcrumb, the accounts in use and what each posts', async () => {
    const { view } = await open();
    const f = view.frame();
    expect(f.split('\n')[0]).toContain('Main Menu › Utilities › Setup › Ledger Posting Accounts');
    expect(rowWith(f, 'Sales account')).toContain('< 1000.000.000.00 Sales >');
    expect(rowWith(f, 'VAT output account')).toContain('5000.000.000.00 VAT Output');
    expect(rowWith(f, 'Cash rounding account')).toContain('1500.000.000.00 Cash Rounding');
    expect(rowWith(f, 'Debtors control account')).toContain('3800.000.000.00 Debtors Control');
    expect(rowWith(f, 'Cash over and short account')).toContain('1510.000.000.00 Cash Over and');
    for (const note of ['sales excluding VAT are credited here', 'VAT charged on sales is credited here',
      'cash rounding of sales/refunds posts here', 'debtor payments are credited here']) {
      expect(f).toContain(note);
    }
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('offers only accounts of the right type', async () => {
    const { view } = await open();
    await view.write(F4);
    let f = await view.waitFor('> 1000.000.000.00 Sales');
    expect(listed(f)).toEqual(['1000.000.000.00 Sales', `${OTHER_SALES} Other Sales`]);
    await closeList(view);
    await view.write(`${TAB}${F4}`);
    f = await view.waitFor('> 5000.000.000.00 VAT Output');
    expect(listed(f)).toEqual(['5000.000.000.00 VAT Output', '5100.000.000.00 Loyalties Accrued', '5200.000.000.00 Loyalty Payouts Clearing',
      '5300.000.000.00 Gift Vouchers Issued']);
    await closeList(view);
    await view.write(`${TAB}${F4}`);
    // Expense or income, in chart order; the list shows six at a time.
    f = await view.waitFor('> 1500.000.000.00 Cash Rounding');
    expect(listed(f)).toEqual(['1000.000.000.00 Sales', '1500.000.000.00 Cash Rounding', '1510.000.000.00 Cash Over and Short', '2000.000.000.00 Cost of Sales',
      '3600.000.000.00 Loyalties Redeemed', `${OTHER_SALES} Other Sales`]);
    await closeList(view);
    await view.write(`${TAB}${F4}`);
    f = await view.waitFor('> 3800.000.000.00 Debtors Control');
    expect(listed(f)).toEqual(['3700.000.000.00 Cash on Hand Control', '3710.000.000.00 Card Clearing', '3720.000.000.00 Bank',
      '3800.000.000.00 Debtors Control']);
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('Accept writes the new sales account, and the next sale posts its sales line there', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('settings').ledger;
    await view.write(RIGHT);
    await view.waitFor(`< ${OTHER_SALES} Other Sales >`);
    await view.write(F10);
    await view.waitFor(MENU_TEXT);
    expect(tmp.onDisk('settings').ledger).toEqual({ ...before, sales: OTHER_SALES });
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);

    await tmp.store.edit('items', (d) => {
      d.items.push({ code: 'W1', barcode: '', description: 'Widget', price: 11500, taxRate: 1500 });
    });
    till = TillService.open(tmp.store, { till: 'T1', operator: 'system', now: () => new Date('2026-05-04T08:00:00Z') });
    till.scan('W1');
    expect(till.addTender('CASH')).not.toBeNull();
    const lines = readFileSync(path.join(tmp.dir, 'journals', 'T1.jsonl'), 'utf8').trim().split('\n');
    const record = JSON.parse(lines.at(-1)!.slice(9)) as { entries: { lines: { account: string; debit: number; credit: number }[] }[] };
    const posted = record.entries.flatMap((e) => e.lines);
    expect(posted).toContainEqual(expect.objectContaining({ account: OTHER_SALES, credit: 10000 }));
    expect(posted.some((l) => l.account === '1000.000.000.00')).toBe(false);
    const rows = backOffice(tmp.store).trialBalance().rows;
    expect(rows.find((r) => r.account === OTHER_SALES)?.balance).toBe(-10000);
    expect(rows.find((r) => r.account === '1000.000.000.00')?.balance).toBe(0);
    expect(rows.find((r) => r.account === '5000.000.000.00')?.balance).toBe(-1500);
  });

  it('refuses at the field an account another terminal removed meanwhile, and writes nothing', async () => {
    const { view, tmp } = await open();
    const before = settingsText(tmp);
    await view.write(RIGHT);
    await view.waitFor(`< ${OTHER_SALES} Other Sales >`);
    await otherTerminal(tmp, (o) => o.edit('accounts', (d) => {
      d.accounts = d.accounts.filter((a) => a.code !== OTHER_SALES);
    }));
    await view.write(`${TAB}${F10}`);
    const f = await view.waitFor(`! Sales account: ${OTHER_SALES} is no longer in the chart of accounts`);
    expect(rowWith(f, 'Sales account')).toMatch(/>!/);
    expect(f).not.toContain(MENU_TEXT);
    expect(settingsText(tmp)).toBe(before);
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it("writes only the accounts changed here: another terminal's change to another one survives", async () => {
    const { view, tmp } = await open();
    await otherTerminal(tmp, (o) => o.edit('settings', (d) => {
      d.ledger.vatOutput = '5300.000.000.00';
    }));
    await view.write(`${TAB}${TAB}${TAB}${RIGHT}`);
    await view.waitFor('< 3700.000.000.00 Cash on Hand Control >');
    await view.write(F10);
    await view.waitFor(MENU_TEXT);
    const ledger = tmp.onDisk('settings').ledger;
    expect(ledger.debtorsControl).toBe('3700.000.000.00');
    expect(ledger.vatOutput).toBe('5300.000.000.00');
    expect(ledger.sales).toBe('1000.000.000.00');
  });

  it('Esc after a change asks first; y leaves without writing', async () => {
    const { view, tmp } = await open();
    const before = settingsText(tmp);
    await view.write(RIGHT);
    await view.waitFor(`< ${OTHER_SALES} Other Sales >`);
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    await view.write('y');
    await view.waitFor(MENU_TEXT);
    expect(settingsText(tmp)).toBe(before);
  });

  it('opens from Utilities > Setup with p', async () => {
    tmp = await openTempStore();
    const svc = services(tmp.store);
    view = await render(null, { services: svc, stack: [mainMenuEntry(screenRegistry, svc)] });
    await view.write('u');
    await view.waitFor('Company Details');
    await view.write('s');
    await view.waitFor('Ledger Posting Accounts');
    await view.write('p');
    const f = await view.waitFor((fr) => (fr.split('\n')[0] ?? '').includes('Setup › Ledger Posting Accounts'));
    expect(f).toContain('Debtors control account');
  });

  it('is offered disabled by a registry without it', async () => {
    tmp = await openTempStore();
    const svc = services(tmp.store);
    view = await render(null, { services: svc, stack: [mainMenuEntry(testRegistry, svc)] });
    await view.write('u');
    await view.waitFor('Company Details');
    await view.write('s');
    const menu = await view.waitFor('Ledger Posting Accounts');
    expect(rowWith(menu, 'Ledger Posting Accounts')).toContain('(unavailable)');
    await view.write('p');
    await view.waitFor('Ledger Posting Accounts: not available in this session');
  });
});
