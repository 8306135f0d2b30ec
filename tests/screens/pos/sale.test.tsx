// The sale screen at 80x24 over a real till session: scanning (bursts included), quantities,
// unknown codes, voids, quantity and discount changes, find, abandon, windowing and restarts.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { PosScreen, RESUMED_MESSAGE } from '../../../src/screens/pos/pos-screen.js';
import { BACKSPACE, DEL, DOWN, ENTER, ESC, F3, F4, F5, F6, PGUP, UP, ctrl } from '../keys.js';
import { render, type Rendered } from '../render.js';
import { framesFit, openTill, renderPos, type TillFixture } from './till-fixture.js';

let view: Rendered | undefined;
let f: TillFixture | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  f?.close();
  f = undefined;
});

const lines = () => f?.till.getState().sale?.lines ?? [];
const rowOf = (frame: string, text: string) => frame.split('\n').find((r) => r.includes(text)) ?? '';

describe('POS sale screen', () => {
  it('adds exactly three lines for three scans in one write', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`6001000000011${ENTER}6001000000028${ENTER}6001000000035${ENTER}`);
    const frame = await view.waitFor('Large Eggs 6 Pack');
    expect(lines().map((l) => l.itemCode)).toEqual(['MILK', 'BREAD', 'EGGS']);
    expect(frame).toContain('Full Cream Milk 1L');
    expect(frame).toContain('White Bread Loaf 700g');
    expect(frame).toContain('Items 3');
    expect(frame).toContain('Total R68.48');
    // The entry is empty again, ready for the next scan.
    expect(rowOf(frame, 'ENTRY').replace(/[│|]/g, '').trim()).toBe('ENTRY');
    expect(framesFit(view, 24, 80)).toBe(true);
  });

  it('sets the quantity with a 3* prefix and with F4 before the code', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`3*6001000000011${ENTER}`);
    await view.waitFor('Total R56.97');
    await view.write(`2${F4}`);
    await view.waitFor('ENTRY 2 x');
    await view.write(`BREAD${ENTER}`);
    const frame = await view.waitFor('White Bread Loaf 700g');
    expect(lines().map((l) => [l.itemCode, l.qty])).toEqual([['MILK', 3], ['BREAD', 2]]);
    expect(rowOf(frame, 'White Bread')).toMatch(/\s2\s+16\.50\s+33\.00/);
    expect(frame).not.toContain('ENTRY 2 x');
  });

  it('refuses an unknown code with a message, clears the entry and adds nothing', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`MILK${ENTER}`);
    await view.waitFor('Full Cream Milk 1L');
    await view.write(`9999999${ENTER}`);
    const frame = await view.waitFor('No item with code or barcode');
    expect(frame).toContain('! No item with code or barcode "9999999"');
    expect(lines()).toHaveLength(1);
    expect(rowOf(frame, 'ENTRY')).not.toContain('9999999');
    expect(frame).toContain('Items 1');
  });

  it('voids the selected line (F5 and Del), marked VOID in text and left out of the total', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`MILK${ENTER}BREAD${ENTER}EGGS${ENTER}`);
    await view.waitFor('Large Eggs');
    await view.write(UP);
    await view.write(F5);
    let frame = await view.waitFor('Line 2 voided');
    expect(rowOf(frame, 'White Bread').trimEnd()).toMatch(/VOID\s*[│|]$/);
    expect(lines().map((l) => l.voided)).toEqual([false, true, false]);
    expect(frame).toContain('Total R51.98');
    await view.write(UP);
    await view.write(DEL);
    frame = await view.waitFor('Line 1 voided');
    expect(lines().map((l) => l.voided)).toEqual([true, true, false]);
    expect(frame).toContain('Items 1');
    // Voiding a voided line is refused by the engine and changes nothing.
    await view.write(F5);
    frame = await view.waitFor('is voided and cannot change');
    expect(lines().map((l) => l.voided)).toEqual([true, true, false]);
  });

  it('changes the quantity (F4 on an empty entry) and the discount (F6) of the selected line', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`MILK${ENTER}BREAD${ENTER}`);
    await view.waitFor('White Bread');
    await view.write(UP);
    await view.write(F4);
    await view.waitFor('New quantity for line 1:');
    await view.write(`${BACKSPACE}4${ENTER}`);
    let frame = await view.waitFor('Line 1: quantity 4');
    expect(lines()[0]?.qty).toBe(4);
    expect(rowOf(frame, 'Full Cream')).toContain('75.96');
    await view.write(F6);
    await view.waitFor('Discount on line 1');
    await view.write(`5.96${ENTER}`);
    frame = await view.waitFor('Line 1: discount R5.96');
    expect(lines()[0]?.discount).toBe(596);
    expect(rowOf(frame, 'Full Cream')).toMatch(/-5\.96\s+70\.00/);
    // A discount over the line's value is refused; the prompt stays open and nothing changes.
    await view.write(F6);
    await view.write(`${ctrl('u')}500${ENTER}`);
    frame = await view.waitFor('Discount must be');
    expect(lines()[0]?.discount).toBe(596);
    await view.write(ESC);
    frame = await view.waitFor('Cancelled');
    expect(frame).toContain('ENTRY');
  });

  it('finds an item by description as it is typed; Enter adds it, Esc adds nothing', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(F3);
    await view.waitFor('Find item:');
    await view.write('coff');
    let frame = await view.waitFor((x) => x.includes('Instant Coffee 200g') && !x.includes('Brown Sugar'));
    expect(frame).toContain('1 found');
    await view.write(ENTER);
    frame = await view.waitFor('Added 1 x Instant Coffee 200g');
    expect(lines().map((l) => l.itemCode)).toEqual(['COFFEE']);
    expect(frame).toContain('ENTRY');
    await view.write(F3);
    await view.write('bread');
    await view.waitFor((x) => x.includes('White Bread') && x.includes('1 found'));
    await view.write(ESC);
    await view.waitFor('ENTRY');
    expect(lines()).toHaveLength(1);
    // Several results, sorted by description: Down twice chooses the third.
    await view.write(F3);
    await view.write(`${ctrl('u')}e`);
    frame = await view.waitFor('4 found');
    expect(frame.indexOf('Full Cream Milk')).toBeLessThan(frame.indexOf('Large Eggs'));
    await view.write(DOWN + DOWN);
    await view.waitFor((x) => rowOf(x, '>').includes('Large Eggs'));
    await view.write(ENTER);
    await view.waitFor('Added 1 x Large Eggs 6 Pack');
    expect(lines().map((l) => l.itemCode)).toEqual(['COFFEE', 'EGGS']);
  });

  it('asks before abandoning the sale', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`MILK${ENTER}`);
    await view.waitFor('Full Cream');
    await view.write(ctrl('x'));
    await view.waitFor('Abandon this sale? (y/n)');
    await view.write('n');
    await view.waitFor('Sale kept');
    expect(lines()).toHaveLength(1);
    await view.write(ctrl('x'));
    await view.waitFor('Abandon this sale? (y/n)');
    await view.write('y');
    const frame = await view.waitFor('Sale abandoned');
    expect(f.till.getState().sale).toBeNull();
    expect(frame).toContain('Items 0');
  });

  it('windows many lines to the rows there are, keeping the selection visible, never taller than 24', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(Array.from({ length: 30 }, (_, i) => `${i + 1}*MILK${ENTER}`).join(''));
    let frame = await view.waitFor('Items 465');
    expect(lines()).toHaveLength(30);
    expect(frame.split('\n')).toHaveLength(24);
    expect(rowOf(frame, '>')).toMatch(/>\s+30 MILK/);
    expect(frame).not.toMatch(/\s1 MILK /);
    await view.write(PGUP + PGUP + PGUP);
    frame = await view.waitFor((x) => /> +1 MILK/.test(x));
    expect(frame).not.toMatch(/\s30 MILK/);
    expect(framesFit(view, 24, 80)).toBe(true);
  });

  it('says the open sale was reopened after a restart', async () => {
    f = await openTill();
    f.till.scan('MILK', 2);
    f.reopen();
    expect(f.till.getState().resumed).toBe(true);
    view = await renderPos(f);
    const frame = await view.waitFor('reopened after a restart');
    expect(frame).toContain(RESUMED_MESSAGE.slice(0, 60));
    expect(frame).toContain('Full Cream Milk 1L');
    expect(fs.existsSync(path.join(f.dir, 'open', 'T1.json'))).toBe(true);
  });

  it('explains that a back-office session has no till', async () => {
    f = await openTill();
    view = await render(createElement(PosScreen), { services: { ...f.services, till: null } });
    await view.waitFor('This session has no till');
  });
});
