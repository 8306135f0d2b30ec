// Accrue Loyalties: postings, journal credits, Zero Unused, catch-up, idempotency and crash-resume.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAccrual, summariseAccrual, type AccrualDebtor, type AccrualInput } from '../../../src/engine/loyalty/accrual.js';
import { replay } from '../../../src/engine/loyalty/balances.js';
import { LOYALTY_ERR } from '../../../src/engine/loyalty/errors.js';
import { applyAll, balancesOf, emptyLedgerState, type LoyaltyLedgerState } from '../../../src/engine/loyalty/ledger-state.js';
import { adjustmentRow, earnRow, redemptionRow, reversalRow } from '../../../src/engine/loyalty/rows.js';
import type { LoyaltyApplicable, LoyaltyCalendar, LoyaltyRow } from '../../../src/engine/loyalty/types.js';
import { AUCKLAND, expectLoyaltyError, JNB, LA, type ArbValue } from './helpers.js';

const PROCESSABLE: LoyaltyApplicable[] = ['monthly-journal', 'quarterly-journal', 'yearly-journal', 'monthly-payment', 'quarterly-payment'];

function rowsOf(code: string, applicable: LoyaltyApplicable, calendar: LoyaltyCalendar, spec: [string, 'earn' | 'reversal' | 'redemption', number][]): LoyaltyRow[] {
  return spec.map(([at, kind, amount], i) => {
    const ctx = { debtor: code, applicable, calendar, at, source: `S${i}` };
    if (kind === 'earn') return earnRow(ctx, amount)!;
    if (kind === 'reversal') return reversalRow(ctx, amount)!;
    return redemptionRow(ctx, amount);
  });
}

function run(debtors: AccrualDebtor[], at: string, extra: Partial<AccrualInput> = {}, calendar: LoyaltyCalendar = JNB): LoyaltyRow[] {
  return planAccrual({ debtors, kinds: PROCESSABLE, zeroUnused: false, at, runId: 'RUN1', ...calendar, ...extra });
}

describe('all six Loyalty Applicable options across their period ends', () => {
  // [applicable, calendar, sale instant, its period, the instant that period ends]
  const cases: [LoyaltyApplicable, LoyaltyCalendar, string, string, string][] = [
    ['monthly-journal', JNB, '2024-02-29T21:30:00Z', '2024-02', '2024-02-29T22:00:00Z'],          // leap day, 23:30 local
    ['quarterly-journal', JNB, '2026-05-31T21:30:00Z', 'FY2027-Q1', '2026-05-31T22:00:00Z'],      // the 31st, quarter end
    ['yearly-journal', JNB, '2027-02-28T21:59:00Z', 'FY2027', '2027-02-28T22:00:00Z'],            // financial-year end
    ['monthly-payment', LA, '2026-04-01T03:00:00Z', '2026-03', '2026-04-01T07:00:00Z'],           // 31 March local, 1 April UTC
    ['quarterly-payment', AUCKLAND, '2026-03-31T10:30:00Z', 'FY2026-Q4', '2026-03-31T11:00:00Z'], // 31 March local, FY from April
  ];

  it.each(cases)('%s: a sale at %s belongs to %s, pending from %s', (applicable, cal, saleAt, period, endsAt) => {
    const rows = rowsOf('D1', applicable, cal, [[saleAt, 'earn', 1234]]);
    expect(rows[0]!.period).toBe(period);
    const justBefore = new Date(Date.parse(endsAt) - 1).toISOString();
    expect(replay(rows, justBefore, cal)).toMatchObject({ monthToDate: 1234, pendingAccrual: 0 });
    expect(replay(rows, endsAt, cal)).toMatchObject({ monthToDate: 0, pendingAccrual: 1234 });
    expect(run([{ code: 'D1', applicable, rows }], justBefore, {}, cal)).toEqual([]);
    // another kind only: this debtor is left alone
    expect(run([{ code: 'D1', applicable, rows }], endsAt, { kinds: PROCESSABLE.filter((k) => k !== applicable) }, cal)).toEqual([]);
    const planned = run([{ code: 'D1', applicable, rows }], endsAt, {}, cal);
    const journal = applicable.endsWith('journal');
    expect(planned.map((r) => [r.kind, r.amount])).toEqual(journal
      ? [['accrual-posting', 1234], ['journal-credit', 1234]] : [['accrual-posting', 1234]]);
    const after = replay([...rows, ...planned], endsAt, cal);
    expect(after).toMatchObject(journal
      ? { pendingAccrual: 0, accrued: 1234, redeemed: 1234, available: 0 }
      : { pendingAccrual: 0, accrued: 1234, redeemed: 0, available: 1234 });
  });

  it("'no' is never processed and cannot be asked for", () => {
    const rows = rowsOf('D1', 'monthly-payment', JNB, [['2026-03-05T08:00:00Z', 'earn', 500]]);
    expect(run([{ code: 'D1', applicable: 'no', rows }], '2026-04-05T00:00:00Z')).toEqual([]);
    expectLoyaltyError(() => run([], '2026-04-05T00:00:00Z', { kinds: ['no'] }), LOYALTY_ERR.BAD_SETTINGS);
  });
});

