// The five balances from the rows: full replay and the incremental state must always agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAccrual } from '../../../src/engine/loyalty/accrual.js';
import { replay } from '../../../src/engine/loyalty/balances.js';
import { LOYALTY_ERR } from '../../../src/engine/loyalty/errors.js';
import {
  apply, applyAll, assertLedgerState, balancesOf, compact, emptyLedgerState, type LoyaltyLedgerState,
} from '../../../src/engine/loyalty/ledger-state.js';
import { periodKeyOf, periodsBetween } from '../../../src/engine/loyalty/periods.js';
import { adjustmentRow, earnRow, payoutRow, redemptionRow, reversalRow } from '../../../src/engine/loyalty/rows.js';
import type { LoyaltyApplicable, LoyaltyBalances, LoyaltyRow, LoyaltyRowKind } from '../../../src/engine/loyalty/types.js';
import { expectLoyaltyError, JNB, type ArbValue } from './helpers.js';

const D = 'D001';
const ctx = (at: string, source: string, applicable: LoyaltyApplicable = 'monthly-payment') =>
  ({ debtor: D, applicable, calendar: JNB, at, source });

/** Balances by both derivations, asserted equal. */
function both(rows: LoyaltyRow[], at: string): Omit<LoyaltyBalances, 'lifetime'> & { lifetime?: unknown } {
  const full = replay(rows, at, JNB);
  expect(balancesOf(applyAll(emptyLedgerState(D), rows), at, JNB)).toEqual(full);
  const { lifetime: _, ...five } = full;
  return five;
}

function accrue(rows: LoyaltyRow[], at: string, applicable: LoyaltyApplicable = 'monthly-payment'): LoyaltyRow[] {
  return [...rows, ...planAccrual({ debtors: [{ code: D, applicable, rows }], kinds: [applicable], zeroUnused: false, at,
    runId: `RUN-${at}`, ...JNB })];
}

