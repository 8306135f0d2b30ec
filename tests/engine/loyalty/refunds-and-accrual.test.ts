// Refunds before and after accrual at engine level: earnForSale -> reverseForRefund -> rows ->
// balances -> planAccrual, for quarterly and yearly debtors (the monthly flow is in
// balances.test.ts and scenario.test.ts). JNB: UTC+2, FY from March, so FY2027-Q1 = Mar-May 2026
// (ends 2026-05-31T22:00Z), Q2 = Jun-Aug (ends 2026-08-31T22:00Z), FY2027 ends 2027-02-28T22:00Z.
import { describe, expect, it } from 'vitest';
import { planAccrual } from '../../../src/engine/loyalty/accrual.js';
import { replay } from '../../../src/engine/loyalty/balances.js';
import { earnForSale, earningBasis, type EarningBasis, type EarnLine } from '../../../src/engine/loyalty/earn.js';
import { applyAll, availableOf, balancesOf, emptyLedgerState } from '../../../src/engine/loyalty/ledger-state.js';
import { checkPayout, checkRedemption } from '../../../src/engine/loyalty/redeem.js';
import { reverseForRefund, type ReturnedQty } from '../../../src/engine/loyalty/reverse.js';
import { earnRow, redemptionRow, reversalRow } from '../../../src/engine/loyalty/rows.js';
import type { LoyaltyApplicable, LoyaltyBalances, LoyaltyRow } from '../../../src/engine/loyalty/types.js';
import { debtor, JNB } from './helpers.js';

// Sale: 4 x R100 (line 1) and 1 x R200 (line 2), R0 before: 2.5 % of R600 = 1500c.
// Returning one unit of line 1 takes back 40000 x 250 / 10000 / 4 = 250c; line 2 takes back 500c.
const LINES: EarnLine[] = [
  { lineNo: 1, itemCode: 'A', qty: 4, value: 40000, item: { loyaltyApplicable: true }, contract: null },
  { lineNo: 2, itemCode: 'B', qty: 1, value: 20000, item: { loyaltyApplicable: true }, contract: null },
];

class Flow {
  rows: LoyaltyRow[] = [];
  basis: EarningBasis | null = null;
  returned: ReturnedQty[] = [];
  constructor(readonly applicable: LoyaltyApplicable) {}
  private ctx(at: string, source: string) {
    return { debtor: 'D1', applicable: this.applicable, calendar: JNB, at, source };
  }
  sell(at: string, lines = LINES, before = 0): number {
    const e = earnForSale({ loyalty: debtor(this.applicable), periodSalesBefore: before, lines, at, loyaltyPaid: 0 });
    this.basis = earningBasis(e);
    const row = earnRow(this.ctx(at, `S-${at}`), e.earned);
    if (row !== null) this.rows.push(row);
    return e.earned;
  }
  refund(at: string, returning: ReturnedQty[]): number {
    const r = reverseForRefund({ earning: this.basis!, before: this.returned, returning });
    this.returned.push(...returning);
    const row = reversalRow(this.ctx(at, `R-${at}`), r.reversed);
    if (row !== null) this.rows.push(row);
    return r.reversed;
  }
  redeem(at: string, amount: number): void {
    this.rows.push(redemptionRow(this.ctx(at, `T-${at}`), amount));
  }
  accrue(at: string): [string, number, string][] {
    const planned = planAccrual({ debtors: [{ code: 'D1', applicable: this.applicable, rows: this.rows }],
      kinds: [this.applicable], zeroUnused: false, at, runId: `RUN-${at}`, ...JNB });
    this.rows.push(...planned);
    return planned.map((r) => [r.kind, r.amount, r.kind === 'accrual-posting' ? r.accrues : r.period]);
  }
  at(at: string): Omit<LoyaltyBalances, 'lifetime'> {
    const b = replay(this.rows, at, JNB);
    expect(balancesOf(applyAll(emptyLedgerState('D1'), this.rows), at, JNB)).toEqual(b);
    const { lifetime: _, ...five } = b;
    return five;
  }
}

