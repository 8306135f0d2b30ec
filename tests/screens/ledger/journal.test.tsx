import { afterEach, describe, expect, it } from 'vitest';
import { JournalScreen } from '../../../src/screens/ledger/journal.js';
import { journalFilterOf, localDateText, parseLocalDate, todayFilter } from '../../../src/screens/ledger/journal-filter-fields.js';
import { backOffice } from '../../../src/store/back-office.js';
import type { Rendered } from '../render.js';
import { END, ESC, F3, F10, HOME, LEFT, PGDN, PGUP, RIGHT, TAB } from '../keys.js';
import { MENU_TEXT, renderScreen, rowWith, tallestFrame } from '../forms/harness.js';
import { ACC, ZONE, openBooks, type Books } from './ledger-harness.js';

const CLEAR = '\x15'; // Ctrl+U empties the focused field

let books: Books | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  books?.close();
  view = undefined;
  books = undefined;
});

/** The app clock the Journal takes "today" from: 12:00 on 2026-05-06 at the shop (UTC+2). */
const NOW = new Date('2026-05-06T10:00:00Z');

async function open(): Promise<{ view: Rendered; books: Books }> {
  books = await openBooks();
  backOffice(books.tmp.store, () => NOW);
  view = await renderScreen(<JournalScreen />, books.tmp.store, 'Journal');
  await view.waitFor('Entries');
  return { view, books };
}

/** Columns of a line row: account, name, debit, credit (blank when 0), memo. */
const line = (account: string, name: string, debit: string, credit: string) =>
  new RegExp(`${account.replace(/\./g, '\\.')} ${name}\\s+${debit === '' ? '' : `${debit.replace('.', '\\.')}\\s+`}${credit === '' ? '' : credit.replace('.', '\\.')}`);

/** Opens the filter, sets each given field (typed text, or keys for a choice), accepts. */
async function filter(v: Rendered, keys: string): Promise<void> {
  await v.write(F3);
  await v.waitFor('Journal › Filter');
  await v.write(keys);
  await v.write(F10);
  await v.waitFor((f) => !f.includes('Journal › Filter'));
}

