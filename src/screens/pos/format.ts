// Text layout of the till: fixed-width columns for the sale lines and refund lines, truncation that
// never lets a row wrap (a wrapped row would push the frame past the terminal's height).
import { formatMoney } from '../../engine/money.js';
import { lineValue } from '../../engine/sale-totals.js';
import type { CompanyDetails, Cents, SaleLine, SaleTotals } from '../../engine/types.js';

/** Pads or cuts `text` to exactly `width` columns; cut text ends in "~" so the cut is visible. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const chars = Array.from(text);
  if (chars.length > width) return width === 1 ? '~' : `${chars.slice(0, width - 1).join('')}~`;
  const pad = ' '.repeat(width - chars.length);
  return align === 'left' ? text + pad : pad + text;
}

export interface MoneyFmt {
  symbol: string;
  decimals: number;
}

export function moneyFmt(company: Pick<CompanyDetails, 'currencySymbol' | 'currencyDecimals'>): MoneyFmt {
  return { symbol: company.currencySymbol, decimals: company.currencyDecimals };
}

/** Digits only (columns). */
export function amount(cents: Cents, fmt: MoneyFmt): string {
  return formatMoney(cents, { decimals: fmt.decimals });
}

/** With the currency symbol (totals, change). */
export function money(cents: Cents, fmt: MoneyFmt): string {
  return formatMoney(cents, { decimals: fmt.decimals, symbol: fmt.symbol });
}

/** Column widths of the sale lines at a given width: the description takes what is left. */
export interface LineColumns {
  no: number;
  code: number;
  desc: number;
  qty: number;
  price: number;
  disc: number;
  value: number;
}

export function lineColumns(width: number): LineColumns {
  // 13 fits an EAN-13 barcode; below 80 columns the code column gives way first.
  const code = width >= 80 ? 13 : 8;
  const fixed = { no: 3, code, qty: 5, price: 9, disc: 7, value: 10 };
  const gaps = 6;
  const desc = Math.max(width - (fixed.no + fixed.code + fixed.qty + fixed.price + fixed.disc + fixed.value + gaps), 6);
  return { ...fixed, desc };
}

export function lineHeader(width: number): string {
  const c = lineColumns(width);
  return [fit('No', c.no, 'right'), fit('Code', c.code), fit('Description', c.desc), fit('Qty', c.qty, 'right'),
    fit('Price', c.price, 'right'), fit('Disc', c.disc, 'right'), fit('Value', c.value, 'right')].join(' ');
}

/**
 * One sale line as a row. A voided line says VOID in its value column (not colour alone: mono
 * terminals and NO_COLOR must still show that it does not count).
 */
export function formatSaleLine(line: SaleLine, no: number, width: number, fmt: MoneyFmt): string {
  const c = lineColumns(width);
  const disc = line.discount > 0 ? `-${amount(line.discount, fmt)}` : '';
  const value = line.voided ? 'VOID' : amount(lineValue(line), fmt);
  return [fit(String(no), c.no, 'right'), fit(line.itemCode, c.code), fit(line.description, c.desc),
    fit(String(line.qty), c.qty, 'right'), fit(amount(line.unitPrice, fmt), c.price, 'right'),
    fit(disc, c.disc, 'right'), fit(value, c.value, 'right')].join(' ');
}

/** Units on the active lines (what the customer takes home). */
export function itemCount(lines: readonly SaleLine[]): number {
  return lines.reduce((n, l) => (l.voided ? n : n + l.qty), 0);
}

export interface TotalsCell {
  label: string;
  value: string;
}

/** The totals box: items, total, tax, tendered and either what is due or the change. */
export function totalsCells(lines: readonly SaleLine[], totals: SaleTotals | null, fmt: MoneyFmt): TotalsCell[] {
  const t = totals ?? { total: 0, taxTotal: 0, tendered: 0, due: 0, change: 0, rounding: 0 };
  const cells: TotalsCell[] = [
    { label: 'Items', value: String(itemCount(lines)) },
    { label: 'Total', value: money(t.total, fmt) },
    { label: 'Tax', value: money(t.taxTotal, fmt) },
    { label: 'Tendered', value: money(t.tendered, fmt) },
  ];
  if (t.change > 0) cells.push({ label: 'Change', value: money(t.change, fmt) });
  else cells.push({ label: 'Due', value: money(t.due, fmt) });
  return cells;
}

export function totalsText(cells: readonly TotalsCell[]): string {
  return cells.map((c) => `${c.label} ${c.value}`).join('   ');
}

/** Refund lines: what was sold, returned already, still returnable, and what this refund takes. */
export function refundColumns(width: number): { no: number; code: number; desc: number; n: number; value: number } {
  const code = width >= 76 ? 10 : 6;
  const fixed = 3 + code + 5 * 4 + 10 + 7;
  return { no: 3, code, desc: Math.max(width - fixed, 6), n: 5, value: 10 };
}

export function refundHeader(width: number): string {
  const c = refundColumns(width);
  return [fit('No', c.no, 'right'), fit('Code', c.code), fit('Description', c.desc), fit('Sold', c.n, 'right'),
    fit('Done', c.n, 'right'), fit('Left', c.n, 'right'), fit('Back', c.n, 'right'), fit('Value', c.value, 'right')].join(' ');
}

export function refundRow(
  line: { lineNo: number; itemCode: string; description: string; sold: number; refunded: number; refundable: number; unitValue: Cents },
  qty: number, width: number, fmt: MoneyFmt,
): string {
  const c = refundColumns(width);
  return [fit(String(line.lineNo), c.no, 'right'), fit(line.itemCode, c.code), fit(line.description, c.desc),
    fit(String(line.sold), c.n, 'right'), fit(String(line.refunded), c.n, 'right'), fit(String(line.refundable), c.n, 'right'),
    fit(qty > 0 ? String(qty) : '-', c.n, 'right'), fit(qty > 0 ? amount(line.unitValue * qty, fmt) : '', c.value, 'right')].join(' ');
}
