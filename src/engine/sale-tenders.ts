// Taking and removing tenders. Change is given in cash only, so non-cash tenders are capped at the
// balance; cash may exceed what is due (the excess is change).
import { assert, ERR } from './errors.js';
import { formatMoney, type MoneyFormat } from './money.js';
import { activeLines, balanceDue, cashDue, saleTotals } from './sale-totals.js';
import type { CashRounding, Cents, OpenSale, Tender, TenderTaken } from './types.js';

/**
 * The most change a cash tender may give: the cash due itself or 5,000.00 (in minor units),
 * whichever is larger. A barcode scanned into the amount field (R60,012,345,678.90) is refused
 * instead of becoming change, while paying R50.00 with a R200 note, or a R9,000.00 sale with
 * R10,000.00, goes through.
 */
export const MAX_CHANGE_FLOOR: Cents = 500_000;

/** A tender by exact code, then case-insensitive code, then by kind (first of that kind). */
export function resolveTender(tenders: readonly Tender[], codeOrKind: string): Tender {
  const wanted = codeOrKind.trim();
  const upper = wanted.toUpperCase();
  const found = tenders.find((t) => t.code === wanted)
    ?? tenders.find((t) => t.code.toUpperCase() === upper)
    ?? tenders.find((t) => t.kind === wanted.toLowerCase());
  assert(found !== undefined, ERR.UNKNOWN_TENDER,
    `No tender "${codeOrKind}": use one of ${tenders.map((t) => t.code).join(', ') || '(none set up)'}` +
    ' or a kind (cash, card, account, loyalty, other)');
  return found;
}

/**
 * Takes `amount` on `tender`; undefined = the balance (for cash: the rounded cash due). A cash
 * tender of 0 is accepted only when the rounded cash due is 0 (the balance rounds away).
 */
export function addTender(
  sale: OpenSale,
  tender: Tender,
  amount: Cents | undefined,
  cashRounding: CashRounding,
  money: MoneyFormat = {},
): OpenSale {
  assert(activeLines(sale).length > 0, ERR.NO_LINES, 'Scan at least one item before taking a tender');
  const totals = saleTotals(sale, cashRounding);
  assert(!totals.settled, ERR.ALREADY_SETTLED, 'The sale is already paid in full: complete it');
  const isCash = tender.kind === 'cash';
  const due = isCash ? cashDue(sale, cashRounding) : balanceDue(sale);
  const taken = amount ?? due;
  assert(Number.isSafeInteger(taken), ERR.BAD_AMOUNT, `Tender amount must be whole cents (got ${String(amount)})`);
  assert(taken > 0 || (isCash && due === 0 && taken === 0), ERR.BAD_AMOUNT,
    `Tender amount must be more than ${formatMoney(0, money)} (got ${formatMoney(taken, money)})`);
  assert(isCash || taken <= due, ERR.NON_CASH_OVER_DUE,
    `Change is given in cash only: ${tender.code} can take at most ${formatMoney(due, money)}`);
  const most = Math.min(Number.MAX_SAFE_INTEGER, due + Math.max(due, MAX_CHANGE_FLOOR));
  if (isCash && taken > most) {
    assert(false, ERR.BAD_AMOUNT,
      `${formatMoney(taken, money)} is far more than the ${formatMoney(due, money)} due: check the amount (at most ${formatMoney(most, money)} in cash)`);
  }
  const line: TenderTaken = { tenderCode: tender.code, kind: tender.kind, name: tender.name, amount: taken };
  return { ...sale, tenders: [...sale.tenders, line] };
}

/** Removes the tender at `index` (0-based, in the order taken). */
export function removeTender(sale: OpenSale, index: number): OpenSale {
  assert(Number.isInteger(index) && index >= 0 && index < sale.tenders.length, ERR.TENDER_NOT_FOUND,
    sale.tenders.length === 0
      ? 'There are no tenders on this sale to remove'
      : `Choose a tender from 1 to ${sale.tenders.length} to remove (got ${index + 1})`);
  return { ...sale, tenders: sale.tenders.filter((_, i) => i !== index) };
}
