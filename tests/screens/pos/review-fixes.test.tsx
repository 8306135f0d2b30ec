// Defects found in review, each pinned at 80x24 over a real till session: F4/F6 prompts replace
// their pre-filled value, the refund shows the exact payout before it is recorded, and a key that
// leaves the slip also does its job on the sale screen.
import { afterEach, describe, expect, it } from 'vitest';
import { BACKSPACE, ENTER, ESC, F2, F3, F4, F6, F9, LEFT, UP } from '../keys.js';
import type { Rendered } from '../render.js';
import { openTill, renderPos, type TillFixture } from './till-fixture.js';

let view: Rendered | undefined;
let f: TillFixture | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  f?.close();
  f = undefined;
});

const lines = () => f?.till.getState().sale?.lines ?? [];
/** The status line: the row above the hint bar of the 80x24 frame. */
const statusLine = (frame: string) => frame.split('\n')[22] ?? '';

describe('F4 / F6 prompts: the pre-filled value is selected', () => {
  it('the first digit typed replaces the quantity (qty 1, F4, 2, Enter = 2, not 12)', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`MILK${ENTER}`);
    await view.waitFor('Full Cream');
    await view.write(F4);
    await view.waitFor('New quantity for line 1:');
    await view.write(`2${ENTER}`);
    await view.waitFor('Line 1: quantity 2');
    expect(lines()[0]?.qty).toBe(2);
  });

  it('Enter alone keeps the value; Backspace and Left edit the pre-filled text instead', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`3*MILK${ENTER}`);
    await view.waitFor('Full Cream');
    await view.write(F4);
    await view.waitFor('New quantity for line 1:');
    await view.write(ENTER);
    await view.waitFor('Line 1: quantity 3');
    expect(lines()[0]?.qty).toBe(3);
    // Backspace edits: "3" -> "" then 5 -> 5.
    await view.write(F4);
    await view.waitFor('New quantity for line 1:');
    await view.write(`${BACKSPACE}15${ENTER}`);
    await view.waitFor('Line 1: quantity 15');
    // Left moves into the text: "15" -> "125".
    await view.write(F4);
    await view.waitFor('New quantity for line 1:');
    await view.write(`${LEFT}2${ENTER}`);
    await view.waitFor('Line 1: quantity 125');
    expect(lines()[0]?.qty).toBe(125);
  });

  it('the discount prompt replaces its pre-filled amount too', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`MILK${ENTER}`);
    await view.waitFor('Full Cream');
    await view.write(`${F6}`);
    await view.waitFor('Discount on line 1');
    await view.write(`2${ENTER}`);
    await view.waitFor('Line 1: discount R2.00');
    await view.write(`${F6}`);
    await view.waitFor('Discount on line 1');
    expect(view.frame()).toContain('2.00');
    await view.write(`3${ENTER}`); // replaces "2.00", not "2.003"
    await view.waitFor('Line 1: discount R3.00');
    expect(lines()[0]?.discount).toBe(300);
  });
});

describe('refund: the exact payout before the last confirm', () => {
  it('shows "Pay back R33.00 in CASH?" (cash rounding), records only on Enter, Esc goes back', async () => {
    f = await openTill({ cashRounding: 10 });
    view = await renderPos(f);
    await view.write(`EGGS${ENTER}${F2}a${ENTER}`); // paid on card: no rounding in the sale
    await view.waitFor('Sale T1-000001 complete');
    await view.write(ENTER);
    await view.waitFor('Next sale');
    await view.write(F9);
    await view.waitFor('Sale number:');
    await view.write(`T1-000001${ENTER}`);
    await view.waitFor('Refund of sale T1-000001');
    await view.write(' ');
    await view.waitFor('Returning about R32.99');
    await view.write(ENTER);
    let frame = await view.waitFor('Pay back on:');
    expect(frame).not.toContain('the slip shows the exact amount');
    await view.write(ENTER);
    frame = await view.waitFor('Pay back R33.00 in CASH? Enter to confirm, Esc to go back');
    expect(frame).toContain('cash rounding R0.01');
    expect(f.till.getState().last).toMatchObject({ kind: 'sale' }); // nothing recorded yet
    await view.write(ESC);
    frame = await view.waitFor('Pay back on:');
    expect(frame).not.toContain('Pay back R33.00');
    expect(f.till.getState().last).toMatchObject({ kind: 'sale' });
    // A scan gone astray on the confirm step pays nothing out.
    await view.write(ENTER);
    await view.waitFor('Pay back R33.00 in CASH?');
    await view.write('6001000000011\r');
    await view.waitFor('Ignored "6001000000011"');
    expect(f.till.getState().last).toMatchObject({ kind: 'sale' });
    await view.write(ENTER);
    frame = await view.waitFor('Refund T1-000002');
    expect(frame).toContain('pay out R33.00');
    expect(f.till.getState().last).toMatchObject({ kind: 'refund', tenders: [{ tenderCode: 'CASH', amount: 3300 }] });
  });
});

describe('the slip: a key that leaves it also does its job', () => {
  it('F9 on the slip opens Refund at once, without the sale\'s stale message', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`NOSUCH${ENTER}`);
    await view.waitFor('No item');
    await view.write(`MILK${ENTER}${F2}c${ENTER}`);
    await view.waitFor('Sale T1-000001 complete');
    await view.write(`NOSUCH${ENTER}`); // leaves the slip, and the scan lands in the new sale
    await view.waitFor((x) => statusLine(x).includes('No item'));
    await view.write(`MILK${ENTER}${F2}c${ENTER}`);
    await view.waitFor('Sale T1-000002 complete');
    await view.write(F9);
    const frame = await view.waitFor('Sale number:');
    expect(frame).toContain('Main Menu › Point of Sale › Refund');
    expect(statusLine(frame).trim()).toBe('');
    // The sale number typed at once goes into the refund's field.
    await view.write(`T1-000001${ENTER}`);
    await view.waitFor('Refund of sale T1-000001');
  });

  it('F3 and F2 on the slip do what they do on the sale screen; Enter only leaves', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`MILK${ENTER}${F2}c${ENTER}`);
    await view.waitFor('Sale T1-000001 complete');
    await view.write(F3);
    await view.waitFor('Find item:');
    await view.write(ESC);
    await view.waitFor('ENTRY');
    await view.write(UP); // nothing to select; stays on the sale
    await view.write(`BREAD${ENTER}${F2}c${ENTER}`);
    await view.waitFor('Sale T1-000002 complete');
    await view.write(F2); // no sale open yet: the sale screen's own answer
    await view.waitFor('Nothing to tender: scan an item first');
    expect(view.frame()).toContain('ENTRY');
  });
});
