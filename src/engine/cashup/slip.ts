// X and Z reports as slip text (40 or 80 columns): the same totals, a Z adds its number, the
// drawer count and the over/short.
import { formatMoney, type MoneyFormat } from '../money.js';
import { formatRate } from '../rate.js';
import { center, formatInstant, leftRight, rule, truncate, wrap } from '../slip-layout.js';
import type { CompanyDetails } from '../types.js';
import type { CashupTotals } from './types.js';

export interface CashupSlip {
  title: string;
  till: string;
  operator: string;
  at: string;
  totals: CashupTotals;
  /** The Z's drawer count and its over/short (absent on an X). */
  counted?: number;
  overShort?: number;
  reprint?: boolean;
}

export function renderCashupSlip(s: CashupSlip, company: CompanyDetails, width: 40 | 80): string {
  const money: MoneyFormat = { symbol: company.currencySymbol, decimals: company.currencyDecimals };
  const m = (c: number) => formatMoney(c, money);
  const lr = (l: string, r: string) => leftRight(l, r, width);
  const t = s.totals;
  const out: string[] = [];
  for (const line of wrap(company.storeName, width)) out.push(center(line, width));
  if (s.reprint) out.push(center('*** REPRINT ***', width));
  out.push(rule(width), ...wrap(s.title, width), truncate(formatInstant(s.at, company.timeZone), width));
  out.push(...leftRight(`Till: ${s.till}`, `Operator: ${truncate(s.operator, width - 10)}`, width, { keepLeft: true }));
  out.push(truncate(t.toSeq === 0 ? 'No records since the last Z' : `Records ${t.fromSeq} to ${t.toSeq}`, width), rule(width));
  out.push(...lr(`Sales (${t.sales.count})`, m(t.sales.gross)), ...lr(`Refunds (${t.refunds.count})`, m(-t.refunds.total)));
  out.push(...lr('Net sales', m(t.sales.gross - t.refunds.total)));
  out.push(...lr('Voided lines', String(t.voids.lines)), ...lr('Abandoned sales', String(t.voids.abandoned)));
  if (t.rounding !== 0) out.push(...lr('Cash rounding', m(t.rounding)));
  out.push(rule(width), 'Tenders');
  for (const x of t.tenders) out.push(...lr(`  ${x.name} (${x.tenderCode})`, m(x.net)));
  if (t.tenders.length === 0) out.push('  none');
  out.push(rule(width), 'Tax');
  for (const x of t.tax) out.push(...lr(`  ${formatRate(x.rate)}% on ${m(x.gross)}`, m(x.tax)));
  if (t.tax.length === 0) out.push('  none');
  out.push(rule(width), 'Loyalty');
  out.push(...lr('  Credits earned', m(t.loyalty.earned)), ...lr('  Credits redeemed', m(t.loyalty.redeemed)));
  if (t.loyalty.plusEarnCalls > 0 || t.loyalty.plusRedeemed !== 0) {
    out.push(...lr('  Loyalty Plus earn calls', String(t.loyalty.plusEarnCalls)), ...lr('  Loyalty Plus redeemed', m(t.loyalty.plusRedeemed)));
  }
  out.push(rule(width), 'Cash drawer');
  out.push(...lr('  Opening float', m(t.float)), ...lr('  Cash in', m(t.cash.in)), ...lr('  Cash out', m(-t.cash.out)));
  out.push(...lr('  Expected', m(t.cash.expected)));
  if (s.counted !== undefined && s.overShort !== undefined) {
    out.push(...lr('  Counted', m(s.counted)));
    out.push(...lr(s.overShort > 0 ? '  Over' : s.overShort < 0 ? '  Short' : '  Over/short', m(s.overShort)));
  }
  out.push(rule(width));
  return `${out.join('\n')}\n`;
}
