// All six Loyalty Applicable options across a month end, a quarter end and a financial-year end, in
// three calendars: Johannesburg (UTC+2, FY from March), Los Angeles (UTC-8/-7, FY from January) and
// Auckland (UTC+12/+13, FY from July). The ends include 29 February 2024 and several 31sts, and the
// sales just before local midnight fall on a different UTC date than local in LA and Auckland.
//
// Per case the debtor sells, just before the end, R600 (0 before: 2.5 % = 1500c) then R100 (R600
// before: 3 % = 300c); at the end's first instant R100 again: 2.5 % = 250c when the boundary ends
// the debtor's period (a new period starts at R0), else 3 % = 300c (R700 before). Payment debtors
// hold a R50 opening adjustment and redeem R20 at the till half an hour before the end.
import { describe, expect, it } from 'vitest';
import { planAccrual } from '../../../src/engine/loyalty/accrual.js';
import { replay } from '../../../src/engine/loyalty/balances.js';
import { earnForSale, type EarnLine } from '../../../src/engine/loyalty/earn.js';
import { applyAll, balancesOf, emptyLedgerState, type LoyaltyLedgerState } from '../../../src/engine/loyalty/ledger-state.js';
import { EMPTY_PERIOD_SALES, recordSale, salesAt, type PeriodSales } from '../../../src/engine/loyalty/period-sales.js';
import { periodKindOf } from '../../../src/engine/loyalty/periods.js';
import { adjustmentRow, earnRow, redemptionRow, type RowContext } from '../../../src/engine/loyalty/rows.js';
import {
  LOYALTY_APPLICABLE, type LoyaltyApplicable, type LoyaltyBalances, type LoyaltyCalendar, type LoyaltyRow, type PeriodKind,
} from '../../../src/engine/loyalty/types.js';
import { debtor } from './helpers.js';

const PROCESSABLE = LOYALTY_APPLICABLE.filter((a) => a !== 'no');

interface Boundary {
  name: string;
  calendar: LoyaltyCalendar;
  /** The first instant after the period (local midnight), by hand. */
  end: string;
  /** Period keys before and after the end, per kind, by hand. */
  keys: Record<PeriodKind, [string, string]>;
}

const JNB3: LoyaltyCalendar = { timeZone: 'Africa/Johannesburg', fyStartMonth: 3 };
const LA1: LoyaltyCalendar = { timeZone: 'America/Los_Angeles', fyStartMonth: 1 };
const AKL7: LoyaltyCalendar = { timeZone: 'Pacific/Auckland', fyStartMonth: 7 };

const BOUNDARIES: Boundary[] = [
  // FY from March: quarters Mar-May, Jun-Aug, Sep-Nov, Dec-Feb; FY2027 = Mar 2026 - Feb 2027
  { name: 'JNB 31 Mar 2026 (month only)', calendar: JNB3, end: '2026-03-31T22:00:00Z',
    keys: { month: ['2026-03', '2026-04'], quarter: ['FY2027-Q1', 'FY2027-Q1'], year: ['FY2027', 'FY2027'] } },
  { name: 'JNB 31 May 2026 (quarter)', calendar: JNB3, end: '2026-05-31T22:00:00Z',
    keys: { month: ['2026-05', '2026-06'], quarter: ['FY2027-Q1', 'FY2027-Q2'], year: ['FY2027', 'FY2027'] } },
  { name: 'JNB 29 Feb 2024 (leap, financial year)', calendar: JNB3, end: '2024-02-29T22:00:00Z',
    keys: { month: ['2024-02', '2024-03'], quarter: ['FY2024-Q4', 'FY2025-Q1'], year: ['FY2024', 'FY2025'] } },
  // FY from January = the calendar year. 29 Feb 23:59:59 PST is 1 March 07:59:59Z.
  { name: 'LA 29 Feb 2024 (leap, month only)', calendar: LA1, end: '2024-03-01T08:00:00Z',
    keys: { month: ['2024-02', '2024-03'], quarter: ['FY2024-Q1', 'FY2024-Q1'], year: ['FY2024', 'FY2024'] } },
  { name: 'LA 30 Jun 2024 (quarter, PDT)', calendar: LA1, end: '2024-07-01T07:00:00Z',
    keys: { month: ['2024-06', '2024-07'], quarter: ['FY2024-Q2', 'FY2024-Q3'], year: ['FY2024', 'FY2024'] } },
  { name: 'LA 31 Dec 2024 (financial year)', calendar: LA1, end: '2025-01-01T08:00:00Z',
    keys: { month: ['2024-12', '2025-01'], quarter: ['FY2024-Q4', 'FY2025-Q1'], year: ['FY2024', 'FY2025'] } },
  // FY from July: FY2026 = Jul 2025 - Jun 2026; quarters Jul-Sep, Oct-Dec, Jan-Mar, Apr-Jun.
  // 1 Sep 00:00 NZST is 31 Aug 12:00Z: the UTC date is still the 31st after local midnight.
  { name: 'AKL 31 Aug 2025 (month only, NZST)', calendar: AKL7, end: '2025-08-31T12:00:00Z',
    keys: { month: ['2025-08', '2025-09'], quarter: ['FY2026-Q1', 'FY2026-Q1'], year: ['FY2026', 'FY2026'] } },
  { name: 'AKL 31 Dec 2025 (quarter, NZDT)', calendar: AKL7, end: '2025-12-31T11:00:00Z',
    keys: { month: ['2025-12', '2026-01'], quarter: ['FY2026-Q2', 'FY2026-Q3'], year: ['FY2026', 'FY2026'] } },
  { name: 'AKL 30 Jun 2026 (financial year)', calendar: AKL7, end: '2026-06-30T12:00:00Z',
    keys: { month: ['2026-06', '2026-07'], quarter: ['FY2026-Q4', 'FY2027-Q1'], year: ['FY2026', 'FY2027'] } },
];

