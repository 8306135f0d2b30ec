// The till as a whole: a whole sale typed in one burst, Esc leaving the till, larger terminals.
import { Text } from 'ink';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PosScreen } from '../../../src/screens/pos/pos-screen.js';
import { DEL, ENTER, ESC, F2, F3 } from '../keys.js';
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

describe('POS as a whole', () => {
  it('handles a whole sale and the next scan in one burst, across panel changes', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.write(`2*MILK${ENTER}${F2}c50${ENTER}${ENTER}BREAD${ENTER}`);
    const frame = await view.waitFor('Added 1 x White Bread Loaf 700g');
    // The next scan started a new sale, so the completed one is read back from the journal.
    expect(f.till.refundable('T1-000001').sale).toMatchObject({ total: 3798, change: 1202 });
    expect(f.till.getState().sale?.lines.map((l) => l.itemCode)).toEqual(['BREAD']);
    expect(frame).toContain('Items 1');
  });

  it('Esc clears a typed entry first, then leaves the till with the sale still open', async () => {
    f = await openTill();
    const menu = { id: 'menu', title: 'Main Menu', render: () => createElement(Text, null, 'MENU STAND-IN') };
    const pos = { id: 'pos', title: 'Point of Sale', render: () => createElement(PosScreen) };
    view = await render(null, { services: f.services, stack: [menu, pos] });
    await view.waitFor('ENTRY');
    await view.write(`MILK${ENTER}EGG`);
    await view.waitFor((x) => x.includes('ENTRY EGG'));
    await view.write(ESC);
    await view.waitFor('Entry cleared');
    expect(view.frame()).not.toContain('MENU STAND-IN');
    await view.write(ESC);
    await view.waitFor('MENU STAND-IN');
    expect(f.till.getState().sale?.lines).toHaveLength(1);
  });

  it('uses the room of a larger terminal and keeps every frame inside it', async () => {
    f = await openTill();
    view = await renderPos(f, { columns: 120, rows: 40 });
    await view.write(Array.from({ length: 40 }, () => `MILK${ENTER}`).join(''));
    let frame = await view.waitFor('Items 40');
    // 40 rows - 5 of the Shell - header, totals box and entry = 30 lines in view.
    expect(frame.split('\n').filter((r) => /\d MILK +Full Cream/.test(r))).toHaveLength(30);
    await view.write(F3);
    frame = await view.waitFor('Find item:');
    expect(frame).toContain('5 found');
    expect(framesFit(view, 40, 120)).toBe(true);
  });

  it('marks the selection and voided lines without colour or UTF-8 (mono, ASCII borders)', async () => {
    f = await openTill();
    view = await render(createElement(PosScreen), { services: f.services, theme: { mono: true, ascii: true } });
    await view.waitFor('ENTRY');
    await view.write(`MILK${ENTER}BREAD${ENTER}`);
    await view.write(DEL);
    const frame = await view.waitFor('Line 2 voided');
    expect(view.rawFrame()).not.toMatch(/\x1b\[3[1-7]m/); // no colour codes
    expect(frame).toContain('+----');
    expect(frame).toMatch(/> +2 BREAD .*VOID/);
    expect(frame).toMatch(/\|\s+1 MILK .*18\.99 \|/);
  });

  it('shows only the too-small notice below 80x24 and keeps the sale', async () => {
    f = await openTill();
    view = await renderPos(f);
    await view.resize(70, 20);
    await view.waitFor('Terminal too small');
    await view.write(`MILK${ENTER}`);
    await view.resize(80, 24);
    await view.waitFor('Full Cream Milk 1L');
    expect(f.till.getState().sale?.lines).toHaveLength(1);
  });
});
