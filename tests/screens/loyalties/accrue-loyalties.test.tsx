import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { AccrueLoyaltiesScreen, accrueFields, accrueInitial, accrueRequest } from '../../../src/screens/loyalties/accrue-loyalties.js';
import { filledCells, progressBar } from '../../../src/screens/loyalties/progress.js';
import type { AppServices } from '../../../src/screens/app-context.js';
import type { AccrueProgress, AccrueRequest, AccrueResult } from '../../../src/store/index.js';
import { backOffice } from '../../../src/store/index.js';
import { render, type Rendered } from '../render.js';
import { DOWN, ENTER, ESC, F10, TAB } from '../keys.js';
import { MENU_TEXT, renderScreen, rowWith, services, tallestFrame } from '../forms/harness.js';
import { seededStore, sellMay, type Seeded } from './fixtures.js';

let tmp: Seeded | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

describe('Accrue Loyalties: the request', () => {
  it('offers the five kinds, all Yes, and Zero Unused No', () => {
    const values = accrueInitial();
    expect(accrueFields().map((d) => d.label)).toEqual([
      'Monthly - Journal Account', 'Quarterly - Journal Account', 'Yearly - Journal Account',
      'Monthly - Use As Payment', 'Quarterly - Use As Payment', 'Zero Unused Accrued Loyalties',
    ]);
    expect(accrueRequest(values, 'ann')).toEqual({
      kinds: ['monthly-journal', 'quarterly-journal', 'yearly-journal', 'monthly-payment', 'quarterly-payment'], zeroUnused: false, operator: 'ann',
    });
  });

  it('draws progress in whole cells, complete when there is nothing to do', () => {
    expect(filledCells(1, 4, 10)).toBe(2);
    expect(filledCells(0, 0, 10)).toBe(10);
    expect(progressBar(1, 2, 6, true)).toBe('###...');
    expect(progressBar(2, 2, 4, false)).toBe('████');
  });
});

