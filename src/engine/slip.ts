// Slips as plain text at 40 or 80 columns, for sales and refunds; amounts in the store's currency.
import { formatMoney, type MoneyFormat } from './money.js';
import { formatRate } from './rate.js';
import { center, formatInstant, leftRight, rightAlign, rule, truncate, wrap } from './slip-layout.js';
import type { CompanyDetails, CompletedRefund, CompletedSale, TaxLine } from './types.js';

export interface SlipOptions {
  reprint?: boolean;
  /** The loyalty provider's answer to this document's earn or refund call, once it is in. */
  loyaltyAnswer?: SlipLoyaltyAnswer;
}

export interface SlipLoyaltyAnswer { points: number; balance: number }

const REPRINT_MARK = '*** REPRINT ***';

function header(doc: CompletedSale | CompletedRefund, company: CompanyDetails, width: number): string[] {
  const out: string[] = [];
  for (const line of wrap(company.storeName, width)) out.push(center(line, width));
  for (const part of company.address.split(/\r?\n/)) {
    for (const line of wrap(part, width)) out.push(center(line, width));
  }
  if (company.taxNumber.trim() !== '') {
    for (const line of wrap(`Tax No: ${company.taxNumber}`, width)) out.push(center(line, width));
  }
  out.push(rule(width));
  const title = doc.kind === 'sale' ? `SALE ${doc.saleNumber}` : `REFUND ${doc.refundNumber} of ${doc.saleNumber}`;
  out.push(...wrap(title, width));
  out.push(truncate(formatInstant(doc.completedAt, company.timeZone), width));
  out.push(...leftRight(`Till: ${doc.till}`, `Operator: ${truncate(doc.operator, width - 10)}`, width, { keepLeft: true }));
  out.push(rule(width));
  return out;
}

/**
 * Description then "qty x price ... value": one line at 80 columns, two at 40. Only the
 * description is ever cut; amounts that do not fit move to a line of their own.
 */
function itemRow(description: string, detail: string, value: string, width: number): string[] {
  const right = `${detail}  ${value.padStart(14)}`;
  if (width >= 80 && right.length <= width - 21) return leftRight(description, right, width);
  return [truncate(description, width), ...leftRight(`  ${detail}`, value, width, { keepLeft: true })];
}

function saleBody(doc: CompletedSale, width: number, m: (c: number) => string, answer?: SlipLoyaltyAnswer): string[] {
  const out: string[] = [];
  for (const line of doc.lines) {
    out.push(...itemRow(line.description, `${line.qty} x ${m(line.unitPrice)}`, m(line.qty * line.unitPrice), width));
    if (line.discount !== 0) out.push(...leftRight('  Discount', m(-line.discount), width));
  }
  out.push(rule(width));
  out.push(...leftRight('TOTAL', m(doc.total), width));
  if (doc.rounding !== 0) out.push(...leftRight('Cash rounding', m(doc.rounding), width));
  for (const t of doc.tenders) out.push(...leftRight(t.name || t.tenderCode, m(t.amount), width));
  if (doc.change !== 0) out.push(...leftRight('CHANGE', m(doc.change), width));
  const units = doc.lines.reduce((n, l) => n + l.qty, 0);
  out.push(`Items: ${units}`);
  out.push(...debtorRows(doc, width, m));
  out.push(...memberRows(doc, width, answer));
  return out;
}

/**
 * The Loyalty Plus member and what the provider answered: points are the provider's to decide, so
 * until its answer is in the slip says "pending" rather than guessing.
 */
function memberRows(doc: CompletedSale | CompletedRefund, width: number, answer?: SlipLoyaltyAnswer): string[] {
  const mem = doc.member;
  if (!mem) return [];
  const out = [rule(width), truncate(`Loyalty Plus: ${mem.name ?? 'card'} ${maskNumber(mem.account ?? mem.number)}`, width)];
  if (!answer) out.push('Loyalty pending');
  else {
    out.push(...leftRight(doc.kind === 'sale' ? 'Points earned' : 'Points reversed', String(answer.points), width));
    out.push(...leftRight('Points balance', String(answer.balance), width));
  }
  return out;
}

