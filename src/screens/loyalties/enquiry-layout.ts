// Loyalty Enquiry as text rows, worked out without Ink so the layout is tested on its own: the
// balance grid, the targets legend, and the columns of the rows list for a given width.
import type { LoyaltyRow, LoyaltyRowKind } from '../../engine/loyalty/types.js';
import { formatRate } from '../../engine/rate.js';
import type { LoyaltyEnquiry, LoyaltyRowView } from '../../store/index.js';
import { amount, fit, localStamp, money } from './format.js';

type Fmt = { symbol: string; decimals: number };

export const ROW_KIND_LABELS: Readonly<Record<LoyaltyRowKind, string>> = {
  'earn': 'Earned',
  'reversal': 'Reversed',
  'accrual-posting': 'Posted',
  'journal-credit': 'Journal credit',
  'redemption': 'Redeemed (till)',
  'payout': 'Payout',
  'adjustment': 'Adjustment',
  'zeroing': 'Zeroed',
};

/** Rows the enquiry takes besides its list: title, period, 5 balances, sales, bar, legend, header, footer. */
export const ENQUIRY_FIXED_ROWS = 12;

export function balanceGrid(e: LoyaltyEnquiry, columns: number, fmt: Fmt): string[] {
  const b = e.balances;
  const l = b.lifetime;
  const leftValue = 12;
  const left: [string, number][] = [
    ['Month to Date', b.monthToDate], ['Pending Accrual', b.pendingAccrual], ['Accrued', b.accrued],
    ['Redeemed', b.redeemed], ['Available', b.available],
  ];
  const half = Math.min(30, Math.max(21, Math.floor((columns - 32) / 2)));
  // The second column's labels are longer ("Jnl credited"): it gives its value two columns less.
  const cell = (label: string, value: number, lw: number): string => fit(label, lw) + fit(money(value, fmt), half - 13, 'right');
  const pair = (a: string, av: number, b: string, bv: number): string => `${cell(a, av, 13)}  ${cell(b, bv, 13)}`;
  const right: string[] = [
    'Lifetime',
    pair('Earned', l.earned, 'Posted', l.posted),
    pair('Reversed', l.reversed, 'Jnl credited', l.journalCredited),
    pair('Till redeemed', l.redeemedAtTill, 'Paid out', l.paidOut),
    pair('Adjusted', l.adjusted, 'Zeroed', l.zeroed),
  ];
  return left.map(([label, value], i) => `${fit(label, 16)}${fit(money(value, fmt), leftValue, 'right')}  ${right[i] ?? ''}`);
}

/** What the rate line says: the sales so far, the rate the next sale earns, the tier reached. */
export function salesLine(e: LoyaltyEnquiry, reached: number, fmt: Fmt): string {
  if (e.tiers.length === 0) return `Sales this period ${money(e.periodSales, fmt)}   no targets: loyalty is off for this debtor`;
  const tier = reached < 0 ? 'below the first target' : `target ${reached + 1} of ${e.tiers.length} reached`;
  const next = e.tiers[reached + 1];
  const toGo = next === undefined ? '' : `   next ${money(next.target, fmt)}`;
  return `Sales this period ${money(e.periodSales, fmt)}   rate ${formatRate(e.rate)}   ${tier}${toGo}`;
}

/** One legend cell per target: "T1 200.00 @ 2.5%". */
export function legendCells(e: LoyaltyEnquiry, fmt: Fmt): string[] {
  return e.tiers.map((t, i) => `T${i + 1} ${amount(t.target, fmt)} @ ${formatRate(t.rate)}`);
}

export interface RowColumns {
  date: number;
  kind: number;
  period: number;
  amount: number;
  document: number;
  /** 0 below about 100 columns: the reason or method then has no room. */
  note: number;
}

export function rowColumns(columns: number): RowColumns {
  const fixed = 16 + 15 + 9 + 12 + 4 + 2;
  const rest = Math.max(10, columns - fixed);
  if (rest < 40) return { date: 16, kind: 15, period: 9, amount: 12, document: rest, note: 0 };
  return { date: 16, kind: 15, period: 9, amount: 12, document: 20, note: rest - 21 };
}

function noteOf(row: LoyaltyRow): string {
  switch (row.kind) {
    case 'adjustment':
      return `${row.reason} (${row.operator})`;
    case 'payout':
      return row.method;
    case 'accrual-posting':
      return `posts ${row.accrues}`;
    default:
      return row.source;
  }
}

export function rowHeader(c: RowColumns): string {
  return [fit('Date', c.date), fit('Kind', c.kind), fit('Period', c.period), fit('Amount', c.amount, 'right'),
    fit('Document', c.document), ...(c.note > 0 ? [fit('Note', c.note)] : [])].join(' ');
}

export function rowText(v: LoyaltyRowView, c: RowColumns, timeZone: string, fmt: Fmt): string {
  const r = v.row;
  return [fit(localStamp(r.at, timeZone), c.date), fit(ROW_KIND_LABELS[r.kind], c.kind), fit(r.period, c.period),
    fit(amount(r.amount, fmt), c.amount, 'right'), fit(v.document, c.document), ...(c.note > 0 ? [fit(noteOf(r), c.note)] : [])].join(' ');
}
