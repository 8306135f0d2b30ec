// Accrue Loyalties (SPEC section 4 rules 6, 7 and 10) as a plan of rows to append.
//
// Per processed debtor, in this order (the order is what makes a resumed run exact):
//   1. zeroing        with Zero Unused: Available left over before this run, less what was
//                     already posted in the current period (by this run or an earlier one, e.g.
//                     the automatic catch-up), so credits posted this period survive; at most
//                     once per debtor per period; only a positive leftover (a negative Available
//                     is owed credit, not unused credit)
//   2. accrual-posting one per ended period with credits (Pending Accrual), oldest first
//   3. journal-credit  Journal Account debtors: what is Available after the postings, if > 0
// Row ids are `${runId}:${debtor}:${period}:${kind}` (the posted period for postings, the current
// period otherwise). Idempotency comes from the state itself: a posted period has no credits
// left, a zeroed period is remembered, a credited debtor has nothing Available. So a rerun of the
// same runId after a crash that appended a prefix of the plan appends exactly the rest, and a
// later run in the same period appends nothing.
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { applyAll, availableOf, emptyLedgerState, type LoyaltyLedgerState } from './ledger-state.js';
import { periodEndMs, periodEnded, periodKeyOf, periodKindOf } from './periods.js';
import { assertTimeZone, instantMs } from './time-zone.js';
import { LOYALTY_APPLICABLE } from './types.js';
import type { Cents } from '../types.js';
import type { LoyaltyApplicable, LoyaltyCalendar, LoyaltyRow } from './types.js';

export interface AccrualDebtor {
  code: string;
  applicable: LoyaltyApplicable;
  /** The debtor's ledger state, or its rows (replayed here) when no state is kept. */
  state?: LoyaltyLedgerState;
  rows?: readonly LoyaltyRow[];
}

export interface AccrualInput extends LoyaltyCalendar {
  debtors: readonly AccrualDebtor[];
  /** Which Loyalty Applicable kinds this run processes (not 'no'). */
  kinds: readonly LoyaltyApplicable[];
  /** "Zero Unused Accrued Loyalties"; automatic catch-up runs pass false. */
  zeroUnused: boolean;
  /** The run's instant: periods that ended by then are posted. */
  at: string;
  /** Identifies the run; a resumed run after a crash must reuse it. */
  runId: string;
}

function assertInput(input: AccrualInput): void {
  assertTimeZone(input.timeZone);
  instantMs(input.at, 'Accrual time');
  loyaltyAssert(typeof input.runId === 'string' && input.runId.trim() !== '', LOYALTY_ERR.BAD_SETTINGS,
    'An accrual run needs a run id');
  loyaltyAssert(input.kinds.length > 0, LOYALTY_ERR.BAD_SETTINGS, 'Choose at least one kind of debtor to process');
  for (const kind of input.kinds) {
    loyaltyAssert(kind !== 'no' && LOYALTY_APPLICABLE.includes(kind), LOYALTY_ERR.BAD_SETTINGS,
      `Kinds to process must be among ${LOYALTY_APPLICABLE.filter((k) => k !== 'no').join(', ')} (got "${String(kind)}")`);
  }
}

function stateOf(d: AccrualDebtor): LoyaltyLedgerState {
  const state = d.state ?? applyAll(emptyLedgerState(d.code), d.rows ?? []);
  loyaltyAssert(state.debtor === d.code, LOYALTY_ERR.WRONG_DEBTOR,
    `The loyalty state given for debtor ${d.code} belongs to ${state.debtor}`);
  return state;
}

function planDebtor(d: AccrualDebtor, input: AccrualInput, calendar: LoyaltyCalendar, atMs: number): LoyaltyRow[] {
  const state = stateOf(d);
  const kind = periodKindOf(d.applicable);
  if (kind === null) return [];
  const current = periodKeyOf(input.at, kind, calendar.timeZone, calendar.fyStartMonth);
  const rowBase = (period: string, kindName: string, amount: Cents) => ({
    id: `${input.runId}:${d.code}:${period}:${kindName}`, debtor: d.code, amount, period: current,
    at: input.at, source: input.runId,
  });
  const out: LoyaltyRow[] = [];
  let available = availableOf(state);
  if (input.zeroUnused && state.zeroedIn !== current) {
    const leftover = available - (state.postedBy[current] ?? 0);
    if (leftover > 0) {
      out.push({ ...rowBase(current, 'zeroing', leftover), kind: 'zeroing' });
      available -= leftover;
    }
  }
  const ended = Object.entries(state.unposted)
    .filter(([key]) => periodEnded(key, atMs, calendar))
    .sort(([a], [b]) => periodEndMs(a, calendar) - periodEndMs(b, calendar) || (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, amount] of ended) {
    out.push({ ...rowBase(key, 'accrual-posting', amount), kind: 'accrual-posting', accrues: key });
    available += amount;
  }
  if (d.applicable.endsWith('-journal') && available > 0) {
    out.push({ ...rowBase(current, 'journal-credit', available), kind: 'journal-credit' });
  }
  return out;
}

/** The rows one Accrue Loyalties run appends, debtor by debtor in the order given. */
export function planAccrual(input: AccrualInput): LoyaltyRow[] {
  assertInput(input);
  const calendar: LoyaltyCalendar = { timeZone: input.timeZone, fyStartMonth: input.fyStartMonth };
  const atMs = instantMs(input.at);
  const kinds = new Set(input.kinds);
  const seen = new Set<string>();
  const rows: LoyaltyRow[] = [];
  for (const d of input.debtors) {
    loyaltyAssert(!seen.has(d.code), LOYALTY_ERR.BAD_SETTINGS, `Debtor ${d.code} is listed twice in one accrual run`);
    seen.add(d.code);
    if (!kinds.has(d.applicable)) continue;
    rows.push(...planDebtor(d, input, calendar, atMs));
  }
  return rows;
}

export interface AccrualSummary {
  debtors: number;
  posted: Cents;
  journalCredited: Cents;
  zeroed: Cents;
}

/** Counts for the run's summary screen and `accrue --json`. */
export function summariseAccrual(rows: readonly LoyaltyRow[]): AccrualSummary {
  const debtors = new Set<string>();
  const sum = { posted: 0, journalCredited: 0, zeroed: 0 };
  for (const r of rows) {
    debtors.add(r.debtor);
    if (r.kind === 'accrual-posting') sum.posted += r.amount;
    else if (r.kind === 'journal-credit') sum.journalCredited += r.amount;
    else if (r.kind === 'zeroing') sum.zeroed += r.amount;
  }
  return { debtors: debtors.size, ...sum };
}
