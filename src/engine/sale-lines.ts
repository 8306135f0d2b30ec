// Ringing up lines: every function returns a new sale and leaves its input untouched.
import { assert, ERR } from './errors.js';
import { formatMoney, type MoneyFormat } from './money.js';
import { assertRate } from './rate.js';
import type { Cents, Item, OpenSale, SaleLine } from './types.js';

export const MAX_QTY = 9999;

export interface NewSaleInput {
  id: string;
  till: string;
  operator: string;
  /** ISO instant the sale started (the caller's clock). */
  startedAt: string;
}

export function newSale(input: NewSaleInput): OpenSale {
  return { id: input.id, till: input.till, operator: input.operator, startedAt: input.startedAt,
    lines: [], tenders: [], nextLineId: 1 };
}

/** Refuses with NO_SALE when there is no open sale; lets callers holding `OpenSale | null` narrow. */
export function requireSale(sale: OpenSale | null | undefined): OpenSale {
  assert(sale != null, ERR.NO_SALE, 'No sale is open: scan an item to start one');
  return sale;
}

export function assertQty(qty: number): void {
  assert(Number.isInteger(qty) && qty >= 1 && qty <= MAX_QTY, ERR.BAD_QUANTITY,
    `Quantity must be a whole number from 1 to ${MAX_QTY} (got ${qty})`);
}

// Changing lines under tenders would silently leave a card charged for more than the sale.
function assertNoTenders(sale: OpenSale): void {
  assert(sale.tenders.length === 0, ERR.LINES_LOCKED,
    'Remove the tenders first (F-key shown by the screen) to change lines');
}

function assertLineValue(qty: number, unitPrice: Cents): void {
  assert(Number.isSafeInteger(qty * unitPrice), ERR.BAD_QUANTITY,
    `Line value is too large to hold exactly (${qty} x ${unitPrice} cents)`);
}

function findActiveLine(sale: OpenSale, lineId: number): SaleLine {
  const line = sale.lines.find((l) => l.id === lineId);
  assert(line !== undefined, ERR.LINE_NOT_FOUND, `There is no line ${lineId} on this sale`);
  assert(!line.voided, ERR.LINE_VOIDED, `Line ${lineId} (${line.description}) is voided and cannot change`);
  return line;
}

function replaceLine(sale: OpenSale, line: SaleLine): OpenSale {
  return { ...sale, lines: sale.lines.map((l) => (l.id === line.id ? line : l)) };
}

/** Adds a NEW line for every scan (even of the same item): each scan is one line on the slip. */
export function addItem(sale: OpenSale, item: Item, qty = 1): OpenSale {
  assertNoTenders(sale);
  assertQty(qty);
  assert(Number.isSafeInteger(item.price) && item.price >= 0, ERR.BAD_PRICE,
    `Item ${item.code} has no valid price (whole cents >= 0, got ${item.price})`);
  assertRate(item.taxRate, `Tax rate of item ${item.code}`);
  assertLineValue(qty, item.price);
  const line: SaleLine = {
    id: sale.nextLineId, itemCode: item.code, barcode: item.barcode, description: item.description,
    qty, unitPrice: item.price, taxRate: item.taxRate, discount: 0, voided: false,
  };
  return { ...sale, lines: [...sale.lines, line], nextLineId: sale.nextLineId + 1 };
}

export function changeQty(sale: OpenSale, lineId: number, qty: number, money: MoneyFormat = {}): OpenSale {
  assertNoTenders(sale);
  const line = findActiveLine(sale, lineId);
  assertQty(qty);
  assertLineValue(qty, line.unitPrice);
  const gross = qty * line.unitPrice;
  assert(line.discount <= gross, ERR.BAD_DISCOUNT,
    `The line's discount ${formatMoney(line.discount, money)} is more than ${qty} x ` +
    `${formatMoney(line.unitPrice, money)}: lower the discount first`);
  return replaceLine(sale, { ...line, qty });
}

export function voidLine(sale: OpenSale, lineId: number): OpenSale {
  assertNoTenders(sale);
  const line = findActiveLine(sale, lineId);
  return replaceLine(sale, { ...line, voided: true });
}

/** Discount on the whole line in cents: 0 (removes it) up to qty x unit price. */
export function setDiscount(sale: OpenSale, lineId: number, discount: Cents, money: MoneyFormat = {}): OpenSale {
  assertNoTenders(sale);
  const line = findActiveLine(sale, lineId);
  const gross = line.qty * line.unitPrice;
  assert(Number.isSafeInteger(discount) && discount >= 0 && discount <= gross, ERR.BAD_DISCOUNT,
    `Discount must be whole cents from ${formatMoney(0, money)} to ${formatMoney(gross, money)} ` +
    `(got ${Number.isSafeInteger(discount) ? formatMoney(discount, money) : String(discount)})`);
  return replaceLine(sale, { ...line, discount });
}