describe('planAccrual', () => {
  it('catches up periods missed while the PC was off, oldest first, with deterministic ids', () => {
    const rows = rowsOf('D1', 'monthly-payment', JNB, [
      ['2026-01-05T08:00:00Z', 'earn', 100], ['2026-02-05T08:00:00Z', 'earn', 200], ['2026-03-05T08:00:00Z', 'earn', 300],
      ['2026-04-02T08:00:00Z', 'earn', 400], // the running month: stays Month to Date
    ]);
    const planned = run([{ code: 'D1', applicable: 'monthly-payment', rows }], '2026-04-03T00:00:00Z');
    expect(planned.map((r) => r.id)).toEqual(['RUN1:D1:2026-01:accrual-posting', 'RUN1:D1:2026-02:accrual-posting', 'RUN1:D1:2026-03:accrual-posting']);
    expect(planned.every((r) => r.period === '2026-04' && r.at === '2026-04-03T00:00:00Z' && r.source === 'RUN1')).toBe(true);
    expect(replay([...rows, ...planned], '2026-04-03T00:00:00Z', JNB)).toMatchObject({ monthToDate: 400, pendingAccrual: 0, available: 600 });
    expect(summariseAccrual(planned)).toEqual({ debtors: 1, posted: 600, journalCredited: 0, zeroed: 0 });
  });

  it('Zero Unused writes back what was left from earlier periods; credits posted in the run survive', () => {
    const rows = [
      ...rowsOf('D1', 'monthly-payment', JNB, [['2026-02-05T08:00:00Z', 'earn', 300]]),
      ...run([{ code: 'D1', applicable: 'monthly-payment', rows: rowsOf('D1', 'monthly-payment', JNB, [['2026-02-05T08:00:00Z', 'earn', 300]]) }],
        '2026-03-01T08:00:00Z', { runId: 'FEB' }),
      ...rowsOf('D1', 'monthly-payment', JNB, [['2026-03-10T08:00:00Z', 'earn', 200], ['2026-03-12T08:00:00Z', 'redemption', 50]])
        .map((r) => ({ ...r, id: `${r.id}-m` })),
    ];
    const planned = run([{ code: 'D1', applicable: 'monthly-payment', rows }], '2026-04-02T08:00:00Z', { zeroUnused: true, runId: 'APR' });
    expect(planned.map((r) => [r.kind, r.amount, r.id])).toEqual([
      ['zeroing', 250, 'APR:D1:2026-04:zeroing'], ['accrual-posting', 200, 'APR:D1:2026-03:accrual-posting']]);
    expect(replay([...rows, ...planned], '2026-04-02T09:00:00Z', JNB)).toMatchObject({ accrued: 200, available: 200, redeemed: 0 });
    // a second run in the same period, Zero Unused again: nothing more to do
    const all = [...rows, ...planned];
    expect(run([{ code: 'D1', applicable: 'monthly-payment', rows: all }], '2026-04-20T08:00:00Z', { zeroUnused: true, runId: 'APR2' })).toEqual([]);
  });

  it('zeroes at most once per period: an adjustment made after it survives a second Zero Unused run', () => {
    const adj = (at: string, source: string, amount: number) =>
      adjustmentRow({ debtor: 'D1', applicable: 'monthly-payment', calendar: JNB, at, source }, amount, 'goodwill', 'mgr');
    const base = [adj('2026-02-10T08:00:00Z', 'A1', 400)];
    const first = run([{ code: 'D1', applicable: 'monthly-payment', rows: base }], '2026-04-01T08:00:00Z', { zeroUnused: true, runId: 'APR' });
    expect(first.map((r) => [r.kind, r.amount])).toEqual([['zeroing', 400]]);
    const rows = [...base, ...first, adj('2026-04-05T08:00:00Z', 'A2', 150)];
    expect(run([{ code: 'D1', applicable: 'monthly-payment', rows }], '2026-04-20T08:00:00Z', { zeroUnused: true, runId: 'APR2' })).toEqual([]);
    // the next period's run may zero it
    expect(run([{ code: 'D1', applicable: 'monthly-payment', rows }], '2026-05-02T08:00:00Z', { zeroUnused: true, runId: 'MAY' })
      .map((r) => [r.kind, r.amount])).toEqual([['zeroing', 150]]);
  });

  it('Zero Unused after the automatic catch-up of the same period keeps what the catch-up posted', () => {
    const base = [
      adjustmentRow({ debtor: 'D1', applicable: 'monthly-payment', calendar: JNB, at: '2026-01-10T08:00:00Z', source: 'ADJ' }, 700, 'opening', 'mgr'),
      ...rowsOf('D1', 'monthly-payment', JNB, [['2026-03-10T08:00:00Z', 'earn', 200]]),
    ];
    const catchUp = run([{ code: 'D1', applicable: 'monthly-payment', rows: base }], '2026-04-01T05:00:00Z', { runId: 'AUTO' });
    const rows = [...base, ...catchUp];
    const manual = run([{ code: 'D1', applicable: 'monthly-payment', rows }], '2026-04-01T09:00:00Z', { zeroUnused: true, runId: 'MAN' });
    expect(manual.map((r) => [r.kind, r.amount])).toEqual([['zeroing', 700]]);
    expect(replay([...rows, ...manual], '2026-04-01T10:00:00Z', JNB).available).toBe(200);
  });

  it('never zeroes a negative Available (owed credit is not unused credit) and never credits it to a journal account', () => {
    const rows = rowsOf('D1', 'monthly-journal', JNB, [['2026-03-10T08:00:00Z', 'reversal', 300]]);
    const planned = run([{ code: 'D1', applicable: 'monthly-journal', rows }], '2026-04-02T08:00:00Z', { zeroUnused: true });
    expect(planned.map((r) => [r.kind, r.amount])).toEqual([['accrual-posting', -300]]);
    const next = [...rows, ...planned, ...rowsOf('D1', 'monthly-journal', JNB, [['2026-04-10T08:00:00Z', 'earn', 500]]).map((r) => ({ ...r, id: 'E2' }))];
    const may = run([{ code: 'D1', applicable: 'monthly-journal', rows: next }], '2026-05-02T08:00:00Z', { runId: 'MAY' });
    expect(may.map((r) => [r.kind, r.amount])).toEqual([['accrual-posting', 500], ['journal-credit', 200]]);
  });

  it('gives the same plan from rows or from a state, and a rerun of the same period plans nothing', () => {
    const rows = rowsOf('D1', 'quarterly-journal', JNB, [['2026-04-10T08:00:00Z', 'earn', 900], ['2026-05-10T08:00:00Z', 'earn', 100]]);
    const state = applyAll(emptyLedgerState('D1'), rows);
    const fromRows = run([{ code: 'D1', applicable: 'quarterly-journal', rows }], '2026-06-01T00:00:00Z', { zeroUnused: true });
    expect(run([{ code: 'D1', applicable: 'quarterly-journal', state }], '2026-06-01T00:00:00Z', { zeroUnused: true })).toEqual(fromRows);
    expect(fromRows.map((r) => r.id)).toEqual(['RUN1:D1:FY2027-Q1:accrual-posting', 'RUN1:D1:FY2027-Q2:journal-credit']);
    const after = applyAll(state, fromRows);
    expect(run([{ code: 'D1', applicable: 'quarterly-journal', state: after }], '2026-06-01T00:00:00Z', { zeroUnused: true })).toEqual([]);
    expect(run([{ code: 'D1', applicable: 'quarterly-journal', state: after }], '2026-07-15T00:00:00Z', { zeroUnused: true, runId: 'R2' })).toEqual([]);
  });

  it('refuses bad runs', () => {
    expectLoyaltyError(() => run([], '2026-04-01T00:00:00Z', { kinds: [] }), LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => run([], '2026-04-01T00:00:00Z', { kinds: ['weekly' as LoyaltyApplicable] }), LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => run([], '2026-04-01T00:00:00Z', { runId: ' ' }), LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => run([], '2026-04-01'), LOYALTY_ERR.BAD_INSTANT);
    expectLoyaltyError(() => run([], '2026-04-01T00:00:00Z', { timeZone: 'Nowhere/Land' }), LOYALTY_ERR.BAD_TIME_ZONE);
    const d: AccrualDebtor = { code: 'D1', applicable: 'monthly-payment', rows: [] };
    expect(expectLoyaltyError(() => run([d, d], '2026-04-01T00:00:00Z'), LOYALTY_ERR.BAD_SETTINGS)).toContain('listed twice');
    expectLoyaltyError(() => run([{ code: 'D1', applicable: 'monthly-payment', state: emptyLedgerState('D2') }], '2026-04-01T00:00:00Z'),
      LOYALTY_ERR.WRONG_DEBTOR);
  });
});

