import { afterEach, describe, expect, it } from 'vitest';
import { TenderSetupScreen } from '../../../src/screens/setup/tender-setup.js';
import type { Rendered } from '../render.js';
import { DEL, DOWN, END, ENTER, ESC, F10, INS, RIGHT, SHIFT_TAB, TAB, F2, UP } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, tallestFrame, type TempStore } from '../forms/harness.js';

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

async function open(prepare?: (t: TempStore) => Promise<void>): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  await prepare?.(tmp);
  view = await renderScreen(<TenderSetupScreen />, tmp.store, 'Tender Setup');
  return { view, tmp };
}

describe('Tender Setup', () => {
  it('lists the tenders with code, name, kind, ledger account and the Loyalty Plus flag', async () => {
    const { view } = await open();
    const f = view.frame();
    expect(f.split('\n')[0]).toContain('Utilities › Setup › Tender Setup');
    expect(rowWith(f, 'Code')).toMatch(/Code\s+Name\s+Kind\s+Ledger account\s+Loyalty Plus/);
    expect(rowWith(f, 'CASH')).toMatch(/> CASH\s+Cash\s+cash\s+3700\.000\.000\.00\s+No/);
    expect(rowWith(f, 'LOY ')).toMatch(/LOY\s+Loyalty\s+loyalty\s+5100\.000\.000\.00\s+No/);
    expect(f).toContain('Ins Add');
  });

  it('adds a tender: a bad code is refused at the field, then Accept writes tenders.json', async () => {
    const { view, tmp } = await open();
    await view.write(INS);
    await view.waitFor('Tender Setup › Add');
    await view.write(`gift-1${TAB}`);
    await view.waitFor('! Code: 1 to 8 characters, capital letters A-Z and digits 0-9 only');
    await view.write(`\x15CASH${TAB}`);
    await view.waitFor('! Code: tender CASH already exists; choose another code');
    await view.write(`\x15GIFT${TAB}Gift card${TAB}`);
    // Kind: cash -> card -> account -> loyalty -> other.
    await view.write(RIGHT.repeat(4));
    await view.waitFor('< other >');
    // Ledger account: pick Gift Vouchers Issued from the list.
    await view.write(`${TAB} `);
    await view.waitFor('Up/Down move, Enter choose, Esc close');
    await view.write(`${END}${UP}`);
    await view.write(ENTER);
    await view.waitFor('< 5300.000.000.00 Gift Vouchers Issued >');
    await view.write(F10);
    const f = await view.waitFor('Saved tender GIFT');
    expect(rowWith(f, 'GIFT')).toMatch(/> GIFT\s+Gift card\s+other\s+5300\.000\.000\.00\s+No/);
    const saved = tmp.onDisk('tenders').tenders.find((t) => t.code === 'GIFT');
    expect(saved).toEqual({ code: 'GIFT', name: 'Gift card', kind: 'other', ledgerAccount: '5300.000.000.00', useLoyaltyPlus: false });
  });

  it('refuses Use Loyalty Plus Tender on a cash tender with the reason, and saves nothing', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('tenders');
    await view.write(ENTER);
    let f = await view.waitFor('Tender Setup › Edit CASH');
    expect(rowWith(f, 'Code')).toContain('CASH (fixed)');
    await view.write(SHIFT_TAB);
    await view.waitFor((fr) => rowWith(fr, 'Use Loyalty Plus Tender').startsWith('│ >'));
    await view.write(' ');
    f = await view.waitFor('! Use Loyalty Plus Tender: only for kind loyalty (this tender is cash)');
    expect(rowWith(f, 'Use Loyalty Plus Tender')).toContain('[ ] No');
    await view.write(F10);
    await view.waitFor('Saved tender CASH');
    expect(tmp.onDisk('tenders')).toEqual(before);
  });

  it('sets Use Loyalty Plus Tender on the loyalty tender', async () => {
    const { view, tmp } = await open();
    await view.write(`${DOWN.repeat(3)}${ENTER}`);
    await view.waitFor('Edit LOY');
    await view.write(`${SHIFT_TAB} `);
    await view.waitFor('[x] Yes');
    await view.write(F10);
    const f = await view.waitFor('Saved tender LOY');
    expect(rowWith(f, 'LOY ')).toMatch(/Loyalty\s+loyalty\s+5100\.000\.000\.00\s+Yes/);
    expect(tmp.onDisk('tenders').tenders.find((t) => t.code === 'LOY')?.useLoyaltyPlus).toBe(true);
  });

  it('refuses Accept when the kind was changed away from loyalty with the flag still set', async () => {
    const { view, tmp } = await open(async (t) => {
      await t.store.edit('tenders', (d) => {
        const loy = d.tenders.find((x) => x.code === 'LOY');
        if (loy) loy.useLoyaltyPlus = true;
      });
    });
    const before = tmp.onDisk('tenders');
    await view.write(`${DOWN.repeat(3)}${ENTER}`);
    await view.waitFor('Edit LOY');
    await view.write(`${TAB}${RIGHT}`);
    await view.waitFor('< other >');
    await view.write(F10);
    await view.waitFor('! Use Loyalty Plus Tender: only for kind loyalty (this tender is other)');
    expect(tmp.onDisk('tenders')).toEqual(before);
  });

  it('Esc with edits asks first and n keeps editing; Esc on the list goes back', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('tenders');
    await view.write(F2);
    await view.waitFor('Tender Setup › Add');
    await view.write('NEW');
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    await view.write('n');
    await view.waitFor((f) => !f.includes('Discard changes?') && rowWith(f, 'Code').includes('NEW'));
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    await view.write('y');
    await view.waitFor((f) => rowWith(f, 'CASH').includes('cash'));
    expect(tmp.onDisk('tenders')).toEqual(before);
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('Delete explains why tenders are kept', async () => {
    const { view, tmp } = await open();
    await view.write(DEL);
    await view.waitFor('Delete: tenders are not deleted, because completed sales refer to them');
    expect(tmp.onDisk('tenders').tenders).toHaveLength(4);
  });

  it('a long list is windowed to the screen and End reaches the last tender', async () => {
    const { view } = await open(async (t) => {
      await t.store.edit('tenders', (d) => {
        for (let i = 1; i <= 40; i += 1) {
          d.tenders.push({ code: `V${String(i).padStart(2, '0')}`, name: `Voucher ${i}`, kind: 'other', ledgerAccount: '5300.000.000.00', useLoyaltyPlus: false });
        }
      });
    });
    expect(view.frame()).not.toContain('V40');
    await view.write(END);
    const f = await view.waitFor('> V40');
    expect(f).not.toContain('CASH');
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });
});