describe('a refund before accrual, in the same period', () => {
  it('quarterly: the reversal lowers Month to Date and the posting is the net credit', () => {
    const f = new Flow('quarterly-payment');
    expect(f.sell('2026-03-10T08:00:00Z')).toBe(1500);
    expect(f.refund('2026-05-31T21:59:59Z', [{ lineNo: 1, qty: 1 }])).toBe(250); // 23:59:59 local on the 31st: still Q1
    expect(f.rows.map((r) => [r.kind, r.amount, r.period])).toEqual([['earn', 1500, 'FY2027-Q1'], ['reversal', -250, 'FY2027-Q1']]);
    expect(f.at('2026-05-31T21:59:59.999Z')).toEqual({ monthToDate: 1250, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 });
    expect(f.at('2026-05-31T22:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 1250, accrued: 0, redeemed: 0, available: 0 });
    expect(f.accrue('2026-06-01T04:00:00Z')).toEqual([['accrual-posting', 1250, 'FY2027-Q1']]);
    expect(f.at('2026-06-02T00:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 1250, redeemed: 0, available: 1250 });
  });

  it('yearly journal: sale and refunds months apart in one financial year net in one posting and one credit', () => {
    const f = new Flow('yearly-journal');
    expect(f.sell('2026-03-01T00:00:00+02:00')).toBe(1500); // first local instant of FY2027
    expect(f.refund('2026-09-15T08:00:00Z', [{ lineNo: 2, qty: 1 }])).toBe(500);
    expect(f.refund('2027-02-28T21:30:00Z', [{ lineNo: 1, qty: 3 }])).toBe(750); // 3 x 250
    expect(f.at('2027-02-28T21:59:59Z')).toMatchObject({ monthToDate: 250, pendingAccrual: 0 });
    expect(f.accrue('2027-02-28T21:59:59Z')).toEqual([]); // the year has not ended
    expect(f.at('2027-02-28T22:00:00Z')).toMatchObject({ monthToDate: 0, pendingAccrual: 250 });
    expect(f.accrue('2027-03-01T03:00:00Z')).toEqual([['accrual-posting', 250, 'FY2027'], ['journal-credit', 250, 'FY2028']]);
    expect(f.at('2027-03-02T00:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 250, redeemed: 250, available: 0 });
  });
});

describe('a refund after the period ended', () => {
  it('before the run: the ended period posts in full, the reversal waits in the new period', () => {
    const f = new Flow('quarterly-payment');
    f.sell('2026-04-10T08:00:00Z');
    // 1 June 00:00 local (Q2) but still 31 May by UTC: the refund is Q2's
    expect(f.refund('2026-05-31T22:00:00Z', [{ lineNo: 2, qty: 1 }])).toBe(500);
    expect(f.rows[1]).toMatchObject({ kind: 'reversal', amount: -500, period: 'FY2027-Q2' });
    expect(f.at('2026-06-01T00:00:00Z')).toEqual({ monthToDate: -500, pendingAccrual: 1500, accrued: 0, redeemed: 0, available: 0 });
    expect(f.accrue('2026-06-01T05:00:00Z')).toEqual([['accrual-posting', 1500, 'FY2027-Q1']]);
    expect(f.at('2026-06-02T00:00:00Z')).toEqual({ monthToDate: -500, pendingAccrual: 0, accrued: 1500, redeemed: 0, available: 1500 });
    // Q2 ends: the negative credit is pending, then lowers Accrued; 1500 - 500 = 1000 in all
    expect(f.at('2026-08-31T22:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: -500, accrued: 1500, redeemed: 0, available: 1500 });
    expect(f.accrue('2026-09-01T05:00:00Z')).toEqual([['accrual-posting', -500, 'FY2027-Q2']]);
    expect(f.at('2026-09-02T00:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 1000, redeemed: 0, available: 1000 });
  });

  it('after accrual and redemption: Available goes negative and blocks the till and payouts until new credits cover it', () => {
    const f = new Flow('quarterly-payment');
    f.sell('2026-04-10T08:00:00Z');
    expect(f.accrue('2026-06-01T05:00:00Z')).toEqual([['accrual-posting', 1500, 'FY2027-Q1']]);
    f.redeem('2026-06-05T08:00:00Z', 1400);
    expect(f.refund('2026-06-20T08:00:00Z', [{ lineNo: 1, qty: 4 }, { lineNo: 2, qty: 1 }])).toBe(1500); // all of it back
    expect(f.at('2026-06-21T00:00:00Z')).toEqual({ monthToDate: -1500, pendingAccrual: 0, accrued: 1500, redeemed: 1400, available: 100 });
    expect(f.accrue('2026-09-01T05:00:00Z')).toEqual([['accrual-posting', -1500, 'FY2027-Q2']]);
    // 1500 - 1500 posted, 1400 redeemed: Available -1400; Redeemed of Q2 folded into Accrued
    const b = f.at('2026-09-02T00:00:00Z');
    expect(b).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: -1400, redeemed: 0, available: -1400 });
    const loyalty = debtor('quarterly-payment');
    expect(checkRedemption({ loyalty, periodSalesBefore: 100000, saleTotal: 5000, available: b.available, amount: 1 }))
      .toMatchObject({ allowed: false, reason: 'no credits available (-R14.00)' });
    expect(checkPayout({ loyalty, available: b.available, amount: 1, method: 'cash' })).toMatchObject({ allowed: false });
    // R2000 before in Q3: 5 % of R600 = 3000c, posted at the Q3 end: -1400 + 3000 = 1600
    expect(f.sell('2026-10-01T08:00:00Z', LINES, 200000)).toBe(3000);
    expect(f.accrue('2026-12-01T05:00:00Z')).toEqual([['accrual-posting', 3000, 'FY2027-Q3']]);
    expect(availableOf(applyAll(emptyLedgerState('D1'), f.rows))).toBe(1600);
  });

  it('a journal debtor whose refund came after its credit is not credited again until the debt is covered', () => {
    const f = new Flow('quarterly-journal');
    f.sell('2026-04-10T08:00:00Z');
    expect(f.accrue('2026-06-01T05:00:00Z')).toEqual([['accrual-posting', 1500, 'FY2027-Q1'], ['journal-credit', 1500, 'FY2027-Q2']]);
    expect(f.refund('2026-07-01T08:00:00Z', [{ lineNo: 1, qty: 2 }])).toBe(500);
    expect(f.accrue('2026-09-01T05:00:00Z')).toEqual([['accrual-posting', -500, 'FY2027-Q2']]);
    expect(f.at('2026-09-02T00:00:00Z')).toMatchObject({ accrued: -500, redeemed: 0, available: -500 });
    // Q3 earns 400c (R160 at 2.5 %): still 100c short, no credit
    f.sell('2026-10-01T08:00:00Z', [{ ...LINES[1]!, value: 16000 }]);
    expect(f.accrue('2026-12-01T05:00:00Z')).toEqual([['accrual-posting', 400, 'FY2027-Q3']]);
    expect(f.at('2026-12-02T00:00:00Z')).toMatchObject({ available: -100 });
  });
});

describe('a refund on the loyalty tender', () => {
  it('gives credits back in the period of the refund, even after the redemption period ended', () => {
    const f = new Flow('quarterly-payment');
    f.sell('2026-04-10T08:00:00Z');
    f.accrue('2026-06-01T05:00:00Z');
    f.redeem('2026-08-31T21:00:00Z', 1000); // 23:00 local, 31 August: Q2
    expect(f.at('2026-08-31T21:59:59Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 1500, redeemed: 1000, available: 500 });
    expect(f.at('2026-08-31T22:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 500, redeemed: 0, available: 500 });
    f.redeem('2026-09-03T08:00:00Z', -400); // the sale is refunded in Q3: R4 of credits back
    expect(f.at('2026-09-04T00:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 500, redeemed: -400, available: 900 });
    expect(f.at('2026-11-30T22:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 900, redeemed: 0, available: 900 });
  });
});

describe("'no' never earns, reverses or accrues", () => {
  it('even with a switch-on time left over from before', () => {
    const f = new Flow('no');
    const e = earnForSale({ loyalty: debtor('no', { switchedOnAt: '2020-01-01T00:00:00Z' }), periodSalesBefore: 500000, lines: LINES,
      at: '2026-04-10T08:00:00Z', loyaltyPaid: 0 });
    expect([e.rate, e.earned]).toEqual([0, 0]);
    expect(f.sell('2026-04-10T08:00:00Z')).toBe(0);
    expect(f.refund('2026-04-11T08:00:00Z', [{ lineNo: 1, qty: 4 }])).toBe(0);
    expect(f.rows).toEqual([]);
    expect(planAccrual({ debtors: [{ code: 'D1', applicable: 'no', rows: [] }], kinds: ['monthly-journal', 'monthly-payment'],
      zeroUnused: true, at: '2026-05-10T08:00:00Z', runId: 'R', ...JNB })).toEqual([]);
  });
});
