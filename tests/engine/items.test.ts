import { describe, expect, it } from 'vitest';
import { indexItems } from '../../src/engine/items.js';
import type { Item } from '../../src/engine/types.js';
import { BREAD, EGGS, MILK } from './fixtures.js';

const CHEESE: Item = { code: 'CHS', barcode: '', description: 'Cheddar cheese 400g', price: 7999, taxRate: 1500 };
// A code that looks like another item's barcode: the exact code wins.
const CLASH: Item = { code: '6001000000028', barcode: '999', description: 'Apple juice', price: 2200, taxRate: 1500 };

describe('indexItems', () => {
  const index = indexItems([MILK, BREAD, EGGS, CHEESE, CLASH]);

  it('looks up by exact code, then barcode, then code in any case', () => {
    expect(index.lookup('MILK1')).toBe(MILK);
    expect(index.lookup('6001000000011')).toBe(MILK);
    expect(index.lookup(' 6001000000035 ')).toBe(EGGS);
    expect(index.lookup('6001000000028')).toBe(CLASH);
    expect(index.lookup('milk1')).toBe(MILK);
    expect(index.lookup('NOPE')).toBeUndefined();
    expect(index.lookup('')).toBeUndefined(); // empty barcodes are not indexed
    expect(index.size).toBe(5);
  });

  it('finds items containing every word, any case, sorted by description', () => {
    expect(index.find('e', 10).map((i) => i.code)).toEqual(['6001000000028', 'BRD', 'CHS', 'EGG6']);
    expect(index.find('CHEESE 400', 10)).toEqual([CHEESE]);
    expect(index.find('brown bread', 10)).toEqual([BREAD]);
    expect(index.find('milk1', 10)).toEqual([MILK]); // by code
    expect(index.find('bread milk', 10)).toEqual([]);
    expect(index.find('e', 2).map((i) => i.code)).toEqual(['6001000000028', 'BRD']);
    expect(index.find('', 3)).toHaveLength(3);
    expect(index.find('milk', 0)).toEqual([]);
  });

  it('stays fast on a large inventory', () => {
    const many: Item[] = Array.from({ length: 50_000 }, (_, i) => ({
      code: `C${i}`, barcode: `600${String(i).padStart(10, '0')}`, description: `Item number ${i}`, price: 100, taxRate: 1500 }));
    const big = indexItems(many);
    const t0 = performance.now();
    for (let i = 0; i < 50_000; i++) big.lookup(`600${String(i).padStart(10, '0')}`);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(big.lookup('6000000012345')?.code).toBe('C12345');
  });
});
