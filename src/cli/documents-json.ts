// The JSON shapes `sell`, `refund` and `sales` print (all money in cents).
import type { CompletedRefund, CompletedSale } from '../engine/types.js';

export function saleJson(sale: CompletedSale) {
  // A line's loyalty rate is kept with the sale's earning basis (0 when it earned nothing).
  const rates = new Map((sale.loyalty?.basis.lines ?? []).map((l) => [l.lineNo, l.rate]));
  return {
    saleNumber: sale.saleNumber,
    till: sale.till,
    operator: sale.operator,
    completedAt: sale.completedAt,
    lines: sale.lines.map((l) => ({
      lineNo: l.lineNo,
      code: l.itemCode,
      description: l.description,
      qty: l.qty,
      unitPrice: l.unitPrice,
      discount: l.discount,
      value: l.value,
      taxRate: l.taxRate,
      loyaltyRate: rates.get(l.lineNo) ?? 0,
    })),
    total: sale.total,
    tax: sale.taxTotal,
    taxLines: sale.tax,
    tenders: sale.tenders.map((t) => ({ tender: t.tenderCode, kind: t.kind, amount: t.amount })),
    rounding: sale.rounding,
    change: sale.change,
    debtor: sale.debtor ?? null,
    loyaltyRate: sale.loyalty?.rate ?? 0,
    loyaltyEarned: sale.loyalty?.earned ?? 0,
  };
}

export function refundJson(refund: CompletedRefund) {
  return {
    refundNumber: refund.refundNumber,
    saleNumber: refund.saleNumber,
    till: refund.till,
    operator: refund.operator,
    completedAt: refund.completedAt,
    lines: refund.lines.map((l) => ({ lineNo: l.lineNo, code: l.itemCode, description: l.description, qty: l.qty, value: l.value, taxRate: l.taxRate })),
    total: refund.total,
    tax: refund.taxTotal,
    taxLines: refund.tax,
    tenders: refund.tenders.map((t) => ({ tender: t.tenderCode, kind: t.kind, amount: t.amount })),
    rounding: refund.rounding,
    debtor: refund.debtor ?? null,
    loyaltyReversed: refund.loyalty?.reversed ?? 0,
  };
}
