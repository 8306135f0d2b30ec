import { describe, expect, it } from 'vitest';
import { taxBreakdown, taxInGross, taxTotal } from '../../src/engine/tax.js';

describe('taxBreakdown', () => {
  it('groups by rate, sorted by rate, and rounds once per rate', () => {
    // Three lines of 0.10 at 15%: per line the tax would be round(1.304) = 1c each, 3c in all;
    // once per rate it is round(30 * 1500 / 11500) = round(3.913) = 4c.
    const lines = [
      { taxRate: 1500, value: 10 }, { taxRate: 0, value: 500 }, { taxRate: 1500, value: 10 },
      { taxRate: 1500, value: 10 }, { taxRate: 1400, value: 1140 },
    ];
    expect(taxBreakdown(lines)).toEqual([
      { rate: 0, gross: 500, tax: 0 },
      { rate: 1400, gross: 1140, tax: 140 },
      { rate: 1500, gross: 30, tax: 4 },
    ]);
  });

  it.each([
    [11500, 1500, 1500], [1999, 1500, 261], [100, 1500, 13], [115, 1500, 15], [0, 1500, 0], [1000, 0, 0],
    [10250, 250, 250], [1, 1500, 0], [4, 1500, 1], [10000, 10000, 5000], [3, 10000, 2],
  ])('gross %i at %i bp carries tax %i', (gross, rate, tax) => {
    expect(taxInGross(gross, rate)).toBe(tax);
  });

  it('rounds a half cent away from zero', () => {
    // 23 * 10000 / 20000 = 11.5 at a 100% rate -> 12 (and -12), where Math.round(-11.5) would give -11
    expect(taxInGross(23, 10000)).toBe(12);
    expect(taxInGross(-23, 10000)).toBe(-12);
  });

  it('leaves out rates with no value and sums the tax', () => {
    const tax = taxBreakdown([{ taxRate: 1500, value: 0 }, { taxRate: 0, value: 300 }, { taxRate: 1500, value: 2300 }]);
    expect(tax.map((t) => t.rate)).toEqual([0, 1500]);
    expect(taxTotal(tax)).toBe(300);
    expect(taxBreakdown([])).toEqual([]);
  });

  it('is exact for very large grosses', () => {
    expect(taxInGross(1150000000000000, 1500)).toBe(150000000000000);
  });
});
