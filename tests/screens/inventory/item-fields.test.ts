import { describe, expect, it } from 'vitest';
import { parseItemsCsv } from '../../../src/cli/items-csv.js';
import type { Item } from '../../../src/engine/types.js';
import { FLAG_OFF, FLAG_ON, type FieldDef, type FormValues } from '../../../src/screens/forms/field-types.js';
import { matchesEveryWord } from '../../../src/screens/forms/list-search.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import { applyItem, itemEditFromValues, itemFields, itemValues } from '../../../src/screens/inventory/item-fields.js';
import { itemMatches, loyaltyCell } from '../../../src/screens/inventory/inventory.js';
import type { ItemsDoc } from '../../../src/store/documents-types.js';

const MILK: Item = { code: 'MILK2L', barcode: '6001000000011', description: 'Milk 2L', price: 3299, taxRate: 1500 };
const BREAD: Item = { code: 'BREAD', barcode: '6001000000028', description: 'Brown bread', price: 1749, taxRate: 0 };

const doc = (...items: Item[]): ItemsDoc => ({ schemaVersion: 1, items: structuredClone(items) });

/** Null when every field of the form takes these values, else the first refusal. */
function formRefusal(values: FormValues, items: readonly Item[] = [MILK]): string | null {
  const defs = itemFields({ editing: null, items: () => items });
  const all = { ...itemValues(null), ...values };
  for (const d of defs as FieldDef[]) {
    const m = validateField(d, all[d.key] ?? '', all);
    if (m !== null) return m;
  }
  return null;
}

