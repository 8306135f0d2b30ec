import { afterEach, describe, expect, it } from 'vitest';
import { UpdateLoyaltiesAccruedScreen } from '../../../src/screens/loyalties/update-loyalties-accrued.js';
import { adjustFields, adjustRequestOf } from '../../../src/screens/loyalties/adjust-fields.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import { backOffice } from '../../../src/store/index.js';
import type { Rendered } from '../render.js';
import { ENTER, ESC, F10, TAB } from '../keys.js';
import { MENU_TEXT, renderScreen, rowWith, tallestFrame } from '../forms/harness.js';
import { MANAGER_PIN, seededStore, sellMay, type Seeded } from './fixtures.js';

let tmp: Seeded | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

const available = (t: Seeded, code: string): number => backOffice(t.store).enquiry(code).balances.available;
const adjustmentRows = (t: Seeded, code: string) => backOffice(t.store).enquiry(code).rows.filter((r) => r.row.kind === 'adjustment');

async function open(): Promise<{ view: Rendered; tmp: Seeded }> {
  tmp = await seededStore();
  sellMay(tmp);
  tmp.setNow('2026-06-10T08:00:00Z');
  await backOffice(tmp.store).accrue({ kinds: ['monthly-payment', 'monthly-journal'], zeroUnused: false, operator: 'system' });
  view = await renderScreen(<UpdateLoyaltiesAccruedScreen />, tmp.store, 'Update Loyalties Accrued');
  await view.waitFor('Reason');
  return { view, tmp };
}

describe('Update Loyalties Accrued: the fields', () => {
  it('takes a signed amount, or Reset instead of one', () => {
    const defs = adjustFields(2);
    const amount = defs.find((d) => d.key === 'amount')!;
    expect(validateField(amount, '-12.50', { reset: 'no' })).toBeNull();
    expect(validateField(amount, '', { reset: 'no' })).toMatch(/^Amount: enter the change/);
    expect(validateField(amount, '12.345', { reset: 'no' })).toMatch(/^Amount: Enter an amount like 19.99/);
    expect(validateField(amount, '0', { reset: 'no' })).toMatch(/other than 0/);
    expect(validateField(amount, '', { reset: 'yes' })).toBeNull();
    expect(adjustRequestOf({ from: ' d1 ', to: 'D2', reset: 'no', amount: '-12.50', reason: 'goodwill' }, 2))
      .toEqual({ from: 'd1', to: 'D2', change: { kind: 'amount', amount: -1250 }, reason: 'goodwill' });
    expect(adjustRequestOf({ from: 'D1', to: 'D1', reset: 'yes', amount: '', reason: 'closed' }, 2).change).toEqual({ kind: 'reset' });
  });
});

describe('Update Loyalties Accrued: the screen', () => {
  it('previews the range, asks, and writes one adjustment per debtor', async () => {
    const { view, tmp } = await open();
    expect(view.frame().split('\n')[0]).toContain('Main Menu › Loyalties › Update Loyalties Accrued');
    await view.write(`D1${TAB}D3${TAB}${TAB}-2.50${TAB}goodwill${ENTER}`);
    let f = await view.waitFor('Preview: 3 debtors');
    expect(rowWith(f, 'Preview')).toContain('total -R7.50');
    expect(rowWith(f, 'Debtor ')).toMatch(/Debtor\s+Name\s+Available\s+Adjustment/);
    expect(rowWith(f, 'D1 ')).toMatch(/D1\s+Thandi Mokoena\s+12\.50\s+-2\.50/);
    expect(rowWith(f, 'D2 ')).toMatch(/D2\s+Acme Catering\s+0\.00\s+-2\.50/);
    expect(rowWith(f, 'D3 ')).toMatch(/D3\s+Sipho Dlamini\s+0\.00\s+-2\.50/);
    // Esc goes back to the form with what was typed.
    await view.write(ESC);
    f = await view.waitFor((fr) => fr.includes('goodwill') && !fr.includes('Preview'));
    await view.write(F10);
    await view.waitFor('Preview: 3 debtors');
    await view.write(ENTER);
    await view.waitFor('Update Loyalties Accrued? (y/n)');
    await view.write('y');
    f = await view.waitFor('Written as BACKOFFICE-');
    expect(f).toContain('3 adjustments, total -R7.50');
    expect(available(tmp, 'D1')).toBe(1000);
    const rows = adjustmentRows(tmp, 'D1');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).toMatchObject({ amount: -250, reason: 'goodwill', operator: 'system' });
    await view.write(ENTER);
    await view.waitFor((fr) => fr.includes('Reason') && !fr.includes('Written'));
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('asks for the manager PIN above the threshold: a wrong PIN writes nothing, the right one writes', async () => {
    const { view, tmp } = await open();
    await view.write(`D1${TAB}D1${TAB}${TAB}600${TAB}bonus${F10}`);
    let f = await view.waitFor('Preview: 1 debtor,');
    expect(rowWith(f, 'Preview')).toContain('over R500.00: needs the manager PIN');
    await view.write(ENTER);
    await view.waitFor('Manager PIN:');
    await view.write(`9999${ENTER}`);
    f = await view.waitFor('Wrong manager PIN');
    expect(f).toContain('nothing was written');
    expect(f).not.toContain('9999');
    expect(available(tmp, 'D1')).toBe(1250);
    expect(adjustmentRows(tmp, 'D1')).toHaveLength(0);
    await view.write(MANAGER_PIN);
    f = await view.waitFor('Manager PIN: ****');
    expect(f).not.toContain(MANAGER_PIN);
    await view.write(ENTER);
    f = await view.waitFor('Written as BACKOFFICE-');
    expect(available(tmp, 'D1')).toBe(1250 + 60000);
  });

  it('resets Available to 0, and shows a refusal of the range in the form', async () => {
    const { view, tmp } = await open();
    await view.write(`D9${TAB}D9${TAB} ${TAB}${TAB}closing${ENTER}`);
    let f = await view.waitFor('No debtors from D9 to D9');
    expect(f).not.toContain('Preview');
    await view.write(`${'\x1b[Z'.repeat(4)}\x15D1${TAB}\x15D1${F10}`);
    f = await view.waitFor('Preview: 1 debtor,');
    expect(rowWith(f, 'D1 ')).toMatch(/12\.50\s+-12\.50/);
    await view.write(ENTER);
    await view.waitFor('Update Loyalties Accrued? (y/n)');
    await view.write('y');
    await view.waitFor('Written as BACKOFFICE-');
    expect(available(tmp, 'D1')).toBe(0);
  });
});