describe('Ledger > Journal', () => {
  it('opens on today only, and with the dates cleared on every sale with its lines, debits and credits to the cent', async () => {
    const { view, books } = await open();
    const cash = books.cashSale.saleNumber;
    const acct = books.accountSale.saleNumber;
    let f = view.frame();
    expect(f.split('\n')[0]).toMatch(/Main Menu › Ledger › Journal\s/);
    // Today at the shop is 2026-05-06: the account sale (00:30 there), not the cash sale of the 4th.
    expect(f).toContain('Filter: today only (2026-05-06; F3 for other dates)');
    expect(f).toContain('Entries 1-1 of 1');
    expect(rowWith(f, acct)).toMatch(new RegExp(`2026-05-06 00:30\\s+${acct}\\s+sale`));
    expect(f).not.toContain(cash);
    // The filter form holds today in both dates; emptying them shows every entry.
    await filter(view, `${CLEAR}${TAB}${CLEAR}`);
    f = await view.waitFor('Filter: none (every entry)');
    // Oldest first within the page; times on the shop's clock (UTC+2).
    expect(rowWith(f, cash)).toMatch(new RegExp(`2026-05-04 10:00\\s+${cash}\\s+sale\\s+Sale ${cash}`));
    expect(rowWith(f, acct)).toMatch(new RegExp(`2026-05-06 00:30\\s+${acct}\\s+sale`));
    expect(f.indexOf(cash)).toBeLessThan(f.indexOf(acct));
    const rows = f.split('\n');
    const first = rows.findIndex((r) => r.includes(`Sale ${cash}`));
    // R115.00 cash: Dr cash 115.00 / Cr sales 100.00 / Cr VAT 15.00.
    expect(rows[first + 1]).toMatch(line(ACC.cash, 'Cash on Hand Control', '115.00', ''));
    expect(rows[first + 2]).toMatch(line(ACC.sales, 'Sales', '', '100.00'));
    expect(rows[first + 3]).toMatch(line(ACC.vat, 'VAT Output', '', '15.00'));
    expect(rows[first + 3]).toContain('VAT 15%');
    const second = rows.findIndex((r) => r.includes(`Sale ${acct}`));
    // 2 x R115.00 on account: Dr Debtors Control 230.00 / Cr sales 200.00 / Cr VAT 30.00.
    expect(rows[second + 1]).toMatch(line(ACC.debtors, 'Debtors Control', '230.00', ''));
    expect(rows[second + 2]).toMatch(line(ACC.sales, 'Sales', '', '200.00'));
    expect(rows[second + 3]).toMatch(line(ACC.vat, 'VAT Output', '', '30.00'));
    expect(rowWith(f, 'Totals of the 2 entries shown')).toMatch(/345\.00\s+345\.00/);
    expect(f).toContain('Entries 1-2 of 2');
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('filters narrow it: dates in the shop time zone, account, source and kind', async () => {
    const { view, books } = await open();
    const cash = books.cashSale.saleNumber;
    const acct = books.accountSale.saleNumber;
    // From 2026-05-06, To empty: only the account sale, which is 22:30 on the 5th in UTC but the 6th at the shop.
    await filter(view, `${CLEAR}2026-05-06${TAB}${CLEAR}`);
    let f = await view.waitFor('Entries 1-1 of 1');
    expect(f).toContain('Filter: 2026-05-06 to today');
    expect(f).toContain(acct);
    expect(f).not.toContain(`Sale ${cash}`);
    expect(rowWith(f, 'Totals of the 1 entry shown')).toMatch(/230\.00\s+230\.00/);
    // To 2026-05-05 only (the From cleared): only the cash sale.
    await filter(view, `${CLEAR}${TAB}2026-05-05`);
    f = await view.waitFor((fr) => fr.includes('start to 2026-05-05'));
    expect(f).toContain('Entries 1-1 of 1');
    expect(f).toContain(`Sale ${cash}`);
    expect(f).not.toContain(acct);
    // Account Debtors Control (9th in the chart), no dates: the account sale.
    await filter(view, `${TAB}${CLEAR}${TAB}${RIGHT.repeat(9)}`);
    f = await view.waitFor((fr) => fr.includes(`account ${ACC.debtors}`));
    expect(f).toContain('Entries 1-1 of 1');
    expect(f).toContain(acct);
    // Source: the cash sale's number, any account.
    await filter(view, `${TAB}${TAB}${LEFT.repeat(9)}${TAB}${cash}`);
    f = await view.waitFor((fr) => fr.includes(`source ${cash}`));
    expect(f).not.toContain(`account ${ACC.debtors}`);
    expect(f).toContain('Entries 1-1 of 1');
    expect(f).toContain(`Sale ${cash}`);
    // Kind payment (third kind), source cleared: nothing matches.
    await filter(view, `${TAB}${TAB}${TAB}${CLEAR}${TAB}${RIGHT.repeat(3)}`);
    f = await view.waitFor('No entries match');
    expect(f).toContain('kind payment');
    expect(rowWith(f, 'Totals of the 0 entries shown')).toMatch(/0\.00\s+0\.00/);
  });

  it('refuses bad filter input at the field, saying what is allowed', async () => {
    const { view } = await open();
    await view.write(F3);
    await view.waitFor('Journal › Filter');
    await view.write(`${CLEAR}2026-02-30${TAB}`);
    let f = await view.waitFor('From date: a calendar date as YYYY-MM-DD');
    expect(rowWith(f, 'From date')).toMatch(/^│ >!/);
    await view.write(`${CLEAR}2026-05-06${TAB}${CLEAR}2026-05-01${TAB}`);
    f = await view.waitFor('To date: must be on or after the From date (2026-05-06)');
    await view.write(`${CLEAR}${TAB}${TAB}T1 000001${TAB}`);
    f = await view.waitFor('Source: a sale or refund number or document');
    await view.write(F10);
    await view.waitFor((fr) => fr.includes('Source: a sale') && fr.includes('Journal › Filter'));
    expect(view.frame()).toContain('Journal › Filter');
  });

  it('pages with PgUp (older) and PgDn (newer), whole entries only, within 24 rows', async () => {
    books = await openBooks();
    backOffice(books.tmp.store, () => NOW);
    // Today's: the account sale and 8 card sales (the till's clock stays at 00:30 on the 6th).
    for (let i = 0; i < 8; i += 1) {
      books.till.scan('P1');
      books.till.addTender('CARD');
    }
    view = await renderScreen(<JournalScreen />, books.tmp.store, 'Journal');
    // 9 entries of 4 rows each; 13 rows for entries: 3 a page, the newest 3 first.
    let f = await view.waitFor('Entries 7-9 of 9');
    expect(rowWith(f, 'Totals of the 3 entries shown')).toMatch(/345\.00\s+345\.00/);
    await view.write(PGUP);
    f = await view.waitFor('Entries 4-6 of 9');
    await view.write(`${PGUP}${PGUP}`);
    f = await view.waitFor('Entries 1-3 of 9');
    expect(f).toContain(`Sale ${books.accountSale.saleNumber}`);
    expect(f).not.toContain(books.cashSale.saleNumber); // the 4th, not today
    await view.write(PGUP);
    await view.waitFor('This is the oldest page');
    await view.write(PGDN);
    await view.waitFor('Entries 4-6 of 9');
    await view.write(END);
    await view.waitFor('Entries 7-9 of 9');
    await view.write(PGDN);
    await view.waitFor('This is the newest page');
    await view.write(HOME);
    await view.waitFor('Entries 1-3 of 9');
  });
});

describe('the filter as the engine gets it', () => {
  it('turns local days into half-open instants in the store time zone', () => {
    expect(journalFilterOf({ from: '2026-05-06', to: '2026-05-06', account: '', source: '', kind: '' }, ZONE))
      .toEqual({ from: '2026-05-05T22:00:00.000Z', to: '2026-05-06T22:00:00.000Z' });
    expect(journalFilterOf({ from: '', to: '', account: ACC.cash, source: ' T1-000001 ', kind: 'payment' }, ZONE))
      .toEqual({ account: ACC.cash, source: 'T1-000001', kind: 'payment' });
    expect(parseLocalDate('2026-02-29')).toBeNull();
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(() => journalFilterOf({ from: '06/05/2026' }, ZONE)).toThrow(/From date: a calendar date/);
  });

  it('opens on today in the store time zone, which is not always the UTC day', () => {
    // 23:30 UTC on 2026-05-05 is already the 6th in Johannesburg.
    const late = Date.parse('2026-05-05T23:30:00Z');
    expect(localDateText(late, ZONE)).toBe('2026-05-06');
    expect(localDateText(late, 'UTC')).toBe('2026-05-05');
    expect(journalFilterOf(todayFilter(late, ZONE), ZONE)).toEqual({ from: '2026-05-05T22:00:00.000Z', to: '2026-05-06T22:00:00.000Z' });
  });
});