describe('Accrue Loyalties: the screen', () => {
  it('asks, runs in this thread and shows the summary: May posted, the journal debtor credited', async () => {
    tmp = await seededStore();
    sellMay(tmp);
    tmp.setNow('2026-06-10T08:00:00Z');
    view = await renderScreen(<AccrueLoyaltiesScreen />, tmp.store, 'Accrue Loyalties');
    let f = await view.waitFor('Zero Unused Accrued Loyalties');
    expect(f.split('\n')[0]).toContain('Main Menu › Loyalties › Accrue Loyalties');
    expect(rowWith(f, 'Monthly - Journal Account')).toContain('[x] Yes');
    expect(rowWith(f, 'Quarterly - Use As Payment')).toContain('[x] Yes');
    expect(rowWith(f, 'Zero Unused')).toContain('[ ] No');
    await view.write(F10);
    f = await view.waitFor('Accrue Loyalties? (y/n)');
    await view.write('y');
    f = await view.waitFor('Accrue Loyalties finished');
    // D1 3.75 + 8.75 = 12.50 and D2 15.00 posted; D2 is a Journal Account debtor: 15.00 credited.
    expect(rowWith(f, 'Debtors considered')).toMatch(/Debtors considered\s+2\b/);
    expect(rowWith(f, 'Debtors with rows')).toMatch(/Debtors with rows\s+2\b/);
    expect(rowWith(f, 'Posted to Loyalties Accrued')).toContain('R27.50');
    expect(rowWith(f, 'Journal credited')).toContain('R15.00');
    expect(rowWith(f, 'Zeroed')).toContain('R0.00');
    expect(rowWith(f, 'Documents')).toMatch(/BACKOFFICE-\d{6}, BACKOFFICE-\d{6}/);
    const bo = backOffice(tmp.store);
    expect(bo.enquiry('D1').balances.available).toBe(1250);
    expect(bo.enquiry('D2').balances).toMatchObject({ accrued: 1500, redeemed: 1500, available: 0 });
    // Enter starts over; Esc leaves.
    await view.write(ENTER);
    await view.waitFor('Zero Unused Accrued Loyalties');
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('processes only the kinds chosen, refuses turning the last one off, and writes nothing when not confirmed', async () => {
    tmp = await seededStore();
    sellMay(tmp);
    tmp.setNow('2026-06-10T08:00:00Z');
    view = await renderScreen(<AccrueLoyaltiesScreen />, tmp.store, 'Accrue Loyalties');
    await view.waitFor('Zero Unused Accrued Loyalties');
    // Everything off but Monthly - Use As Payment.
    await view.write(` ${TAB} ${TAB} ${TAB}${TAB} `);
    let f = await view.waitFor((fr) => rowWith(fr, 'Quarterly - Use As Payment').includes('[ ] No'));
    expect(rowWith(f, 'Monthly - Journal Account')).toContain('[ ] No');
    expect(rowWith(f, 'Monthly - Use As Payment')).toContain('[x] Yes');
    await view.write(`${'\x1b[Z'} `);
    f = await view.waitFor('! Choose at least one kind of loyalty to process');
    expect(rowWith(f, 'Monthly - Use As Payment')).toContain('[x] Yes');
    await view.write(F10);
    await view.waitFor('Accrue Loyalties? (y/n)');
    await view.write('n');
    await view.waitFor('Accrue Loyalties: not run');
    expect(backOffice(tmp.store).enquiry('D1').balances.pendingAccrual).toBe(1250);
    await view.write(`${DOWN}${DOWN}${ENTER}`);
    await view.waitFor('Accrue Loyalties? (y/n)');
    await view.write('y');
    f = await view.waitFor('Accrue Loyalties finished');
    expect(rowWith(f, 'Debtors considered')).toMatch(/\s1\b/);
    expect(rowWith(f, 'Posted to Loyalties Accrued')).toContain('R12.50');
    expect(rowWith(f, 'Journal credited')).toContain('R0.00');
    expect(backOffice(tmp.store).enquiry('D2').balances.pendingAccrual).toBe(1500);
  });

  it("runs through the app's worker when there is one: progress counts, Esc says it is running, errors stay on screen", async () => {
    tmp = await seededStore();
    const calls: AccrueRequest[] = [];
    let progress: ((p: AccrueProgress) => void) | undefined;
    let finish: ((r: AccrueResult) => void) | undefined;
    let fail: ((e: Error) => void) | undefined;
    const app: AppServices = {
      ...services(tmp.store),
      operator: 'ann',
      accrue: (req, onProgress) => {
        calls.push(req);
        progress = onProgress;
        return new Promise<AccrueResult>((resolve, reject) => {
          finish = resolve;
          fail = reject;
        });
      },
    };
    view = await render(null, { services: app, stack: [
      { id: 'menu', title: 'Main Menu', render: () => <Text>{MENU_TEXT}</Text> },
      { id: 'accrue', title: 'Accrue Loyalties', render: () => <AccrueLoyaltiesScreen /> },
    ] });
    await view.waitFor('Zero Unused Accrued Loyalties');
    await view.write(`${'\x1b[Z'} ${F10}`);
    await view.waitFor('Accrue Loyalties? (y/n)');
    await view.write('y');
    await view.waitFor('Accruing loyalties...');
    expect(calls).toEqual([{ kinds: ['monthly-journal', 'quarterly-journal', 'yearly-journal', 'monthly-payment', 'quarterly-payment'], zeroUnused: true, operator: 'ann' }]);
    progress?.({ done: 1, total: 4 });
    let f = await view.waitFor('1 / 4 debtors');
    expect(rowWith(f, '1 / 4 debtors')).toMatch(/█{10,}░+\s+1 \/ 4 debtors/);
    await view.write(ESC);
    f = await view.waitFor('Accrue Loyalties is running...');
    expect(f).not.toContain(MENU_TEXT);
    progress?.({ done: 4, total: 4 });
    await view.waitFor('4 / 4 debtors');
    finish?.({ runId: 'BACKOFFICE-000001', considered: 4, debtors: 3, posted: 12345, journalCredited: 100, zeroed: 7, documents: ['BACKOFFICE-000002'] });
    f = await view.waitFor('Accrue Loyalties finished');
    expect(rowWith(f, 'Posted to Loyalties Accrued')).toContain('R123.45');
    expect(rowWith(f, 'Zeroed')).toContain('R0.07');
    await view.write(ENTER);
    await view.waitFor('Zero Unused Accrued Loyalties');
    await view.write(F10);
    await view.waitFor('Accrue Loyalties? (y/n)');
    await view.write('y');
    await view.waitFor('Accruing loyalties...');
    fail?.(new Error('the back office is busy: try again when it has finished'));
    f = await view.waitFor('Accrue Loyalties failed: the back office is busy');
    expect(f).toContain('Enter: back to the form');
  });
});
