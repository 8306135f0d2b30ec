// F11 Attach debtor on the till screen: find by name, attach, and the sale panel's debtor row
// with the rate that applies and the credit this sale earns; contract prices follow at once.
import { afterEach, describe, expect, it } from 'vitest';
import { ENTER, ESC, F11 } from '../keys.js';
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

async function withDebtor(): Promise<TillFixture> {
  const fx = await openTill({ items: [
    { code: 'MILK', barcode: '6001000000011', description: 'Full Cream Milk 1L', price: 2000, taxRate: 1500, loyalty: { loyaltyApplicable: true } },
  ] });
  await fx.store.edit('debtors', (d) => {
    d.debtors.push({ code: 'D1', name: 'Thandi Mokoena', cellphone: '+27821234567', email: '', account: { creditLimit: 0, onHold: false },
      loyalty: { applicable: 'monthly-payment', excludeFromContracts: false, tiers: [{ target: 20000, rate: 250 }], switchedOnAt: '2026-01-01T00:00:00Z' } });
  });
  await fx.store.edit('contracts', (d) => {
    d.contracts.push({ debtor: 'D1', item: 'MILK', price: 1800, excludeFromRebates: false });
  });
  return fx;
}

describe('POS attach debtor (F11)', () => {
  it('finds a debtor by name, attaches it and shows the rate and the credit this sale earns', async () => {
    f = await withDebtor();
    view = await renderPos(f);
    await view.write(`MILK${ENTER}`);
    await view.waitFor('Total R20.00');
    await view.write(F11);
    await view.waitFor('Find debtor:');
    await view.write('thandi');
    await view.waitFor('+27821234567');
    await view.write(ENTER);
    // 18.00 (the contract price) x 2.5% = 0.45.
    const frame = await view.waitFor('this sale earns R0.45');
    expect(frame).toContain('Debtor D1 Thandi Mokoena');
    expect(frame).toContain('loyalty 2.5%');
    expect(frame).toContain('Total R18.00');
    expect(f.till.getState().sale?.debtor).toBe('D1');
    expect(framesFit(view, 24, 80)).toBe(true);
  });

  it('closes with Esc and changes nothing', async () => {
    f = await withDebtor();
    view = await renderPos(f);
    await view.write(F11);
    await view.waitFor('Find debtor:');
    await view.write(ESC);
    await view.waitFor('ENTRY');
    expect(f.till.getState().sale).toBeNull();
  });
});
