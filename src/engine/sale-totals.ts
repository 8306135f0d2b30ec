// What a sale adds up to, what it still owes, and how cash rounding settles it.
//
// Cash rounding applies to the cash tender only. With nonCash = sum of non-cash tenders and
// cash = sum of cash tenders, the part left for cash is dueBeforeCash = total - nonCash. Once a
// cash tender is on the sale: rounding = roundCash(dueBeforeCash) - dueBeforeCash (positive when
// the customer pays a little more), settled when cash >= dueBeforeCash + rounding, and
// change = cash - (dueBeforeCash + rounding). Without cash, settled only when nonCash == total
// (no rounding, no change: change is given in cash only). Hence, when settled,
// tendered - change - rounding == total.
import { taxBreakdown, taxTotal } from './tax.js';
import { roundCash } from './rounding.js';
import type { CashRounding, Cents, OpenSale, SaleLine, SaleTotals, TenderTaken } from './types.js';

export function lineValue(line: Pick<SaleLine, 'qty' | 'unitPrice' | 'discount'>): Cents {
  return line.qty * line.unitPrice - line.discount;
}

export function activeLines(sale: OpenSale): SaleLine[] {
  return sale.lines.filter((l) => !l.voided);
}

export function saleTotal(sale: OpenSale): Cents {
  return activeLines(sale).reduce((sum, l) => sum + lineValue(l), 0);
}

interface TenderSums {
  cash: Cents;
  nonCash: Cents;
  /** True when any cash tender is on the sale (even one of 0: see cashDue). */
  hasCash: boolean;
}

function tenderSums(tenders: readonly TenderTaken[]): TenderSums {
  let cash = 0;
  let nonCash = 0;
  let hasCash = false;
  for (const t of tenders) {
    if (t.kind === 'cash') {
      cash += t.amount;
      hasCash = true;
    } else {
      nonCash += t.amount;
    }
  }
  return { cash, nonCash, hasCash };
}

export function saleTotals(sale: OpenSale, cashRounding: CashRounding): SaleTotals {
  const lines = activeLines(sale);
  const total = lines.reduce((sum, l) => sum + lineValue(l), 0);
  const tax = taxBreakdown(lines.map((l) => ({ taxRate: l.taxRate, value: lineValue(l) })));
  const { cash, nonCash, hasCash } = tenderSums(sale.tenders);
  const tendered = cash + nonCash;
  const base = { total, tax, taxTotal: taxTotal(tax), tendered };
  if (!hasCash) {
    const settled = nonCash === total;
    return { ...base, rounding: 0, due: Math.max(0, total - nonCash), change: 0, settled };
  }
  const dueBeforeCash = total - nonCash;
  const rounding = roundCash(dueBeforeCash, cashRounding) - dueBeforeCash;
  const cashNeeded = dueBeforeCash + rounding;
  const settled = cash >= cashNeeded;
  return {
    ...base,
    rounding,
    due: settled ? 0 : cashNeeded - cash,
    change: settled ? cash - cashNeeded : 0,
    settled,
  };
}

/**
 * What a non-cash tender may still take: the unrounded balance (total - everything tendered).
 * Change is given in cash only, so a card never takes more than this.
 */
export function balanceDue(sale: OpenSale): Cents {
  const { cash, nonCash } = tenderSums(sale.tenders);
  return Math.max(0, saleTotal(sale) - cash - nonCash);
}

/**
 * The rounded amount a (further) cash tender must cover to settle the sale. It can be 0 while a
 * balance remains (2c left at 5c rounding rounds to nothing): a cash tender of 0 then settles it.
 */
export function cashDue(sale: OpenSale, cashRounding: CashRounding): Cents {
  const { cash, nonCash } = tenderSums(sale.tenders);
  return Math.max(0, roundCash(saleTotal(sale) - nonCash, cashRounding) - cash);
}
