// Turning a settled open sale into the immutable record that is journalled and printed.
import { assert, ERR } from './errors.js';
import { deepFreeze } from './freeze.js';
import { formatMoney, type MoneyFormat } from './money.js';
import { activeLines, lineValue, saleTotals } from './sale-totals.js';
import type { CashRounding, CompletedLine, CompletedSale, OpenSale } from './types.js';

export interface CompleteSaleInput {
  saleNumber: string;
  /** ISO instant of completion (the caller's clock). */
  completedAt: string;
  cashRounding: CashRounding;
  /** Only for amounts in error messages. */
  money?: MoneyFormat;
}

export function completeSale(sale: OpenSale, input: CompleteSaleInput): CompletedSale {
  const active = activeLines(sale);
  assert(active.length > 0, ERR.NO_LINES, 'A sale needs at least one line that is not voided');
  const totals = saleTotals(sale, input.cashRounding);
  assert(totals.settled, ERR.SHORT_TENDER,
    `${formatMoney(totals.due, input.money ?? {})} is still due: take another tender`);
  // Slip line numbers skip voided lines, so the numbers a refund takes match the printed slip.
  const lines: CompletedLine[] = active.map((l, i) => ({
    lineNo: i + 1, itemCode: l.itemCode, barcode: l.barcode, description: l.description, qty: l.qty,
    unitPrice: l.unitPrice, taxRate: l.taxRate, discount: l.discount, value: lineValue(l),
  }));
  return deepFreeze({
    kind: 'sale',
    saleNumber: input.saleNumber,
    saleId: sale.id,
    till: sale.till,
    operator: sale.operator,
    startedAt: sale.startedAt,
    completedAt: input.completedAt,
    lines,
    voidedLines: sale.lines.length - active.length,
    total: totals.total,
    tax: totals.tax.map((t) => ({ ...t })),
    taxTotal: totals.taxTotal,
    tenders: sale.tenders.map((t) => ({ ...t })),
    rounding: totals.rounding,
    change: totals.change,
  });
}
