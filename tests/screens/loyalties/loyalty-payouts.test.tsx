import { afterEach, describe, expect, it } from 'vitest';
import { LoyaltyPayoutsScreen, payoutField } from '../../../src/screens/loyalties/loyalty-payouts.js';
import { backOffice } from '../../../src/store/index.js';
import type { Rendered } from '../render.js';
import { DOWN, ENTER, ESC, F10, RIGHT, TAB } from '../keys.js';
import { MENU_TEXT, renderScreen, rowWith, tallestFrame } from '../forms/harness.js';
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

const CLEAR = '\x15';

async function open(): Promise<{ view: Rendered; tmp: Seeded }> {
  tmp = await seededStore();
  sellMay(tmp);
  tmp.setNow('2026-06-10T08:00:00Z');
  await backOffice(tmp.store).accrue({ kinds: ['monthly-payment', 'monthly-journal'], zeroUnused: false, operator: 'system' });
  view = await renderScreen(<LoyaltyPayoutsScreen />, tmp.store, 'Loyalty Payouts');
  await view.waitFor('Find debtor:');
  return { view, tmp };
}

describe('Loyalty Payouts', () => {
  it('puts a refusal at the field it is about', () => {
    expect(payoutField('Amount: R20.00 is more than the R12.50 Available to D1')).toBe('amount');
    expect(payoutField('Method: choose one of cash, direct-deposit, gift-voucher')).toBe('method');
  });

  it('finds the debtor by name, pays out part of Available by direct deposit and shows the document', async () => {
    const { view, tmp } = await open();
    let f = view.frame();
    expect(f.split('\n')[0]).toContain('Main Menu › Loyalties › Loyalty Payouts');
    expect(f).toContain('Thandi Mokoena');
    expect(f).toContain('Acme Catering');
    await view.write('thandi');
    f = await view.waitFor('1 of 3 debtors');
    expect(f).not.toContain('Acme');
    await view.write(ENTER);
    f = await view.waitFor('Debtor D1 Thandi Mokoena');
    expect(rowWith(f, 'Available')).toContain('R12.50');
    // The whole Available is suggested; typing replaces it.
    expect(rowWith(f, 'Amount')).toContain('12.50');
    await view.write(`20${F10}`);
    await view.waitFor('Pay out loyalties? (y/n)');
    await view.write('y');
    f = await view.waitFor('! Amount: R20.00 is more than the R12.50 Available to D1');
    expect(rowWith(f, 'Amount')).toMatch(/^│ >!/);
    expect(backOffice(tmp.store).enquiry('D1').balances.available).toBe(1250);
    await view.write(`${CLEAR}5${TAB}${RIGHT}${TAB}EFT 0042${ENTER}`);
    f = await view.waitFor('Pay out loyalties? (y/n)');
    expect(f).toContain('R5.00 to D1 Thandi Mokoena by direct deposit');
    await view.write('y');
    f = await view.waitFor('Paid out R5.00 to D1 Thandi Mokoena');
    const doc = /BACKOFFICE-\d{6}/.exec(rowWith(f, 'Document'))?.[0];
    expect(doc).toBeDefined();
    expect(rowWith(f, 'Method')).toContain('Direct deposit');
    expect(rowWith(f, 'Available now')).toContain('R7.50');
    const e = backOffice(tmp.store).enquiry('D1');
    expect(e.balances.available).toBe(750);
    expect(e.rows.at(-1)).toMatchObject({ document: doc, row: { kind: 'payout', amount: 500, method: 'direct-deposit' } });
    // Enter: the next payout starts at the debtor list; Esc from there leaves.
    await view.write(ENTER);
    await view.waitFor('Find debtor:');
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('picks with Up/Down, goes back with Esc, and writes nothing when not confirmed', async () => {
    const { view, tmp } = await open();
    await view.write(`${DOWN}${ENTER}`);
    let f = await view.waitFor('Debtor D2 Acme Catering');
    // A Journal Account debtor's accrual went to its account: nothing is available to pay out.
    expect(rowWith(f, 'Available')).toContain('R0.00');
    await view.write(ESC);
    await view.waitFor('Find debtor:');
    await view.write(`zzz${ENTER}`);
    await view.waitFor('No debtor matches "zzz"');
    await view.write(`${CLEAR}d1${ENTER}`);
    await view.waitFor('Debtor D1 Thandi Mokoena');
    await view.write(F10);
    f = await view.waitFor('Pay out loyalties? (y/n)');
    expect(f).toContain('R12.50 to D1 Thandi Mokoena by cash');
    await view.write('n');
    await view.waitFor('Payout: not made');
    expect(backOffice(tmp.store).enquiry('D1').balances.available).toBe(1250);
  });
});
