// Void line and refund at the till with operators: a cashier's key asks for a supervisor's
// override in a modal dialog, a supervisor acting alone is never asked, and the audit trail has
// the override with both operators next to the action's own line.
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { lockedUntil } from '../../src/store/operators/auth.js';
import { PosScreen } from '../../src/screens/pos/pos-screen.js';
import { DEL, ENTER, ESC, F2, F5, F9 } from '../screens/keys.js';
import { render, type Rendered } from '../screens/render.js';
import { openTill, type TillFixture } from '../screens/pos/till-fixture.js';
import { addCrew, audit, everyFrame, loggedIn, noPinShown, PINS, type CrewCode } from './crew.js';

let view: Rendered | undefined;
let f: TillFixture | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  f?.close();
  f = undefined;
});

const VOID_TITLE = 'Void line needs a supervisor or manager: approver code and PIN';
const hintBar = (frame: string): string => frame.split('\n')[23] ?? '';
const voided = (): string[] => (f?.till.getState().sale?.lines ?? []).filter((l) => l.voided).map((l) => l.itemCode);

/** A till with the crew, `code` logged in, and the POS screen showing. */
async function till(code: CrewCode, before?: (fx: TillFixture) => void): Promise<Rendered> {
  f = await openTill();
  await addCrew(f.store);
  before?.(f);
  const session = loggedIn(f.store, f.till, code);
  const v = await render(createElement(PosScreen), { services: { ...f.services, session, operator: code } });
  await v.waitFor('ENTRY');
  return v;
}

async function twoLines(v: Rendered): Promise<void> {
  await v.write(`MILK${ENTER}BREAD${ENTER}`);
  await v.waitFor('White Bread Loaf 700g');
}

describe('void line with operators', () => {
  it("a cashier's void waits for a supervisor's override, refuses a wrong PIN, and records both operators", async () => {
    view = await till('C1');
    await twoLines(view);
    await view.write(F5);
    let frame = await view.waitFor(VOID_TITLE);
    expect(frame).toContain('Asked by C1');
    expect(hintBar(frame)).toContain('Approve');
    expect(hintBar(frame)).not.toContain('Yes');
    await view.write(`S1${ENTER}0000${ENTER}`);
    frame = await view.waitFor('Wrong PIN for S1');
    expect(voided()).toEqual([]);
    await view.write(`${PINS.S1}${ENTER}`);
    frame = await view.waitFor('Line 2 voided: White Bread Loaf 700g (approved by S1)');
    expect(voided()).toEqual(['BREAD']);
    expect(frame).not.toContain('Approval needed');
    const override = audit(f!.store, ['override']);
    expect(override).toHaveLength(1);
    expect(override[0]).toMatchObject({ operator: 'C1', approvedBy: 'S1', action: 'void-line', till: 'T1' });
    expect(audit(f!.store, ['void-line'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'S1', till: 'T1' })]);
    // The wrong PIN counts against the approver.
    expect(audit(f!.store, ['failed-pin']).map((e) => e.operator)).toEqual(['S1']);
    expect(noPinShown(view)).toBe(true);
  });

  it('Esc cancels: nothing voided, nothing recorded, and the keys typed meanwhile never reach the sale', async () => {
    view = await till('C1');
    await twoLines(view);
    await view.write(DEL);
    await view.waitFor(VOID_TITLE);
    // A scan while the dialog is open lands in its code field, not in the sale.
    await view.write(`6001000000035${ENTER}`);
    await view.waitFor((fr) => fr.includes('60010000'));
    await view.write(ESC);
    await view.waitFor('Line 2 not voided: no approval');
    expect(f!.till.getState().sale?.lines.map((l) => l.itemCode)).toEqual(['MILK', 'BREAD']);
    expect(voided()).toEqual([]);
    expect(audit(f!.store, ['override', 'void-line', 'failed-pin'])).toEqual([]);
  });

  it('a double F5 and a double Enter approve and void exactly one line', async () => {
    view = await till('C1');
    await twoLines(view);
    await view.write(`${F5}${F5}`);
    await view.waitFor(VOID_TITLE);
    await view.write(`S1${ENTER}${PINS.S1}${ENTER}${ENTER}`);
    await view.waitFor('Line 2 voided');
    await view.waitFor((fr) => !fr.includes('Approval needed'));
    expect(voided()).toEqual(['BREAD']);
    expect(audit(f!.store, ['override'])).toHaveLength(1);
    expect(audit(f!.store, ['void-line'])).toHaveLength(1);
    expect(f!.till.getState().sale?.lines).toHaveLength(2);
  });

  it('a supervisor voids at once: no dialog, and the void line names no approver', async () => {
    view = await till('S1');
    await twoLines(view);
    await view.write(F5);
    await view.waitFor('Line 2 voided: White Bread Loaf 700g');
    expect(everyFrame(view, 'Approval needed')).toBe(false);
    expect(audit(f!.store, ['override'])).toEqual([]);
    const [line] = audit(f!.store, ['void-line']);
    expect(line).toMatchObject({ operator: 'S1' });
    expect(line?.approvedBy).toBeUndefined();
  });

  it("five wrong PINs lock the approver out, and then even the right PIN is refused", async () => {
    view = await till('C1');
    await twoLines(view);
    await view.write(F5);
    await view.waitFor(VOID_TITLE);
    await view.write(`S1${ENTER}`);
    for (let i = 0; i < 4; i += 1) {
      await view.write(`0000${ENTER}`);
      await view.waitFor('Wrong PIN for S1');
    }
    await view.write(`0000${ENTER}`);
    await view.waitFor('S1 is now locked for 15 minutes');
    expect(lockedUntil(f!.store, 'S1', new Date())).not.toBeNull();
    // The code is selected for another approver; S1 again is refused even with the right PIN.
    await view.write(`S1${ENTER}${PINS.S1}${ENTER}`);
    await view.waitFor('S1 is locked after 5 wrong PINs');
    expect(voided()).toEqual([]);
    expect(audit(f!.store, ['override'])).toEqual([]);
    // A manager can still approve.
    await view.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    await view.waitFor('(approved by M1)');
    expect(voided()).toEqual(['BREAD']);
    expect(noPinShown(view)).toBe(true);
  });
});