describe('balances through two months, refunds before and after accrual', () => {
  it('moves Month to Date to Pending at the period end, posts it, and Available never jumps', () => {
    let rows: LoyaltyRow[] = [
      earnRow(ctx('2026-03-05T08:00:00Z', 'T1-000001'), 375)!,
      earnRow(ctx('2026-03-10T08:00:00Z', 'T1-000002'), 125)!,
      reversalRow(ctx('2026-03-20T08:00:00Z', 'T1-000003'), 50)!, // refund before accrual
    ];
    expect(both(rows, '2026-03-25T00:00:00Z')).toEqual({ monthToDate: 450, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 });
    expect(both(rows, '2026-03-31T21:59:59Z')).toMatchObject({ monthToDate: 450, pendingAccrual: 0 });
    expect(both(rows, '2026-03-31T22:00:00Z')).toMatchObject({ monthToDate: 0, pendingAccrual: 450 });

    rows = accrue(rows, '2026-04-01T06:00:00Z');
    expect(rows.at(-1)).toEqual({ id: 'RUN-2026-04-01T06:00:00Z:D001:2026-03:accrual-posting', kind: 'accrual-posting', debtor: D,
      amount: 450, period: '2026-04', accrues: '2026-03', at: '2026-04-01T06:00:00Z', source: 'RUN-2026-04-01T06:00:00Z' });
    expect(both(rows, '2026-04-01T07:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 450, redeemed: 0, available: 450 });

    rows.push(redemptionRow(ctx('2026-04-10T08:00:00Z', 'T1-000004'), 100), earnRow(ctx('2026-04-12T08:00:00Z', 'T1-000005'), 200)!);
    expect(both(rows, '2026-04-20T00:00:00Z')).toEqual({ monthToDate: 200, pendingAccrual: 0, accrued: 450, redeemed: 100, available: 350 });
    // 1 May local: Redeemed is taken off Accrued and starts again at 0; Available stays 350
    expect(both(rows, '2026-04-30T22:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 200, accrued: 350, redeemed: 0, available: 350 });

    rows = accrue(rows, '2026-05-01T06:00:00Z');
    rows.push(reversalRow(ctx('2026-05-03T08:00:00Z', 'T1-000006'), 500)!); // refund of a March sale, after its accrual
    rows.push(redemptionRow(ctx('2026-05-05T08:00:00Z', 'T1-000007'), 400));
    expect(both(rows, '2026-05-10T00:00:00Z')).toEqual({ monthToDate: -500, pendingAccrual: 0, accrued: 550, redeemed: 400, available: 150 });

    rows = accrue(rows, '2026-06-01T06:00:00Z');
    expect(rows.at(-1)).toMatchObject({ kind: 'accrual-posting', amount: -500, accrues: '2026-05' });
    const june = replay(rows, '2026-06-02T00:00:00Z', JNB);
    expect(june).toMatchObject({ monthToDate: 0, pendingAccrual: 0, accrued: -350, redeemed: 0, available: -350 });
    expect(june.lifetime).toEqual({ earned: 700, reversed: 550, posted: 150, journalCredited: 0, redeemedAtTill: 500, paidOut: 0,
      adjusted: 0, zeroed: 0 });
  });

  it('a Journal Account debtor is credited at accrual: Accrued = Redeemed until the period ends', () => {
    let rows: LoyaltyRow[] = [earnRow(ctx('2026-03-05T08:00:00Z', 'T1-000001', 'monthly-journal'), 1000)!];
    rows = accrue(rows, '2026-04-01T06:00:00Z', 'monthly-journal');
    expect(rows.slice(1).map((r) => [r.kind, r.amount])).toEqual([['accrual-posting', 1000], ['journal-credit', 1000]]);
    expect(both(rows, '2026-04-15T00:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 1000, redeemed: 1000, available: 0 });
    expect(both(rows, '2026-05-15T00:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 });
  });

  it('payouts, adjustments and zeroing move Accrued and Available', () => {
    const rows: LoyaltyRow[] = [
      adjustmentRow(ctx('2026-03-02T08:00:00Z', 'ADJ-1'), 1000, 'opening balance', 'mgr'),
      payoutRow(ctx('2026-03-03T08:00:00Z', 'PAY-1'), 300, 'gift-voucher'),
      { id: 'Z:D001:2026-03:zeroing', kind: 'zeroing', debtor: D, amount: 200, period: '2026-03', at: '2026-03-04T08:00:00Z', source: 'Z' },
    ];
    expect(both(rows, '2026-03-10T00:00:00Z')).toEqual({ monthToDate: 0, pendingAccrual: 0, accrued: 800, redeemed: 300, available: 500 });
    expect(replay(rows, '2026-03-10T00:00:00Z', JNB).lifetime).toMatchObject({ adjusted: 1000, paidOut: 300, zeroed: 200 });
  });
});

describe('bad rows and states', () => {
  it('refuses rows of another debtor, wrong signs and damaged snapshots', () => {
    const row = earnRow(ctx('2026-03-05T08:00:00Z', 'S1'), 100)!;
    expectLoyaltyError(() => apply(emptyLedgerState('D002'), row), LOYALTY_ERR.WRONG_DEBTOR);
    expectLoyaltyError(() => replay([row, { ...row, debtor: 'D002' }], '2026-03-06T00:00:00Z', JNB), LOYALTY_ERR.WRONG_DEBTOR);
    expect(expectLoyaltyError(() => apply(emptyLedgerState(D), { ...row, amount: -100 }), LOYALTY_ERR.BAD_ROW))
      .toBe('Loyalty row S1:D001:earn (earn): amount must be whole cents more than 0 (got -100)');
    expectLoyaltyError(() => apply(emptyLedgerState(D), { ...row, kind: 'reversal' }), LOYALTY_ERR.BAD_ROW);
    expectLoyaltyError(() => apply(emptyLedgerState(D), { ...row, amount: 1.5 }), LOYALTY_ERR.BAD_ROW);
    expectLoyaltyError(() => apply(emptyLedgerState(D), { ...row, period: 'March' }), LOYALTY_ERR.BAD_PERIOD);
    expectLoyaltyError(() => apply(emptyLedgerState(D), { ...row, kind: 'bonus' as never }), LOYALTY_ERR.BAD_ROW);
    expectLoyaltyError(() => apply(emptyLedgerState(D), { ...row, kind: 'payout', method: 'cheque' as never }), LOYALTY_ERR.BAD_ROW);
    expectLoyaltyError(() => apply(emptyLedgerState(D), { ...row, kind: 'adjustment', reason: '', operator: 'x' }), LOYALTY_ERR.BAD_ROW);
    expect(earnRow(ctx('2026-03-05T08:00:00Z', 'S2'), 0)).toBeNull();
    expect(reversalRow(ctx('2026-03-05T08:00:00Z', 'S2'), 0)).toBeNull();
    const good = JSON.parse(JSON.stringify(apply(emptyLedgerState(D), row))) as unknown;
    expect(() => assertLedgerState(good, D)).not.toThrow();
    expectLoyaltyError(() => assertLedgerState({ ...(good as object), accruedIn: 'x' }, D), LOYALTY_ERR.BAD_ROW);
    expectLoyaltyError(() => assertLedgerState(good, 'D002'), LOYALTY_ERR.BAD_ROW);
  });
});

describe('property: replay equals the incremental state, through JSON snapshots and compaction', () => {
  const START = Date.UTC(2025, 11, 1);
  const SPAN = 200 * 86_400_000; // Dec 2025 to mid 2026: month, quarter and year ends
  const kinds: LoyaltyRowKind[] = ['earn', 'reversal', 'accrual-posting', 'journal-credit', 'redemption', 'payout', 'adjustment', 'zeroing'];
  const stepArb = fc.record({
    kind: fc.constantFrom(...kinds),
    offset: fc.integer({ min: 0, max: SPAN }),
    amount: fc.integer({ min: 1, max: 1_000_000 }),
    negative: fc.boolean(),
    byQuarter: fc.boolean(),
    accruesBack: fc.integer({ min: 0, max: 3 }),
    snapshot: fc.boolean(),
    // null: no compaction after this row; 'now': at the instant later read (the usual case)
    compactAt: fc.option(fc.oneof(fc.constant<'now'>('now'), fc.integer({ min: 0, max: SPAN })), { nil: null }),
  });
  // Reading near a period end is where a wrong "has it ended?" shows: half the instants are there.
  const ends = periodsBetween(new Date(START).toISOString(), new Date(START + SPAN).toISOString(), 'month', JNB.timeZone, JNB.fyStartMonth)
    .map((p) => Date.parse(p.end) - START);
  const atArb = fc.oneof(
    fc.integer({ min: 0, max: SPAN + 40 * 86_400_000 }),
    fc.tuple(fc.constantFrom(...ends), fc.integer({ min: -7_200_000, max: 7_200_000 })).map(([end, delta]) => end + delta),
  );

  function rowOf(s: ArbValue<typeof stepArb>, i: number): LoyaltyRow {
    const at = new Date(START + s.offset).toISOString();
    const kind = s.byQuarter ? 'quarter' : 'month';
    const period = periodKeyOf(at, kind, JNB.timeZone, JNB.fyStartMonth);
    const base = { id: `R${i}`, debtor: D, period, at, source: `S${i}` };
    const signed = s.negative ? -s.amount : s.amount;
    switch (s.kind) {
      case 'earn': return { ...base, kind: 'earn', amount: s.amount };
      case 'reversal': return { ...base, kind: 'reversal', amount: -s.amount };
      case 'accrual-posting': {
        const earlier = new Date(START + s.offset - s.accruesBack * 31 * 86_400_000).toISOString();
        return { ...base, kind: 'accrual-posting', amount: signed, accrues: periodKeyOf(earlier, kind, JNB.timeZone, JNB.fyStartMonth) };
      }
      case 'journal-credit': return { ...base, kind: 'journal-credit', amount: s.amount };
      case 'redemption': return { ...base, kind: 'redemption', amount: signed };
      case 'payout': return { ...base, kind: 'payout', amount: s.amount, method: 'cash' };
      case 'adjustment': return { ...base, kind: 'adjustment', amount: signed, reason: 'fix', operator: 'mgr' };
      case 'zeroing': return { ...base, kind: 'zeroing', amount: s.amount };
    }
  }

  it('holds for any rows in any order, read at any instant', () => {
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 40 }), atArb, (steps, atOffset) => {
      const at = new Date(START + atOffset).toISOString();
      const rows = steps.map(rowOf);
      let state: LoyaltyLedgerState = emptyLedgerState(D);
      steps.forEach((s, i) => {
        state = apply(state, rows[i]!);
        if (s.snapshot) state = JSON.parse(JSON.stringify(state)) as LoyaltyLedgerState;
        // compaction is only ever done with an instant no later than the clock that later reads it
        const c = s.compactAt === 'now' ? atOffset : s.compactAt;
        if (c !== null && c <= atOffset) state = compact(state, new Date(START + c).toISOString(), JNB);
      });
      expect(balancesOf(state, at, JNB)).toEqual(replay(rows, at, JNB));
      expect(state.rowCount).toBe(rows.length);
    }), { numRuns: 500 });
  });
});
