// Refunds of a completed sale: some or all of its lines, never more units than were sold over all
// refunds of that sale, with values that telescope so that returning everything (in one refund or
// many) gives back exactly what the line cost.
import { assert, ERR } from './errors.js';
import { deepFreeze } from './freeze.js';
import { assertQty } from './sale-lines.js';
import { roundHalfAwayFromZero, roundCash } from './rounding.js';
import { taxBreakdown, taxTotal } from './tax.js';
import type {
  CashRounding, Cents, CompletedLine, CompletedRefund, CompletedSale, RefundLine, Tender,
} from './types.js';

export interface RefundRequestItem {
  lineNo: number;
  qty: number;
}

export interface BuildRefundInput {
  sale: CompletedSale;
  /** Every earlier refund of this sale, from any till (others' sale numbers are ignored). */
  priorRefunds: readonly CompletedRefund[];
  request: readonly RefundRequestItem[] | 'all';
  refundNumber: string;
  till: string;
  operator: string;
  /** ISO instant of the refund (the caller's clock). */
  completedAt: string;
  /** The tender the money is paid back on (callers default to CASH). */
  tender: Tender;
  cashRounding: CashRounding;
}

/** Units already returned per sale line number. */
export function refundedQty(sale: CompletedSale, priorRefunds: readonly CompletedRefund[]): Map<number, number> {
  const done = new Map<number, number>();
  for (const refund of priorRefunds) {
    if (refund.saleNumber !== sale.saleNumber) continue;
    for (const line of refund.lines) done.set(line.lineNo, (done.get(line.lineNo) ?? 0) + line.qty);
  }
  return done;
}

/**
 * Value of returning `more` units of a line after `already` were returned:
 * round(V*(p+r)/q) - round(V*p/q). Summed over any sequence of refunds this telescopes to
 * round(V*returned/q), which is exactly V once every unit is back.
 */
export function refundValue(line: Pick<CompletedLine, 'qty' | 'value'>, already: number, more: number): Cents {
  const upTo = (units: number): Cents => roundHalfAwayFromZero(BigInt(line.value) * BigInt(units), BigInt(line.qty));
  return upTo(already + more) - upTo(already);
}

function requestedUnits(input: BuildRefundInput, done: Map<number, number>): Map<number, number> {
  const { sale, request } = input;
  const wanted = new Map<number, number>();
  if (request === 'all') {
    for (const line of sale.lines) {
      const left = line.qty - (done.get(line.lineNo) ?? 0);
      if (left > 0) wanted.set(line.lineNo, left);
    }
    assert(wanted.size > 0, ERR.NOTHING_TO_REFUND, `Everything on sale ${sale.saleNumber} has already been returned`);
    return wanted;
  }
  assert(request.length > 0, ERR.NO_LINES, 'Choose at least one line to return');
  const last = sale.lines.length;
  for (const item of request) {
    assert(Number.isInteger(item.lineNo) && sale.lines.some((l) => l.lineNo === item.lineNo), ERR.LINE_NOT_FOUND,
      `Sale ${sale.saleNumber} has no line ${item.lineNo} (lines 1 to ${last})`);
    assertQty(item.qty);
    wanted.set(item.lineNo, (wanted.get(item.lineNo) ?? 0) + item.qty);
  }
  for (const [lineNo, qty] of wanted) {
    const line = sale.lines.find((l) => l.lineNo === lineNo) as CompletedLine;
    const returned = done.get(lineNo) ?? 0;
    const left = line.qty - returned;
    assert(qty <= left, ERR.OVER_REFUND,
      left === 0
        ? `Line ${lineNo} (${line.description}) has already been returned in full (${line.qty} sold)`
        : `Line ${lineNo} (${line.description}): only ${left} more can be returned ` +
          `(${line.qty} sold, ${returned} returned already; asked ${qty})`);
  }
  return wanted;
}

/**
 * Sign convention: every amount on a refund is positive money going back to the customer.
 * `rounding` = paid out - total: with a cash tender the payout is roundCash(total), so rounding
 * is positive when the customer receives a little more and negative when a little less; it is 0
 * for non-cash tenders, which pay back the exact total.
 */
export function buildRefund(input: BuildRefundInput): CompletedRefund {
  const { sale, tender } = input;
  const done = refundedQty(sale, input.priorRefunds);
  const wanted = requestedUnits(input, done);
  const lines: RefundLine[] = sale.lines
    .filter((l) => wanted.has(l.lineNo))
    .map((l) => {
      const qty = wanted.get(l.lineNo) as number;
      return { lineNo: l.lineNo, itemCode: l.itemCode, description: l.description, qty, taxRate: l.taxRate,
        value: refundValue(l, done.get(l.lineNo) ?? 0, qty) };
    });
  const total = lines.reduce((sum, l) => sum + l.value, 0);
  const tax = taxBreakdown(lines);
  const paid = tender.kind === 'cash' ? roundCash(total, input.cashRounding) : total;
  return deepFreeze({
    kind: 'refund',
    refundNumber: input.refundNumber,
    saleNumber: sale.saleNumber,
    till: input.till,
    operator: input.operator,
    completedAt: input.completedAt,
    lines,
    total,
    tax,
    taxTotal: taxTotal(tax),
    tenders: [{ tenderCode: tender.code, kind: tender.kind, name: tender.name, amount: paid }],
    rounding: paid - total,
  });
}
