// A debtor's loyalty end to end, kept the way a store keeps it: per debtor one ledger state and
// one period-sales total, each updated in O(1) per sale or refund, plus the rows journalled.
import { describe, expect, it } from 'vitest';
import { planAccrual } from '../../../src/engine/loyalty/accrual.js';
import { replay } from '../../../src/engine/loyalty/balances.js';
import { earnForSale, earningBasis, type EarningBasis, type EarnLine } from '../../../src/engine/loyalty/earn.js';
import { isBalanced, ledgerEntriesFor, type LoyaltyAccounts } from '../../../src/engine/loyalty/ledger.js';
import { applyAll, availableOf, balancesOf, emptyLedgerState, type LoyaltyLedgerState } from '../../../src/engine/loyalty/ledger-state.js';
import {
  compactSales, EMPTY_PERIOD_SALES, recordSale, salesAt, salesInPeriod, type PeriodSales,
} from '../../../src/engine/loyalty/period-sales.js';
import { periodKindOf } from '../../../src/engine/loyalty/periods.js';
import { checkRedemption } from '../../../src/engine/loyalty/redeem.js';
import { reverseForRefund, type ReturnedQty } from '../../../src/engine/loyalty/reverse.js';
import { earnRow, redemptionRow, reversalRow } from '../../../src/engine/loyalty/rows.js';
import type { DebtorLoyalty, LoyaltyRow } from '../../../src/engine/loyalty/types.js';
import { debtor, JNB } from './helpers.js';

const ACCOUNTS: LoyaltyAccounts = {
  loyaltiesAccrued: '5100', loyaltiesRedeemed: '3600', debtorsControl: '3800', loyaltyTender: '3750',
  payout: { 'cash': '3700', 'direct-deposit': '3720', 'gift-voucher': '5300' },
};

/** What the store would keep per debtor (snapshotted now and then), and the journal. */
class Debtor {
  ledger: LoyaltyLedgerState;
  sales: PeriodSales = EMPTY_PERIOD_SALES;
  rows: LoyaltyRow[] = [];
  sold = new Map<string, { basis: EarningBasis; returned: ReturnedQty[] }>();
  constructor(readonly code: string, public loyalty: DebtorLoyalty) {
    this.ledger = emptyLedgerState(code);
  }
  private append(row: LoyaltyRow | null): void {
    if (row === null) return;
    this.rows.push(row);
    this.ledger = applyAll(this.ledger, [row]);
  }
  private ctx(at: string, source: string) {
    return { debtor: this.code, applicable: this.loyalty.applicable, calendar: JNB, at, source };
  }
  sell(saleNumber: string, at: string, lines: EarnLine[], loyaltyPaid = 0): number {
    const kind = periodKindOf(this.loyalty.applicable) ?? 'month';
    const before = salesAt(this.sales, at, kind, JNB);
    const total = lines.reduce((t, l) => t + l.value, 0);
    if (loyaltyPaid > 0) {
      const check = checkRedemption({ loyalty: this.loyalty, periodSalesBefore: before, saleTotal: total,
        available: availableOf(this.ledger), amount: loyaltyPaid });
      if (!check.allowed) throw new Error(check.reason);
      this.append(redemptionRow(this.ctx(at, saleNumber), loyaltyPaid));
    }
    const earning = earnForSale({ loyalty: this.loyalty, periodSalesBefore: before, lines, at, loyaltyPaid });
    this.append(earnRow(this.ctx(at, saleNumber), earning.earned));
    this.sales = recordSale(this.sales, at, total, JNB);
    this.sold.set(saleNumber, { basis: earningBasis(earning), returned: [] });
    return earning.earned;
  }
  refund(refundNumber: string, saleNumber: string, at: string, returning: ReturnedQty[], value: number): number {
    const sale = this.sold.get(saleNumber)!;
    const r = reverseForRefund({ earning: sale.basis, before: sale.returned, returning });
    sale.returned.push(...returning);
    this.append(reversalRow(this.ctx(at, refundNumber), r.reversed));
    this.sales = recordSale(this.sales, at, -value, JNB);
    return r.reversed;
  }
  accrue(at: string, runId: string, zeroUnused = false): LoyaltyRow[] {
    const rows = planAccrual({ debtors: [{ code: this.code, applicable: this.loyalty.applicable, state: this.ledger }],
      kinds: ['monthly-payment', 'monthly-journal', 'quarterly-payment', 'quarterly-journal', 'yearly-journal'], zeroUnused, at, runId, ...JNB });
    rows.forEach((r) => this.append(r));
    return rows;
  }
  balances(at: string) {
    const incremental = balancesOf(this.ledger, at, JNB);
    expect(incremental).toEqual(replay(this.rows, at, JNB));
    return incremental;
  }
}

const item = (lineNo: number, value: number, qty = 1, extra: Partial<EarnLine> = {}): EarnLine =>
  ({ lineNo, itemCode: `I${lineNo}`, qty, value, item: { loyaltyApplicable: true }, contract: null, ...extra });