/** Null when `import items` takes the row, else its first problem. */
function csvRefusal(row: { code?: string; barcode?: string; description?: string; price?: string; taxRate?: string; loyalty?: string; loyaltyPercent?: string }): string | null {
  const r = { code: 'X1', barcode: '', description: 'Thing', price: '1.00', taxRate: '15', loyalty: 'no', loyaltyPercent: '', ...row };
  const text = `code,barcode,description,price,taxRate,loyalty,loyaltyPercent\n${[r.code, r.barcode, r.description, r.price, r.taxRate, r.loyalty, r.loyaltyPercent].join(',')}\n`;
  try {
    parseItemsCsv(text, 'f.csv');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('the Item file takes exactly what `import items` takes', () => {
  const cases: [string, Record<string, string>][] = [
    ['code', { code: 'A1' }], ['code', { code: 'a.b_c-d' }], ['code', { code: 'A/B' }], ['code', { code: 'A B' }],
    ['code', { code: 'X'.repeat(24) }], ['code', { code: 'X'.repeat(25) }],
    ['barcode', { barcode: '' }], ['barcode', { barcode: '6001000000042' }], ['barcode', { barcode: '600-1' }], ['barcode', { barcode: 'A'.repeat(32) }], ['barcode', { barcode: 'A'.repeat(33) }],
    ['description', { description: 'x'.repeat(60) }], ['description', { description: 'x'.repeat(61) }],
    ['price', { price: '19.99' }], ['price', { price: '0' }], ['price', { price: '.5' }], ['price', { price: '-1' }], ['price', { price: '1.234' }],
    ['price', { price: 'abc' }], ['price', { price: '1e3' }],
    ['taxRate', { taxRate: '15' }], ['taxRate', { taxRate: '' }], ['taxRate', { taxRate: '2.5' }], ['taxRate', { taxRate: '15%' }], ['taxRate', { taxRate: '100' }],
    ['taxRate', { taxRate: '100.01' }], ['taxRate', { taxRate: '150' }], ['taxRate', { taxRate: '1.234' }], ['taxRate', { taxRate: '-1' }],
    ['loyaltyPercent', { loyalty: 'yes', loyaltyPercent: '7.5' }], ['loyaltyPercent', { loyalty: 'yes', loyaltyPercent: '' }],
    ['loyaltyPercent', { loyalty: 'yes', loyaltyPercent: '101' }], ['loyaltyPercent', { loyalty: 'no', loyaltyPercent: '5' }],
    ['loyaltyPercent', { loyalty: 'no', loyaltyPercent: '' }],
  ];
  it.each(cases)('%s %j', (_field, row) => {
    const form: FormValues = { code: 'X1', barcode: '', description: 'Thing', price: '1.00', taxRate: '15', ...row };
    if (row.loyalty !== undefined) form.loyalty = row.loyalty === 'yes' ? FLAG_ON : FLAG_OFF;
    const screen = formRefusal(form);
    const csv = csvRefusal(row);
    expect(screen === null, `screen: ${screen}\ncsv: ${csv}`).toBe(csv === null);
  });

  it('an empty description or price is refused by both', () => {
    expect(formRefusal({ code: 'X1', description: '' })).toBe('Description is required');
    expect(csvRefusal({ description: '' })).toMatch(/description is required/);
    expect(formRefusal({ code: 'X1', description: 'T', price: '' })).toMatch(/^Price incl\. tax: Enter an amount/);
    expect(csvRefusal({ price: '' })).toMatch(/price: Enter an amount/);
  });

  it('a code with / is refused at the line by the import (the store never took one)', () => {
    expect(csvRefusal({ code: 'A/B' })).toBe('f.csv: line 2: code "A/B" must be 1-24 letters, digits or . _ -');
    expect(formRefusal({ code: 'A/B' })).toBe('Code: must be 1-24 letters, digits or . _ -');
  });

  it('refuses a code or barcode that another item has', () => {
    expect(formRefusal({ code: 'MILK2L' })).toBe('Code: item MILK2L already exists; choose another code');
    expect(formRefusal({ code: 'X1', barcode: '6001000000011' })).toBe('Barcode: 6001000000011 already belongs to item MILK2L');
  });

  it('when editing, the item keeps its own barcode and its code is read-only', () => {
    const defs = itemFields({ editing: MILK, items: () => [MILK, BREAD] });
    expect(defs.find((d) => d.key === 'code')?.readOnly).toBe(true);
    const values = itemValues(MILK);
    for (const d of defs) if (d.readOnly !== true) expect(validateField(d, values[d.key] ?? '', values), d.key).toBeNull();
    const barcode = defs.find((d) => d.key === 'barcode')!;
    expect(validateField(barcode, BREAD.barcode, values)).toBe('Barcode: 6001000000028 already belongs to item BREAD');
  });

  it('puts General and Extra fields on their tabs', () => {
    const defs = itemFields({ editing: null, items: () => [] });
    expect(defs.map((d) => [d.key, d.tab])).toEqual([
      ['code', 'General'], ['barcode', 'General'], ['description', 'General'], ['price', 'General'], ['taxRate', 'General'],
      ['loyalty', 'Extra'], ['loyaltyPercent', 'Extra'],
    ]);
  });
});

describe('applyItem (under the store lock)', () => {
  const values = (over: FormValues = {}): FormValues => ({ ...itemValues(null), code: 'TEA', description: 'Tea', price: '12.50', ...over });

  it('adds at the end; an empty tax rate means the standard rate; no loyalty settings unless set', () => {
    const d = doc(MILK);
    applyItem(d, itemEditFromValues(values({ taxRate: '' })), true);
    expect(d.items[1]).toEqual({ code: 'TEA', barcode: '', description: 'Tea', price: 1250, taxRate: 1500 });
  });

  it('re-checks the code and the barcode against the document as it is now', () => {
    expect(() => applyItem(doc(MILK), itemEditFromValues(values({ code: 'MILK2L' })), true)).toThrow('Code: item MILK2L already exists');
    expect(() => applyItem(doc(MILK, BREAD), itemEditFromValues(values({ barcode: '6001000000028' })), true))
      .toThrow('Barcode: 6001000000028 already belongs to item BREAD');
    expect(() => applyItem(doc(BREAD), itemEditFromValues(itemValues(MILK)), false)).toThrow('Item MILK2L no longer exists');
  });

  it('an edit keeps the order, fields it does not show, and the tax rate when the field is empty', () => {
    const later = { ...MILK, colour: 'white' } as Item;
    const d = doc(later, BREAD);
    applyItem(d, itemEditFromValues({ ...itemValues(MILK), price: '34.99', taxRate: '' }), false);
    expect(d.items.map((i) => i.code)).toEqual(['MILK2L', 'BREAD']);
    expect(d.items[0]).toEqual({ ...later, price: 3499 });
  });

  it('loyalty: on with or without an own rate; off drops the rate but keeps that it was set', () => {
    const d = doc(MILK);
    applyItem(d, itemEditFromValues({ ...itemValues(MILK), loyalty: FLAG_ON, loyaltyPercent: '7.5' }), false);
    expect(d.items[0]!.loyalty).toEqual({ loyaltyApplicable: true, loyaltyRate: 750 });
    applyItem(d, itemEditFromValues({ ...itemValues(d.items[0]!), loyaltyPercent: '' }), false);
    expect(d.items[0]!.loyalty).toEqual({ loyaltyApplicable: true });
    applyItem(d, itemEditFromValues({ ...itemValues(d.items[0]!), loyalty: FLAG_OFF }), false);
    expect(d.items[0]!.loyalty).toEqual({ loyaltyApplicable: false });
  });
});

describe('the list', () => {
  it('loyalty column: No, Yes, or the own percentage', () => {
    expect(loyaltyCell(MILK)).toBe('No');
    expect(loyaltyCell({ ...MILK, loyalty: { loyaltyApplicable: false } })).toBe('No');
    expect(loyaltyCell({ ...MILK, loyalty: { loyaltyApplicable: true } })).toBe('Yes');
    expect(loyaltyCell({ ...MILK, loyalty: { loyaltyApplicable: true, loyaltyRate: 1225 } })).toBe('12.25%');
  });

  it('search: every word in code, barcode or description, any case', () => {
    expect(itemMatches(MILK, '')).toBe(true);
    expect(itemMatches(MILK, 'milk')).toBe(true);
    expect(itemMatches(MILK, '  MILK   2l ')).toBe(true);
    expect(itemMatches(MILK, '0011 milk')).toBe(true);
    expect(itemMatches(MILK, 'milk bread')).toBe(false);
    expect(matchesEveryWord('b r', ['Brown bread'])).toBe(true);
  });
});
