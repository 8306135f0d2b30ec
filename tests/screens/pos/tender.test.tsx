// Tender and slip at 80x24 over a real till session: cash with change, split card + cash, tenders
// the engine refuses, cash rounding, the slip on screen and the next sale.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEL, DOWN, ENTER, ESC, F1, F2, PGDN, SHIFT_F9, ctrl } from '../keys.js';
import type { Rendered } from '../render.js';
import { framesFit, openTill, renderPos, type TillFixture } from './till-fixture.js';

let view: Rendered | undefined;
let f: TillFixture | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  f?.close();
  f = undefined;
});

const state = () => f!.till.getState();
/** The hint bar: the last row of the 80x24 frame. */
const hintBar = (frame: string) => frame.split('\n')[23] ?? '';

async function ringUp(keys: string, until: string): Promise<Rendered> {
  f = await openTill();
  const v = await renderPos(f);
  await v.write(keys);
  await v.waitFor(until);
  return v;
}

describe('POS tender', () => {
  it('takes cash with change, shows the change large and the slip with its files', async () => {
    view = await ringUp(`MILK${ENTER}BREAD${ENTER}`, 'White Bread');
    await view.write(F2);
    await view.waitFor('Choose a tender');
    await view.write('c');
    await view.waitFor('Amount on CASH:');
    expect(view.frame()).toContain('(Enter = R35.49)');
    await view.write(`100${ENTER}`);
    const frame = await view.waitFor('Sale T1-000001 complete');
    expect(frame).toContain('CHANGE');
    expect(frame).toContain('change R64.51'); // status line
    // The large figures: "64.51" drawn over three rows.
    expect(frame).toContain(' _       _ ');
    expect(frame).toContain('SALE T1-000001'); // the slip itself
    expect(frame).toContain('Corner Store');
    const sale = state().last;
    expect(sale).toMatchObject({ kind: 'sale', saleNumber: 'T1-000001', change: 6451 });
    const paths = f!.till.slipPaths(sale!);
    expect(frame).toContain(paths.w40.slice(-40));
    expect(fs.readFileSync(paths.w40, 'utf8')).toContain('CHANGE');
    expect(framesFit(view, 24, 80)).toBe(true);
  });

  it('scrolls the slip, and any key starts the next sale (a scan typed at once lands in it)', async () => {
    view = await ringUp(`MILK${ENTER}BREAD${ENTER}EGGS${ENTER}`, 'Large Eggs');
    await view.write(`${F2}c${ENTER}`);
    let frame = await view.waitFor('complete');
    expect(frame).toContain('Slip rows 1-');
    await view.write(PGDN);
    frame = await view.waitFor((x) => !x.includes('Slip rows 1-'));
    expect(frame).toContain('taxable');
    expect(frame).toContain('Sale T1-000001 complete');
    await view.write(`SUGAR${ENTER}`);
    frame = await view.waitFor('Added 1 x Brown Sugar 2kg');
    expect(state().sale?.lines.map((l) => l.itemCode)).toEqual(['SUGAR']);
    expect(frame).toContain('ENTRY');
    expect(frame).not.toContain('CHANGE');
  });

  it('picks a tender by its letter as the hint bar and help say; digits and other characters are refused', async () => {
    view = await ringUp(`MILK${ENTER}`, 'Full Cream');
    await view.write(F2);
    let frame = await view.waitFor('Choose a tender');
    expect(hintBar(frame)).toContain('Letter Pick');
    expect(hintBar(frame)).not.toContain('1-9');
    expect(hintBar(frame)).not.toContain('F2 Tender');
    expect(frame).toMatch(/> \[C\] CASH/); // no number in front of the tender any more
    await view.write(F1);
    frame = await view.waitFor('Help: Tender');
    expect(frame).toMatch(/Letter\s+Pick: Choose a tender by its letter \(or Up\/Down and Enter\)/);
    await view.write(ESC);
    await view.waitFor('Choose a tender');
    await view.write('x');
    await view.waitFor('No tender on "x": press a tender');
    await view.write(`${DOWN}2`); // a digit picks nothing
    await view.waitFor('Ignored "2"');
    expect(view.frame()).not.toContain('Amount on');
    await view.write(ENTER); // the Enter after stray typing is refused too
    await view.write(ENTER); // a lone Enter takes the selected tender
    await view.waitFor('Amount on CARD:');
    await view.write(ESC);
    await view.waitFor('Choose a tender');
    await view.write('C'); // a letter in either case
    await view.waitFor('Amount on CASH:');
  });

  it('a barcode scanned on the tender screen changes nothing but the status line', async () => {
    view = await ringUp(`MILK${ENTER}`, 'Full Cream');
    await view.write(F2);
    await view.waitFor('Choose a tender');
    const before = JSON.stringify(state());
    await view.write('6001000000018\r');
    const frame = await view.waitFor('Ignored "6001000000018"');
    expect(frame).toContain('Choose a tender');
    expect(frame).not.toContain('Amount on');
    expect(JSON.stringify(state())).toBe(before);
    expect(state().sale?.tenders).toEqual([]);
    expect(state().last).toBeNull();
    // The screen still works as before: c Enter pays the balance in cash.
    await view.write(`c${ENTER}`);
    await view.waitFor('Sale T1-000001 complete');
    expect(state().last).toMatchObject({ tenders: [{ tenderCode: 'CASH', amount: 1899 }] });
  });

  it('the slip has its own hint bar: reprint, next sale, scroll; Reprint keeps the slip', async () => {
    view = await ringUp(`MILK${ENTER}BREAD${ENTER}EGGS${ENTER}`, 'Large Eggs');
    await view.write(`${F2}c${ENTER}`);
    let frame = await view.waitFor('Sale T1-000001 complete');
    const bar = hintBar(frame);
    for (const hint of ['F1 Help', 'Shift+F9 Reprint', 'Enter Next sale', 'Up/Down/PgUp/PgDn Scroll']) expect(bar).toContain(hint);
    for (const saleKey of ['F2 Tender', 'F3 Find', 'F5 Void']) expect(bar).not.toContain(saleKey);
    await view.write(F1);
    frame = await view.waitFor('Help: Slip');
    expect(frame).toMatch(/Enter\s+Next sale: Start the next sale/);
    expect(frame).toMatch(/Up\/Down\/PgUp\/PgDn\s+Scroll: Scroll the slip/);
    expect(frame).not.toContain('Tender: Take payment');
    await view.write(ESC);
    await view.waitFor((x) => x.includes('Slip rows 1-') && !x.includes('Help: Slip'));
    await view.write(DOWN);
    await view.waitFor('Slip rows 2-');
    // Reprint on the slip shows it again from the top instead of leaving it.
    await view.write(SHIFT_F9);
    frame = await view.waitFor((x) => x.includes('The last slip, as printed') && x.includes('Slip rows 1-'));
    expect(frame).toContain('SALE T1-000001');
    await view.write(ENTER);
    frame = await view.waitFor('Next sale');
    expect(hintBar(frame)).toContain('F2 Tender');
    expect(frame).not.toContain('Slip rows');
  });

  it('splits a sale over card and cash', async () => {
    view = await ringUp(`3*MILK${ENTER}`, 'Total R56.97');
    await view.write(`${F2}a20${ENTER}`);
    let frame = await view.waitFor('still due');
    expect(frame).toContain('Took R20.00 on Card: R36.97 still due');
    expect(frame).toContain('Tendered R20.00');
    expect(frame).toContain('Due R36.97');
    expect(state().sale?.tenders.map((t) => [t.tenderCode, t.amount])).toEqual([['CARD', 2000]]);
    await view.write('c'); // CASH by its letter
    await view.waitFor('(Enter = R36.97)');
    await view.write(`40${ENTER}`);
    frame = await view.waitFor('Sale T1-000001 complete');
    expect(frame).toContain('Card R20.00');
    expect(frame).toContain('Cash R40.00');
    expect(state().last).toMatchObject({ change: 303, tenders: [{ tenderCode: 'CARD' }, { tenderCode: 'CASH' }] });
  });

  it('shows the engine refusing a card over the due amount and a zero tender; nothing changes', async () => {
    view = await ringUp(`MILK${ENTER}`, 'Full Cream');
    await view.write(`${F2}a50${ENTER}`);
    let frame = await view.waitFor('Change is given in cash only');
    expect(frame).toContain('! Change is given in cash only: CARD can take at most');
    expect(state().sale?.tenders).toEqual([]);
    expect(frame).toContain('Amount on CARD:'); // still asking, amount kept to correct
    // Esc alone (Esc + a letter in one chunk reads as Alt+letter), then cash 0.
    await view.write(ESC);
    await view.waitFor('Choose a tender');
    await view.write(`c0${ENTER}`);
    frame = await view.waitFor('Tender amount must be more than');
    expect(state().sale?.tenders).toEqual([]);
    expect(state().last).toBeNull();
  });

  it('keeps a short cash tender as part payment: the sale stays open until settled', async () => {
    view = await ringUp(`EGGS${ENTER}`, 'Large Eggs');
    await view.write(`${F2}c10${ENTER}`);
    let frame = await view.waitFor('still due');
    expect(frame).toContain('R22.99 still due');
    expect(state().sale).not.toBeNull();
    expect(state().last).toBeNull();
    expect(frame).not.toContain('complete');
    // Del removes the tender taken; Esc goes back to the sale, which stays open.
    await view.write(DEL);
    frame = await view.waitFor('Removed Cash R10.00');
    expect(state().sale?.tenders).toEqual([]);
    await view.write(ESC);
    frame = await view.waitFor('ENTRY');
    expect(frame).toContain('Due R32.99');
  });

  it('offers the rounded cash due when the company rounds cash', async () => {
    f = await openTill({ cashRounding: 10 });
    view = await renderPos(f);
    await view.write(`EGGS${ENTER}`);
    await view.waitFor('Large Eggs');
    await view.write(F2);
    let frame = await view.waitFor('Choose a tender');
    expect(frame).toContain('Cash due R33.00');
    expect(frame).toMatch(/CASH\s+Cash\s+due R33\.00/);
    expect(frame).toMatch(/CARD\s+Card\s+due R32\.99/);
    await view.write(`c${ENTER}`);
    frame = await view.waitFor('complete');
    expect(state().last).toMatchObject({ rounding: 1, change: 0 });
    expect(frame).toContain('No change due');
  });

  it('refuses to tender an empty sale and reprints the last slip', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(F2);
    await view.waitFor('Nothing to tender: scan an item first');
    await view.write(ctrl('r'));
    await view.waitFor('No slip to show yet');
    await view.write(`MILK${ENTER}${F2}c${ENTER}`);
    await view.waitFor('complete');
    await view.write(ENTER);
    await view.waitFor('Next sale');
    await view.write(ctrl('r'));
    const frame = await view.waitFor('The last slip, as printed');
    expect(frame).toContain('SALE T1-000001');
  });
});