const shift = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const item = (lineNo: number, value: number): EarnLine =>
  ({ lineNo, itemCode: `I${lineNo}`, qty: 1, value, item: { loyaltyApplicable: true }, contract: null });

/** One debtor's rows, ledger state and period sales, driven like the till does. */
class Book {
  rows: LoyaltyRow[] = [];
  state: LoyaltyLedgerState = emptyLedgerState('D1');
  sales: PeriodSales = EMPTY_PERIOD_SALES;
  constructor(readonly applicable: LoyaltyApplicable, readonly calendar: LoyaltyCalendar) {}
  ctx(at: string, source: string): RowContext {
    return { debtor: 'D1', applicable: this.applicable, calendar: this.calendar, at, source };
  }
  append(...rows: (LoyaltyRow | null)[]): void {
    for (const r of rows) if (r !== null) { this.rows.push(r); this.state = applyAll(this.state, [r]); }
  }
  sell(source: string, at: string, value: number): { rate: number; earned: number } {
    const kind = periodKindOf(this.applicable) ?? 'month';
    const before = salesAt(this.sales, at, kind, this.calendar);
    const e = earnForSale({ loyalty: debtor(this.applicable, this.applicable === 'no' ? {} : { switchedOnAt: '2020-01-01T00:00:00Z' }),
      periodSalesBefore: before, lines: [item(1, value)], at, loyaltyPaid: 0 });
    this.append(earnRow(this.ctx(at, source), e.earned));
    this.sales = recordSale(this.sales, at, value, this.calendar);
    return { rate: e.rate, earned: e.earned };
  }
  balances(at: string): Omit<LoyaltyBalances, 'lifetime'> {
    const b = balancesOf(this.state, at, this.calendar);
    expect(replay(this.rows, at, this.calendar)).toEqual(b);
    const { lifetime: _, ...five } = b;
    return five;
  }
  accrue(at: string): LoyaltyRow[] {
    return planAccrual({ debtors: [{ code: 'D1', applicable: this.applicable, state: this.state }], kinds: PROCESSABLE,
      zeroUnused: false, at, runId: 'RUN', ...this.calendar });
  }
}

const cases = BOUNDARIES.flatMap((b) => LOYALTY_APPLICABLE.map((a): [string, LoyaltyApplicable, Boundary] => [b.name, a, b]));

