import { describe, expect, it } from 'vitest';
import { buildRefund } from '../../src/engine/refund.js';
import { addItem, addTender, completeSale, newSale, setDiscount } from '../../src/engine/sale.js';
import { renderSlip } from '../../src/engine/slip.js';
import type { CompletedSale } from '../../src/engine/types.js';
import { BREAD, CARD, CASH, COMPANY, EGGS, MILK } from './fixtures.js';

const LONG = { ...MILK, code: 'LONG', description: 'Extra creamy full cream long life milk in a very large family size carton 2L' };

function sale(): CompletedSale {
  let s = newSale({ id: 's', till: 'T1', operator: 'ann', startedAt: '2024-05-01T12:00:00Z' });
  s = setDiscount(addItem(addItem(addItem(s, MILK), BREAD, 2), EGGS), 2, 200);
  s = addItem(s, LONG);
  s = addTender(addTender(s, CARD, 3000, 5), CASH, 10000, 5);
  return completeSale(s, { saleNumber: 'T1-000042', completedAt: '2024-05-01T12:03:07.000Z', cashRounding: 5 });
}

const widths = (text: string) => text.split('\n').map((l) => [...l].length);

describe('renderSlip', () => {
  it('prints a sale at 40 columns', () => {
    const text = renderSlip(sale(), COMPANY, 40);
    expect(text).toMatchInlineSnapshot(`
      "           Corner Cafe & Deli
                   12 Long Street
                   Cape Town 8001
                 Tax No: 4123456789
      ----------------------------------------
      SALE T1-000042
      2024-05-01 14:03:07
      Till: T1                   Operator: ann
      ----------------------------------------
      Milk 1L
        1 x R19.99                      R19.99
      Bread brown 700g
        2 x R12.50                      R25.00
        Discount                        -R2.00
      Eggs 6 large
        1 x R30.03                      R30.03
      Extra creamy full cream long life milk i
        1 x R19.99                      R19.99
      ----------------------------------------
      TOTAL                             R93.01
      Cash rounding                     -R0.01
      Card                              R30.00
      Cash                             R100.00
      CHANGE                            R37.00
      Items: 5
      ----------------------------------------
      VAT 0%: taxable R30.03, tax R0.00
      VAT 15%: taxable R54.77, tax R8.21
      "
    `);
  });

  it('prints one row per line at 80 columns', () => {
    const lines = renderSlip(sale(), COMPANY, 80).split('\n');
    const milk = lines.find((l) => l.startsWith('Milk 1L'));
    expect(milk).toMatch(/^Milk 1L +1 x R19\.99 +R19\.99$/);
    expect(milk).toHaveLength(80);
    expect(lines.some((l) => l.startsWith('Extra creamy full cream long life milk') && l.endsWith('R19.99'))).toBe(true);
  });

  it.each([40, 80] as const)('never exceeds %i columns, even with long names and huge amounts', (width) => {
    const huge = { ...EGGS, description: 'X'.repeat(200), price: 900_000_000_000 };
    let s = newSale({ id: 's', till: 'TILL-WITH-A-LONG-NAME-000000000000', operator: 'o'.repeat(90), startedAt: 'x' });
    s = addItem(addItem(s, huge, 9999), LONG);
    s = addTender(s, CASH, undefined, 10);
    const done = completeSale(s, { saleNumber: 'T1-000001', completedAt: '2024-12-31T23:59:59Z', cashRounding: 10 });
    const company = { ...COMPANY, storeName: 'S'.repeat(120), address: `${'A'.repeat(95)}\nshort\ttabbed`, currencySymbol: 'ZAR ' };
    for (const doc of [done, buildRefund({ sale: done, priorRefunds: [], request: 'all', refundNumber: 'T1-000002', till: 'T1',
      operator: 'x', completedAt: '2024-12-31T23:59:59Z', tender: CASH, cashRounding: 10 })]) {
      for (const reprint of [false, true]) {
        const text = renderSlip(doc, company, width, { reprint });
        expect(Math.max(...widths(text))).toBeLessThanOrEqual(width);
        // descriptions are cut, amounts never
        expect(text).toContain(doc.kind === 'sale' ? 'ZAR 9000000000.00' : 'ZAR 89991000000000.00');
        expect(text).toContain('ZAR 89991000000019.99');
        if (doc.kind === 'sale') expect(text).toContain(`Operator: ${'o'.repeat(width - 10)}\n`);
        expect(text).not.toMatch(/\t/);
      }
    }
  });

  it('marks a reprint at top and bottom', () => {
    const lines = renderSlip(sale(), COMPANY, 40, { reprint: true }).trimEnd().split('\n');
    expect(lines[0]?.trim()).toBe('*** REPRINT ***');
    expect(lines.at(-1)?.trim()).toBe('*** REPRINT ***');
    expect(renderSlip(sale(), COMPANY, 40)).not.toContain('REPRINT');
  });

  it('prints a refund with its sale number, paid-back tender and tax', () => {
    const done = sale();
    const refund = buildRefund({ sale: done, priorRefunds: [], request: [{ lineNo: 2, qty: 1 }], refundNumber: 'T1-000043',
      till: 'T1', operator: 'bob', completedAt: '2024-05-02T08:00:00Z', tender: CASH, cashRounding: 5 });
    const text = renderSlip(refund, COMPANY, 40);
    expect(text).toContain('REFUND T1-000043 of T1-000042\n');
    expect(text).toContain('2024-05-02 10:00:00\n');
    expect(text).toMatch(/2\. Bread brown 700g\n {2}Returned 1 +R11\.50\n/);
    expect(text).toMatch(/REFUND TOTAL +R11\.50\n/);
    expect(text).toMatch(/Paid back Cash +R11\.50\n/);
    expect(text).toContain('VAT 15%: taxable R10.00, tax R1.50\n');
    expect(text).not.toContain('Cash rounding');
  });

  it('formats the time in the store time zone and with the store currency', () => {
    const text = renderSlip(sale(), { ...COMPANY, timeZone: 'America/New_York', currencySymbol: '$' }, 40);
    expect(text).toContain('2024-05-01 08:03:07\n');
    expect(text).toMatch(/TOTAL +\$93\.01\n/);
    expect(renderSlip(sale(), { ...COMPANY, timeZone: 'Not/AZone' }, 40)).toContain('2024-05-01 12:03:07 UTC\n');
  });
});