/** Card numbers are printed with all but the last four digits hidden. */
export function maskNumber(n: string): string {
  return n.length <= 4 ? n : `${'*'.repeat(Math.min(n.length - 4, 8))}${n.slice(-4)}`;
}

/** Only documents with a debtor get these lines, so every other slip prints as before. */
function debtorRows(doc: CompletedSale | CompletedRefund, width: number, m: (c: number) => string): string[] {
  if (doc.debtor === undefined) return [];
  const name = doc.kind === 'sale' && doc.debtorName ? ` ${doc.debtorName}` : '';
  const out = [rule(width), truncate(`Debtor: ${doc.debtor}${name}`, width)];
  if (doc.kind === 'sale' && doc.loyalty) {
    out.push(...leftRight('Loyalty credit earned', m(doc.loyalty.earned), width));
    if (doc.loyalty.available !== undefined) out.push(...leftRight('Loyalty Available', m(doc.loyalty.available), width));
  }
  if (doc.kind === 'refund' && doc.loyalty) out.push(...leftRight('Loyalty credit reversed', m(-doc.loyalty.reversed), width));
  return out;
}

function refundBody(doc: CompletedRefund, width: number, m: (c: number) => string, answer?: SlipLoyaltyAnswer): string[] {
  const out: string[] = [];
  for (const line of doc.lines) {
    out.push(...itemRow(`${line.lineNo}. ${line.description}`, `Returned ${line.qty}`, m(line.value), width));
  }
  out.push(rule(width));
  out.push(...leftRight('REFUND TOTAL', m(doc.total), width));
  if (doc.rounding !== 0) out.push(...leftRight('Cash rounding', m(doc.rounding), width));
  for (const t of doc.tenders) out.push(...leftRight(`Paid back ${t.name || t.tenderCode}`, m(t.amount), width));
  out.push(...debtorRows(doc, width, m));
  out.push(...memberRows(doc, width, answer));
  return out;
}

// "taxable" is the value excluding tax (gross - tax): the amount the tax was levied on.
function taxRows(tax: readonly TaxLine[], width: number, m: (c: number) => string): string[] {
  const out: string[] = [];
  for (const t of tax) {
    const label = `VAT ${formatRate(t.rate)}:`;
    const figures = `taxable ${m(t.gross - t.tax)}, tax ${m(t.tax)}`;
    const one = `${label} ${figures}`;
    if (one.length <= width) out.push(one);
    else if (figures.length <= width) out.push(label, rightAlign(figures, width));
    else out.push(label, ...leftRight('  taxable', m(t.gross - t.tax), width), ...leftRight('  tax', m(t.tax), width));
  }
  return out;
}

/** The slip text; every line is at most `width` characters, lines end with "\n". */
export function renderSlip(
  doc: CompletedSale | CompletedRefund,
  company: CompanyDetails,
  width: 40 | 80,
  opts: SlipOptions = {},
): string {
  const money: MoneyFormat = { symbol: company.currencySymbol, decimals: company.currencyDecimals };
  const m = (cents: number): string => formatMoney(cents, money);
  const lines: string[] = [];
  if (opts.reprint) lines.push(center(REPRINT_MARK, width));
  lines.push(...header(doc, company, width));
  lines.push(...(doc.kind === 'sale' ? saleBody(doc, width, m, opts.loyaltyAnswer) : refundBody(doc, width, m, opts.loyaltyAnswer)));
  if (doc.tax.length > 0) {
    lines.push(rule(width));
    lines.push(...taxRows(doc.tax, width, m));
  }
  if (opts.reprint) lines.push(center(REPRINT_MARK, width));
  // Trailing spaces from centring are trimmed: printers and diff tools both prefer that.
  return lines.map((l) => truncate(l, width).replace(/\s+$/, '')).join('\n') + '\n';
}
