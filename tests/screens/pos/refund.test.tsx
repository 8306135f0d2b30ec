// Refund at 80x24 over a real till session: part of a sale, then an over-refund the engine refuses.
import { afterEach, describe, expect, it } from 'vitest';
import { DOWN, ENTER, ESC, F1, F2, F9, PGDN } from '../keys.js';
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

const rowOf = (frame: string, text: string) => frame.split('\n').find((r) => r.includes(text)) ?? '';
/** The hint bar: the last row of the 80x24 frame. */
const hintBar = (frame: string) => frame.split('\n')[23] ?? '';

/** Rings up 3 milk + 1 eggs paid in cash, and leaves the slip. */
async function soldSale(): Promise<Rendered> {
  f = await openTill();
  const v = await renderPos(f);
  await v.write(`3*MILK${ENTER}EGGS${ENTER}${F2}c${ENTER}`);
  await v.waitFor('Sale T1-000001 complete');
  await v.write(ENTER);
  await v.waitFor('Next sale');
  return v;
}

async function openRefund(v: Rendered, number: string): Promise<string> {
  await v.write(F9);
  await v.waitFor('Sale number:');
  await v.write(`${number}${ENTER}`);
  return v.waitFor(`Refund of sale ${number.toUpperCase()}`);
}

describe('POS refund', () => {
  it('refunds part of a sale, then the engine refuses more than is left', async () => {
    view = await soldSale();
    let frame = await openRefund(view, 'T1-000001');
    expect(rowOf(frame, 'Full Cream Milk')).toMatch(/3\s+0\s+3\s+-/);
    await view.write('2');
    frame = await view.waitFor((x) => /3\s+0\s+3\s+2\s+37\.98/.test(rowOf(x, 'Full Cream Milk')));
    expect(frame).toContain('Returning about R37.98');
    await view.write(ENTER);
    frame = await view.waitFor('Pay back on:');
    expect(frame).toMatch(/>\[C\] CASH/); // CASH by default
    await view.write(ENTER);
    await view.waitFor('Pay back R37.98 in CASH? Enter to confirm, Esc to go back');
    await view.write(ENTER);
    frame = await view.waitFor('Refund T1-000002');
    expect(frame).toContain('of sale T1-000001');
    expect(frame).toContain('PAY OUT');
    expect(frame).toContain('pay out R37.98');
    expect(frame).toContain('T1-000002-40.txt');
    expect(f!.till.getState().last).toMatchObject({ kind: 'refund', refundNumber: 'T1-000002', total: 3798, lines: [{ lineNo: 1, qty: 2 }] });

    await view.write(ENTER);
    frame = await openRefund(view, 't1-000001');
    expect(rowOf(frame, 'Full Cream Milk')).toMatch(/3\s+2\s+1\s+-/);
    await view.write(`2${ENTER}`);
    await view.waitFor('Pay back on:');
    await view.write(ENTER); // the preview already asks the engine, which refuses
    frame = await view.waitFor('only 1 more can be returned');
    expect(frame).toContain('! Line 1 (Full Cream Milk 1L): only 1 more can be returned');
    // Nothing recorded, and the cashier is back on the lines to correct the quantity.
    expect(f!.till.getState().last).toMatchObject({ refundNumber: 'T1-000002' });
    expect(frame).toContain('Space Mark');
    expect(framesFit(view, 24, 80)).toBe(true);
  });

  it('marks lines with Space, + and -, F2 for all, and refuses an unknown sale number', async () => {
    view = await soldSale();
    await view.write(F9);
    await view.waitFor('Sale number:');
    await view.write(`T1-000099${ENTER}`);
    await view.waitFor('No sale numbered T1-000099');
    await view.write(`\x15T1-000001${ENTER}`);
    await view.waitFor('Refund of sale T1-000001');
    await view.write(ENTER);
    await view.waitFor('Mark a line to return');
    await view.write(`${DOWN} `);
    let frame = await view.waitFor((x) => /1\s+0\s+1\s+1\s+32\.99/.test(rowOf(x, 'Large Eggs')));
    await view.write(' ');
    frame = await view.waitFor((x) => /1\s+0\s+1\s+-/.test(rowOf(x, 'Large Eggs')));
    await view.write(`${DOWN}`); // stays on the last line
    await view.write('+++'); // + stops at what was sold
    frame = await view.waitFor((x) => /1\s+0\s+1\s+1\s+32\.99/.test(rowOf(x, 'Large Eggs')));
    await view.write('-');
    frame = await view.waitFor((x) => /1\s+0\s+1\s+-/.test(rowOf(x, 'Large Eggs')));
    await view.write(F2);
    frame = await view.waitFor('Every line still returnable is marked');
    expect(rowOf(frame, 'Full Cream Milk')).toMatch(/3\s+0\s+3\s+3\s+56\.97/);
    expect(rowOf(frame, 'Large Eggs')).toMatch(/1\s+0\s+1\s+1\s+32\.99/);
    await view.write(ENTER);
    await view.waitFor('Pay back on:');
    await view.write(`a${ENTER}`);
    await view.waitFor('Pay back R89.96 in CARD?');
    await view.write(ENTER);
    frame = await view.waitFor('Refund T1-000002');
    expect(f!.till.getState().last).toMatchObject({ kind: 'refund', total: 8996, tenders: [{ tenderCode: 'CARD', amount: 8996 }] });
  });

  it('the hint bar and F1 help show the keys of each refund phase, from the binding table', async () => {
    view = await soldSale();
    await view.write(F9);
    let frame = await view.waitFor('Sale number:');
    // Typing the sale number: no line keys offered (Space and digits type into the field).
    expect(hintBar(frame)).toContain('Esc Back');
    expect(hintBar(frame)).not.toContain('Space Mark');
    expect(hintBar(frame)).not.toContain('F2 All');
    await view.write(`T1-000001${ENTER}`);
    frame = await view.waitFor((x) => hintBar(x).includes('Space Mark'));
    for (const hint of ['Space Mark', '+ More', '- Less', '0-9 Set qty', 'F2 All']) expect(hintBar(frame)).toContain(hint);
    expect(hintBar(frame)).not.toContain('Letter Pick');
    await view.write(F1);
    frame = await view.waitFor('Help: Refund');
    // Help is wrapped (never cut), so it may take two pages: read both.
    if (frame.includes(' of ')) {
      await view.write(PGDN);
      frame = `${frame}\n${await view.waitFor((x) => x.includes('Help: Refund') && x !== frame)}`;
    }
    expect(rowOf(frame, 'Mark:')).toMatch(/Space\s+Mark: Mark the selected line in full, or unmark it/);
    expect(rowOf(frame, 'More:')).toMatch(/\+\s+More: One more of the selected line/);
    expect(rowOf(frame, 'Less:')).toMatch(/-\s+Less: One less of the selected line/);
    expect(rowOf(frame, 'Set qty:')).toMatch(/0-9\s+Set qty: Type the quantity to return/);
    expect(frame).not.toContain('Pick: Choose a tender');
    expect(frame).toMatch(/F2\s+All: Return every line/);
    await view.write(ESC);
    await view.waitFor((x) => !x.includes('Help: Refund'));
    await view.write(`1${ENTER}`);
    frame = await view.waitFor('Pay back on:');
    expect(hintBar(frame)).toContain('Letter Pick');
    expect(hintBar(frame)).not.toContain('Space Mark');
  });

  it('Esc steps back: tender -> lines -> sale number -> the sale', async () => {
    view = await soldSale();
    await openRefund(view, 'T1-000001');
    await view.write(`1${ENTER}`);
    await view.waitFor('Pay back on:');
    await view.write(ESC);
    await view.waitFor('Space Mark');
    await view.write(ESC);
    await view.waitFor('Sale number:');
    await view.write(ESC);
    const frame = await view.waitFor('ENTRY');
    expect(frame).toContain('Main Menu › Point of Sale ');
    expect(f!.till.getState().last).toMatchObject({ kind: 'sale' });
  });
});
