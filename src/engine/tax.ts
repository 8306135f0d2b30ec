// Tax breakdown per rate. Prices include tax, so the tax in a gross amount is gross * r / (1 + r),
// rounded once per rate (not per line) so the slip's figures add up the way an auditor checks them.
import { roundHalfAwayFromZero } from './rounding.js';
import type { BasisPoints, Cents, TaxLine } from './types.js';

export interface TaxableValue {
  taxRate: BasisPoints;
  value: Cents;
}

/** Tax contained in a tax-inclusive gross at one rate. */
export function taxInGross(gross: Cents, rate: BasisPoints): Cents {
  return roundHalfAwayFromZero(BigInt(gross) * BigInt(rate), BigInt(10000 + rate));
}

/** One TaxLine per rate that has any value, sorted by rate; the grosses sum to the lines' total. */
export function taxBreakdown(lines: readonly TaxableValue[]): TaxLine[] {
  const gross = new Map<BasisPoints, Cents>();
  for (const line of lines) gross.set(line.taxRate, (gross.get(line.taxRate) ?? 0) + line.value);
  return [...gross.entries()]
    .filter(([, g]) => g !== 0)
    .sort(([a], [b]) => a - b)
    .map(([rate, g]) => ({ rate, gross: g, tax: taxInGross(g, rate) }));
}

export function taxTotal(tax: readonly TaxLine[]): Cents {
  return tax.reduce((sum, t) => sum + t.tax, 0);
}