describe('refund with operators', () => {
  const sold = (fx: TillFixture): void => {
    fx.till.scan('MILK', 2);
    fx.till.addTender('CASH');
  };

  it("asks when a cashier's refund starts, and the refund carries the approver", async () => {
    view = await till('C1', sold);
    await view.write(F9);
    let frame = await view.waitFor('Refund needs a supervisor or manager: approver code and PIN');
    expect(frame).not.toContain('Sale number:');
    await view.write(`S1${ENTER}${PINS.S1}${ENTER}`);
    await view.waitFor('Sale number:');
    await view.write(`T1-000001${ENTER}`);
    await view.waitFor('Refund of sale T1-000001');
    await view.write(`${F2}${ENTER}`);
    await view.waitFor('Pay back on:');
    await view.write(ENTER);
    await view.waitFor('Enter to confirm');
    await view.write(ENTER);
    frame = await view.waitFor('Refund T1-000002');
    expect(f!.till.getState().last).toMatchObject({ kind: 'refund', refundNumber: 'T1-000002' });
    expect(audit(f!.store, ['override'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'S1', action: 'refund' })]);
    expect(audit(f!.store, ['refund'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'S1', ref: 'T1-000002' })]);
    const journal = fs.readFileSync(path.join(f!.store.dir, 'journals', 'T1.jsonl'), 'utf8').trim().split('\n');
    expect(journal.at(-1)).toMatch(/"kind":"refund".*"approvedBy":"S1"|"approvedBy":"S1".*"kind":"refund"/);
    expect(noPinShown(view)).toBe(true);

    // The override was for that refund: the next one asks again.
    await view.write(ENTER);
    await view.waitFor('Next sale');
    await view.write(F9);
    await view.waitFor('Refund needs a supervisor or manager');
    await view.write(ESC);
    frame = await view.waitFor('Refund not started: no approval');
    expect(frame).toContain('ENTRY');
    expect(audit(f!.store, ['override'])).toHaveLength(1);
  });

  it('a cashier refused an override gets no refund screen; a supervisor gets it at once', async () => {
    view = await till('C1', sold);
    await view.write(F9);
    await view.waitFor('Refund needs a supervisor or manager');
    await view.write(`C1${ENTER}${PINS.C1}${ENTER}`);
    await view.waitFor('C1 is a cashier: Refund needs a supervisor or manager');
    await view.write(ESC);
    await view.waitFor('Refund not started: no approval');
    expect(audit(f!.store, ['override', 'refund'])).toEqual([]);
    view.unmount();
    f!.close();

    view = await till('S1', sold);
    await view.write(F9);
    await view.waitFor('Sale number:');
    expect(everyFrame(view, 'Approval needed')).toBe(false);
  });
});