describe('a Use As Payment debtor over two months', () => {
  it('earns by tier, reverses refunds before and after accrual, and redeems only past the first target', () => {
    const d = new Debtor('C100', debtor('monthly-payment'));
    // March: R150 (2.5%), R400 of which R100 under a contract that excludes rebates (2.5% on R300)
    expect(d.sell('T1-000001', '2026-03-02T08:00:00Z', [item(1, 15000)])).toBe(375);
    expect(d.sell('T1-000002', '2026-03-03T08:00:00Z', [item(1, 30000, 3), item(2, 10000, 1, { contract: { excludeFromRebates: true } })]))
      .toBe(750);
    // R550 before: 3%
    expect(d.sell('T1-000003', '2026-03-04T08:00:00Z', [item(1, 20000, 2)])).toBe(600);
    // refund before accrual: one of three units of sale 2 line 1 (a third of 750c = 250c)
    expect(d.refund('T1-000004', 'T1-000002', '2026-03-05T08:00:00Z', [{ lineNo: 1, qty: 1 }], 10000)).toBe(250);
    // the contract line earned nothing: returning it reverses nothing, though it lowers the period total
    expect(d.refund('T1-000005', 'T1-000002', '2026-03-05T09:00:00Z', [{ lineNo: 2, qty: 1 }], 10000)).toBe(0);
    expect(salesInPeriod(d.sales, '2026-03')).toBe(55000);
    expect(d.balances('2026-03-20T00:00:00Z')).toMatchObject({ monthToDate: 1475, pendingAccrual: 0, available: 0 });

    // no credits are available until accrual, whatever the target says
    expect(() => d.sell('T1-000006', '2026-03-21T08:00:00Z', [item(1, 5000)], 100)).toThrow('no credits available (R0.00)');

    expect(d.balances('2026-04-01T00:00:00Z')).toMatchObject({ monthToDate: 0, pendingAccrual: 1475 });
    d.accrue('2026-04-01T05:00:00Z', 'ACC-0401');
    expect(d.balances('2026-04-01T06:00:00Z')).toMatchObject({ pendingAccrual: 0, accrued: 1475, available: 1475 });

    // April starts at R0: R150 then trying to pay R10 of a R40 sale with loyalty: R190 < R200
    d.sell('T1-000007', '2026-04-02T08:00:00Z', [item(1, 15000)]);
    expect(() => d.sell('T1-000008', '2026-04-03T08:00:00Z', [item(1, 4000)], 1000))
      .toThrow("below the first target R200.00: this period's sales are R190.00");
    // R60 reaches it: R10 of it paid with loyalty earns nothing (2.5% of R50 = 125c)
    expect(d.sell('T1-000009', '2026-04-03T09:00:00Z', [item(1, 6000)], 1000)).toBe(125);
    expect(d.balances('2026-04-10T00:00:00Z')).toMatchObject({ monthToDate: 375 + 125, accrued: 1475, redeemed: 1000, available: 475 });

    // refund after accrual of all of sale 3 (March, 600c): lowers this month's credits
    expect(d.refund('T1-000010', 'T1-000003', '2026-04-11T08:00:00Z', [{ lineNo: 1, qty: 2 }], 20000)).toBe(600);
    expect(d.balances('2026-04-12T00:00:00Z')).toMatchObject({ monthToDate: -100, available: 475 });
    d.accrue('2026-05-01T05:00:00Z', 'ACC-0501');
    expect(d.balances('2026-05-02T00:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 375, redeemed: 0, available: 375,
      lifetime: { earned: 2225, reversed: 850, posted: 1375, journalCredited: 0, redeemedAtTill: 1000, paidOut: 0, adjusted: 0, zeroed: 0 } });

    // every row's ledger entry balances, and the liability holds exactly Available
    const entries = d.rows.flatMap((r) => ledgerEntriesFor(r, ACCOUNTS));
    expect(isBalanced(entries)).toBe(true);
    const liability = entries.flatMap((e) => e.lines).filter((l) => l.account === '5100').reduce((s, l) => s + l.credit - l.debit, 0);
    expect(liability).toBe(availableOf(d.ledger));
  });

  it('keeps the period totals small: ended periods are compacted away, the running ones kept', () => {
    let sales = recordSale(EMPTY_PERIOD_SALES, '2026-02-10T08:00:00Z', 1000, JNB);
    sales = recordSale(sales, '2026-03-10T08:00:00Z', 2000, JNB);
    expect(sales).toEqual({ '2026-02': 1000, 'FY2026-Q4': 1000, 'FY2026': 1000, '2026-03': 2000, 'FY2027-Q1': 2000, 'FY2027': 2000 });
    expect(compactSales(sales, '2026-03-15T00:00:00Z', JNB)).toEqual({ '2026-03': 2000, 'FY2027-Q1': 2000, 'FY2027': 2000 });
  });
});

describe('a debtor switched on mid-period, then moved from monthly to quarterly', () => {
  it('earns only after the switch-on, counts earlier sales for the tier, and accrues old monthly credits', () => {
    const d = new Debtor('C200', debtor('monthly-journal', { switchedOnAt: '2026-04-15T10:00:00Z' }));
    expect(d.sell('T2-000001', '2026-04-10T08:00:00Z', [item(1, 60000)])).toBe(0);
    expect(d.sell('T2-000002', '2026-04-16T08:00:00Z', [item(1, 10000)])).toBe(300); // R600 before: 3%
    d.loyalty = { ...d.loyalty, applicable: 'quarterly-journal' };
    // the quarter's total already holds April's R700
    expect(d.sell('T2-000003', '2026-05-02T08:00:00Z', [item(1, 10000)])).toBe(300);
    expect(d.rows.map((r) => r.period)).toEqual(['2026-04', 'FY2027-Q1']);
    // the April month ended: it is pending and posted by the next run, credited to the account
    expect(d.balances('2026-05-03T00:00:00Z')).toMatchObject({ monthToDate: 300, pendingAccrual: 300 });
    expect(d.accrue('2026-05-03T01:00:00Z', 'R1').map((r) => [r.kind, r.amount])).toEqual([['accrual-posting', 300], ['journal-credit', 300]]);
    expect(d.balances('2026-05-04T00:00:00Z')).toMatchObject({ monthToDate: 300, pendingAccrual: 0, accrued: 300, redeemed: 300, available: 0 });
  });
});