describe('property: a run resumed after a crash at any point equals one clean run', () => {
  const START = Date.UTC(2025, 10, 1);
  const DAY = 86_400_000;
  const debtorArb = fc.record({
    applicable: fc.constantFrom(...PROCESSABLE),
    events: fc.array(fc.record({
      kind: fc.constantFrom<'earn' | 'reversal' | 'redemption' | 'adjustment'>('earn', 'earn', 'reversal', 'redemption', 'adjustment'),
      day: fc.integer({ min: 0, max: 240 }),
      amount: fc.integer({ min: 1, max: 100_000 }),
    }), { maxLength: 12 }),
    priorRunDay: fc.option(fc.integer({ min: 30, max: 240 }), { nil: null }),
  });
  const runArb = fc.record({
    debtors: fc.array(debtorArb, { minLength: 1, maxLength: 5 }),
    runDay: fc.integer({ min: 0, max: 300 }),
    zeroUnused: fc.boolean(),
    kinds: fc.subarray(PROCESSABLE, { minLength: 1 }),
    crash: fc.nat(),
  });

  /** A debtor's history: its events, with an earlier accrual run folded in when one happened. */
  function history(code: string, d: ArbValue<typeof debtorArb>): LoyaltyLedgerState {
    const dated = d.events.map((e, i) => ({ ...e, i, at: new Date(START + e.day * DAY).toISOString() })).sort((a, b) => a.day - b.day);
    let state = emptyLedgerState(code);
    let priorDone = d.priorRunDay === null;
    for (const e of dated) {
      if (!priorDone && e.day >= d.priorRunDay!) {
        state = applyAll(state, planAccrual({ debtors: [{ code, applicable: d.applicable, state }], kinds: PROCESSABLE, zeroUnused: true,
          at: new Date(START + d.priorRunDay! * DAY).toISOString(), runId: 'EARLIER', ...JNB }));
        priorDone = true;
      }
      const ctx = { debtor: code, applicable: d.applicable, calendar: JNB, at: e.at, source: `S${e.i}` };
      const row = e.kind === 'earn' ? earnRow(ctx, e.amount)! : e.kind === 'reversal' ? reversalRow(ctx, e.amount)!
        : e.kind === 'redemption' ? redemptionRow(ctx, e.amount) : adjustmentRow(ctx, e.amount, 'fix', 'mgr');
      state = applyAll(state, [row]);
    }
    return state;
  }

  it('appends exactly the missing rows, and a further rerun appends nothing', () => {
    fc.assert(fc.property(runArb, (r) => {
      const at = new Date(START + r.runDay * DAY).toISOString();
      const codes = r.debtors.map((_, i) => `D${i}`);
      const states = new Map(r.debtors.map((d, i) => [codes[i]!, history(codes[i]!, d)]));
      const input = (s: Map<string, LoyaltyLedgerState>): AccrualInput => ({
        debtors: r.debtors.map((d, i) => ({ code: codes[i]!, applicable: d.applicable, state: s.get(codes[i]!)! })),
        kinds: r.kinds, zeroUnused: r.zeroUnused, at, runId: 'RUN', ...JNB,
      });
      const appendTo = (s: Map<string, LoyaltyLedgerState>, rows: LoyaltyRow[]): Map<string, LoyaltyLedgerState> => {
        const next = new Map(s);
        for (const row of rows) next.set(row.debtor, applyAll(next.get(row.debtor)!, [row]));
        return next;
      };
      const clean = planAccrual(input(states));
      const cleanStates = appendTo(states, clean);

      const cut = clean.length === 0 ? 0 : r.crash % (clean.length + 1);
      const crashed = appendTo(states, clean.slice(0, cut));
      const resumed = planAccrual(input(crashed));
      expect([...clean.slice(0, cut), ...resumed]).toEqual(clean);
      const finalStates = appendTo(crashed, resumed);
      expect(Object.fromEntries(finalStates)).toEqual(Object.fromEntries(cleanStates));
      for (const code of codes) {
        expect(balancesOf(finalStates.get(code)!, at, JNB)).toEqual(balancesOf(cleanStates.get(code)!, at, JNB));
      }
      // running again (same id or a new one) in the same period changes nothing
      expect(planAccrual(input(finalStates))).toEqual([]);
      expect(planAccrual({ ...input(finalStates), runId: 'AGAIN' })).toEqual([]);
      // nothing Pending is left for the kinds processed
      r.debtors.forEach((d, i) => {
        if (r.kinds.includes(d.applicable)) expect(balancesOf(finalStates.get(codes[i]!)!, at, JNB).pendingAccrual).toBe(0);
      });
    }), { numRuns: 300 });
  });
});