describe('six options x month, quarter and financial-year ends x three calendars', () => {
  it.each(cases)('%s: %s', (_, applicable, b) => {
    const kind = periodKindOf(applicable);
    const book = new Book(applicable, b.calendar);
    const payment = applicable.endsWith('-payment');
    const journal = applicable.endsWith('-journal');
    const no = applicable === 'no';
    const [keyBefore, keyAfter] = b.keys[kind ?? 'month'];
    const ends = keyBefore !== keyAfter; // does this boundary end the debtor's period?

    if (payment) book.append(adjustmentRow(book.ctx(shift(b.end, -10 * DAY), 'ADJ'), 5000, 'opening', 'mgr'));
    expect(book.sell('S1', shift(b.end, -HOUR), 60000)).toEqual(no ? { rate: 0, earned: 0 } : { rate: 250, earned: 1500 });
    if (payment) book.append(redemptionRow(book.ctx(shift(b.end, -30 * MIN), 'S1'), 2000));
    expect(book.sell('S2', shift(b.end, -1000), 10000)).toEqual(no ? { rate: 0, earned: 0 } : { rate: 300, earned: 300 });

    // just before the end: 1500 + 300 = 1800 this period; payment: 5000 accrued, 2000 redeemed
    const before = book.balances(shift(b.end, -1));
    if (no) {
      expect(book.rows).toEqual([]);
      expect(before).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 });
    } else {
      expect(before).toEqual(payment
        ? { monthToDate: 1800, pendingAccrual: 0, accrued: 5000, redeemed: 2000, available: 3000 }
        : { monthToDate: 1800, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 });
    }
    // nothing has ended yet: a run just before the end plans nothing for anyone
    expect(book.accrue(shift(b.end, -1))).toEqual([]);

    // the first instant of the next local day
    const third = book.sell('S3', b.end, 10000);
    expect(third).toEqual(no ? { rate: 0, earned: 0 } : ends ? { rate: 250, earned: 250 } : { rate: 300, earned: 300 });
    expect(book.rows.filter((r) => r.kind === 'earn').map((r) => r.period)).toEqual(no ? [] : [keyBefore, keyBefore, keyAfter]);

    const after = book.balances(b.end);
    expect(after.available).toBe(before.available); // Available never jumps at a boundary
    if (no) expect(after).toEqual(before);
    else if (!ends) {
      // still one period: 1800 + 300 = 2100
      expect(after).toEqual({ ...before, monthToDate: 2100 });
    } else {
      // 1800 waits for accrual; Redeemed (2000) is taken off Accrued (5000 -> 3000) and restarts at 0
      expect(after).toEqual(payment
        ? { monthToDate: 250, pendingAccrual: 1800, accrued: 3000, redeemed: 0, available: 3000 }
        : { monthToDate: 250, pendingAccrual: 1800, accrued: 0, redeemed: 0, available: 0 });
    }

    const runAt = shift(b.end, HOUR);
    const planned = book.accrue(runAt);
    const expected: [string, number, string][] = !ends || no ? []
      : journal ? [['accrual-posting', 1800, keyAfter], ['journal-credit', 1800, keyAfter]] : [['accrual-posting', 1800, keyAfter]];
    expect(planned.map((r) => [r.kind, r.amount, r.period])).toEqual(expected);
    if (expected.length > 0) expect(planned[0]).toMatchObject({ accrues: keyBefore, id: `RUN:D1:${keyBefore}:accrual-posting` });
    expect(planned.some((r) => r.kind === 'journal-credit')).toBe(journal && ends);
    book.append(...planned);

    const posted = book.balances(shift(runAt, HOUR));
    if (no) expect(posted).toEqual(before);
    else if (!ends) expect(posted).toEqual(after);
    else if (journal) expect(posted).toEqual({ monthToDate: 250, pendingAccrual: 0, accrued: 1800, redeemed: 1800, available: 0 });
    else expect(posted).toEqual({ monthToDate: 250, pendingAccrual: 0, accrued: 4800, redeemed: 0, available: 4800 }); // 3000 + 1800

    // a second run in the same period changes nothing
    expect(book.accrue(shift(runAt, 2 * HOUR))).toEqual([]);
  });
});

describe('the next period end of the same debtors', () => {
  it('a journal credit is Redeemed of the period it was made in and folds into Accrued when that ends', () => {
    // Monthly journal, JNB: March 1800 posted and credited on 1 April; at 1 May both go to 0
    const book = new Book('monthly-journal', JNB3);
    book.sell('S1', '2026-03-31T21:00:00Z', 60000);
    book.sell('S2', '2026-03-31T21:59:59Z', 10000);
    book.append(...book.accrue('2026-03-31T23:00:00Z'));
    expect(book.balances('2026-04-30T21:59:59.999Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 1800, redeemed: 1800, available: 0 });
    expect(book.balances('2026-04-30T22:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 });
  });

  it('a yearly debtor keeps a full financial year of sales for its tier, across month and quarter ends', () => {
    // FY from July in Auckland: R600 in July 2025 puts a sale in May 2026 on 3 %; July 2026 starts at R0
    const book = new Book('yearly-journal', AKL7);
    book.sell('S1', '2025-07-15T00:00:00Z', 60000);
    expect(book.sell('S2', '2026-05-15T00:00:00Z', 10000)).toEqual({ rate: 300, earned: 300 });
    expect(book.sell('S3', '2026-06-30T12:00:00Z', 10000)).toEqual({ rate: 250, earned: 250 });
    expect(book.balances('2026-06-30T12:00:00Z')).toMatchObject({ monthToDate: 250, pendingAccrual: 1800 }); // 1500 + 300
  });
});
