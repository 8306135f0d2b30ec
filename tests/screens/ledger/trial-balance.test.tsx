import { afterEach, describe, expect, it } from 'vitest';
import type { TrialBalance } from '../../../src/engine/ledger/index.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { TrialBalanceScreen } from '../../../src/screens/ledger/trial-balance.js';
import { balanceText, balancedText } from '../../../src/screens/ledger/trial-balance-rows.js';
import { render, type Rendered } from '../render.js';
import { END, ESC, HOME, PGDN, PGUP } from '../keys.js';
import { MENU_TEXT, renderScreen, rowWith, services, tallestFrame } from '../forms/harness.js';
import { ACC, openBooks, type Books } from './ledger-harness.js';

let books: Books | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  books?.close();
  view = undefined;
  books = undefined;
});

const row = (f: string, code: string): string => rowWith(f, code);

describe('Ledger > Trial Balance', () => {
  it('shows every account with the balances the two sales give, the totals and Balanced', async () => {
    books = await openBooks();
    view = await renderScreen(<TrialBalanceScreen />, books.tmp.store, 'Trial Balance');
    const f = await view.waitFor('Totals');
    expect(f.split('\n')[0]).toMatch(/Main Menu › Ledger › Trial Balance\s/);
    expect(rowWith(f, 'Account')).toMatch(/Account\s+Name\s+Type\s+Debit\s+Credit\s+Balance/);
    // Cash 115.00 + account 230.00 = 345.00 of sales incl. VAT: 300.00 sales, 45.00 VAT.
    expect(row(f, ACC.cash)).toMatch(/Cash on Hand C.\s+asset\s+115\.00\s+0\.00\s+115\.00 Dr/);
    expect(row(f, ACC.debtors)).toMatch(/Debtors Control\s+asset\s+230\.00\s+0\.00\s+230\.00 Dr/);
    expect(row(f, ACC.sales)).toMatch(/Sales\s+income\s+0\.00\s+300\.00\s+300\.00 Cr/);
    expect(row(f, ACC.vat)).toMatch(/VAT Output\s+liability\s+0\.00\s+45\.00\s+45\.00 Cr/);
    expect(row(f, ACC.card)).toMatch(/Card Clearing\s+asset\s+0\.00\s+0\.00\s+0\.00/);
    expect(row(f, 'Totals')).toMatch(/14 accounts\s+345\.00\s+345\.00\s+0\.00/);
    expect(f).toContain('Balanced: total debits = total credits');
    expect(f).not.toContain('NOT BALANCED');
    expect(f).toContain('Accounts 1-14 of 14');
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('pages a chart longer than the screen with PgUp/PgDn, Home and End', async () => {
    books = await openBooks();
    await books.tmp.store.edit('accounts', (d) => {
      for (let i = 1; i <= 10; i += 1) d.accounts.push({ code: `4${String(i).padStart(3, '0')}.000.000.00`, name: `Extra ${i}`, type: 'expense' });
    });
    view = await renderScreen(<TrialBalanceScreen />, books.tmp.store, 'Trial Balance');
    // 19 content rows less 5 around the accounts: 14 a page.
    let f = await view.waitFor('Accounts 1-14 of 24');
    expect(f).toContain("Owner's Equity");
    expect(f).not.toContain('Extra 1 ');
    await view.write(PGDN);
    f = await view.waitFor('Accounts 11-24 of 24');
    expect(f).toContain('Extra 1 ');
    expect(f).toContain('Extra 10');
    expect(row(f, 'Totals')).toMatch(/24 accounts\s+345\.00\s+345\.00/);
    await view.write(PGDN);
    await view.waitFor('This is the last page');
    await view.write(PGUP);
    await view.waitFor('Accounts 1-14 of 24');
    await view.write(END);
    await view.waitFor('Accounts 11-24 of 24');
    await view.write(HOME);
    await view.waitFor('Accounts 1-14 of 24');
  });

  it('says NOT BALANCED in words, with a mark, when debits and credits differ', () => {
    const tb: TrialBalance = {
      rows: [{ account: ACC.cash, name: 'Cash', type: 'asset', debit: 1000, credit: 0, balance: 1000 }],
      totals: { debit: 1000, credit: 0, balance: 1000 },
      balanced: false,
    };
    expect(balancedText(tb, 2, '!')).toBe('! NOT BALANCED: debits and credits differ by 10.00');
    expect(balancedText({ ...tb, totals: { debit: 5, credit: 5, balance: 0 }, balanced: true }, 2, '!')).toMatch(/^Balanced/);
    expect(balanceText(-150, 2)).toBe('1.50 Cr');
    expect(balanceText(150, 2)).toBe('1.50 Dr');
    expect(balanceText(0, 0)).toBe('0');
  });
});

describe('the Ledger menu', () => {
  it('offers Journal (j) and Trial Balance (t) beside Account Maintenance', async () => {
    books = await openBooks();
    const svc = services(books.tmp.store);
    view = await render(null, { services: svc, stack: [mainMenuEntry(screenRegistry, svc)] });
    let f = await view.waitFor('Ledger');
    expect(rowWith(f, 'Ledger')).toContain('Account Maintenance, Journal, Trial Balance');
    await view.write('l');
    f = await view.waitFor('Journal');
    expect(f).toContain('Account Maintenance');
    expect(f).toContain('Trial Balance');
    await view.write('j');
    // The Journal opens on today only (the real clock's day here: neither sale is from today).
    f = await view.waitFor('Filter: today only');
    expect(f).toContain('No entries match');
    expect(f.split('\n')[0]).toMatch(/Main Menu › Ledger › Journal\s/);
    await view.write(ESC);
    await view.waitFor((fr) => fr.includes('Trial Balance') && !fr.includes('Entries'));
    await view.write('t');
    f = await view.waitFor('Balanced');
    expect(f.split('\n')[0]).toMatch(/Main Menu › Ledger › Trial Balance\s/);
  });
});
