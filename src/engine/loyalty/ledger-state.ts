// The incremental loyalty ledger of one debtor: what a store keeps (and snapshots as JSON) so
// that each new row costs O(1) and a balance enquiry never replays history. It must always agree
// with replay() in balances.ts, which derives the same figures straight from the rows (a
// property test holds the two together).
//
// The state does not know the clock: which periods have ended is decided when balances are read
// (balancesOf) or when the state is compacted, from the instant passed in.
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { periodEnded } from './periods.js';
import { assertRow } from './rows.js';
import { instantMs } from './time-zone.js';
import type { Cents } from '../types.js';
import type { LifetimeTotals, LoyaltyBalances, LoyaltyCalendar, LoyaltyRow } from './types.js';

export interface LoyaltyLedgerState {
  version: 1;
  debtor: string;
  rowCount: number;
  /** Credits earned net of reversals and postings, per period key; 0 entries are dropped. */
  unposted: Record<string, Cents>;
  /** Postings + adjustments - zeroing: everything ever added to Accrued. */
  accruedIn: Cents;
  /** Journal credits + till redemptions + payouts, ever. */
  redeemedOut: Cents;
  /** Redeemed per period key of the redeeming row (ended periods may be compacted away). */
  redeemedBy: Record<string, Cents>;
  /** Postings per period key of the posting row (Zero Unused keeps what was posted this period). */
  postedBy: Record<string, Cents>;
  /** Period key of the latest zeroing (at most one per period). */
  zeroedIn: string | null;
  lifetime: LifetimeTotals;
}

const NO_TOTALS: LifetimeTotals = {
  earned: 0, reversed: 0, posted: 0, journalCredited: 0, redeemedAtTill: 0, paidOut: 0, adjusted: 0, zeroed: 0,
};

export function emptyLedgerState(debtor: string): LoyaltyLedgerState {
  return { version: 1, debtor, rowCount: 0, unposted: {}, accruedIn: 0, redeemedOut: 0, redeemedBy: {}, postedBy: {},
    zeroedIn: null, lifetime: { ...NO_TOTALS } };
}

function safe(n: number, what: string): number {
  loyaltyAssert(Number.isSafeInteger(n), LOYALTY_ERR.BAD_AMOUNT, `${what} is too large to hold exactly`);
  return n;
}

/** The state after one more row (a new object; the old one is untouched, so snapshots are safe). */
export function apply(state: LoyaltyLedgerState, row: LoyaltyRow): LoyaltyLedgerState {
  const next: LoyaltyLedgerState = { ...state, unposted: { ...state.unposted }, redeemedBy: { ...state.redeemedBy },
    postedBy: { ...state.postedBy }, lifetime: { ...state.lifetime } };
  applyInPlace(next, row);
  return next;
}

const LIFETIME_FIELD: Readonly<Record<LoyaltyRow['kind'], keyof LifetimeTotals>> = {
  'earn': 'earned', 'reversal': 'reversed', 'accrual-posting': 'posted', 'journal-credit': 'journalCredited',
  'redemption': 'redeemedAtTill', 'payout': 'paidOut', 'adjustment': 'adjusted', 'zeroing': 'zeroed',
};

function setTotal(map: Record<string, Cents>, key: string, total: Cents): void {
  if (total === 0) delete map[key];
  else map[key] = total;
}

/**
 * Applies one row to a state the caller owns (the store's books: a million rows without a copy
 * each). Every figure is worked out and checked before anything changes, so a refused row leaves
 * the state exactly as it was.
 */
export function applyInPlace(s: LoyaltyLedgerState, row: LoyaltyRow): void {
  assertRow(row);
  if (row.debtor !== s.debtor) {
    loyaltyAssert(false, LOYALTY_ERR.WRONG_DEBTOR, `Loyalty row ${row.id} is for debtor ${row.debtor}, not ${s.debtor}`);
  }
  const a = row.amount;
  const k = row.kind;
  // Credits: earn and reversal add to their period, a posting takes from the period it accrues.
  const creditKey = k === 'earn' || k === 'reversal' ? row.period : k === 'accrual-posting' ? row.accrues : null;
  const creditDelta = k === 'accrual-posting' ? -a : a;
  const accruedDelta = k === 'accrual-posting' || k === 'adjustment' ? a : k === 'zeroing' ? -a : 0;
  const redeems = k === 'journal-credit' || k === 'redemption' || k === 'payout';
  const field = LIFETIME_FIELD[k];
  const credit = creditKey === null ? 0 : (s.unposted[creditKey] ?? 0) + creditDelta;
  const accruedIn = s.accruedIn + accruedDelta;
  const redeemedOut = s.redeemedOut + (redeems ? a : 0);
  const redeemedBy = redeems ? (s.redeemedBy[row.period] ?? 0) + a : 0;
  const postedBy = k === 'accrual-posting' ? (s.postedBy[row.period] ?? 0) + a : 0;
  const lifetime = s.lifetime[field] + (k === 'reversal' ? -a : a);
  // One check for the common case; the message (built only on failure) names the figure.
  const ok = Number.isSafeInteger(credit) && Number.isSafeInteger(accruedIn) && Number.isSafeInteger(redeemedOut)
    && Number.isSafeInteger(redeemedBy) && Number.isSafeInteger(postedBy) && Number.isSafeInteger(lifetime)
    && Number.isSafeInteger(accruedIn - redeemedOut);
  if (!ok) {
    safe(credit, `Loyalty total of ${creditKey ?? row.period}`);
    safe(accruedIn, 'Accrued');
    safe(redeemedOut, 'Redeemed');
    safe(redeemedBy, `Loyalty total of ${row.period}`);
    safe(postedBy, `Loyalty total of ${row.period}`);
    safe(lifetime, `Lifetime ${field}`);
    // Accrued and Redeemed may each be safe while their difference is not (a negative redemption).
    safe(accruedIn - redeemedOut, 'Available');
  }

  s.rowCount += 1;
  if (creditKey !== null) setTotal(s.unposted, creditKey, credit);
  s.accruedIn = accruedIn;
  s.redeemedOut = redeemedOut;
  if (redeems) setTotal(s.redeemedBy, row.period, redeemedBy);
  if (k === 'accrual-posting') setTotal(s.postedBy, row.period, postedBy);
  if (k === 'zeroing') s.zeroedIn = row.period;
  s.lifetime[field] = lifetime;
}

export function applyAll(state: LoyaltyLedgerState, rows: readonly LoyaltyRow[]): LoyaltyLedgerState {
  return rows.reduce(apply, state);
}

/** Available = Accrued - Redeemed: what may be redeemed or paid out now (never depends on the clock). */
export function availableOf(state: LoyaltyLedgerState): Cents {
  return state.accruedIn - state.redeemedOut;
}

/** The five balances at instant `at` (the caller's clock) in the store's calendar. */
export function balancesOf(state: LoyaltyLedgerState, at: string, calendar: LoyaltyCalendar): LoyaltyBalances {
  const atMs = instantMs(at);
  let monthToDate = 0;
  let pendingAccrual = 0;
  for (const [key, amount] of Object.entries(state.unposted)) {
    if (periodEnded(key, atMs, calendar)) pendingAccrual += amount;
    else monthToDate += amount;
  }
  // Redeemed counts only periods still running; when one ends its redemptions fold into
  // Accrued, so Available = Accrued - Redeemed is the same either side of the boundary.
  let redeemed = 0;
  for (const [key, amount] of Object.entries(state.redeemedBy)) {
    if (!periodEnded(key, atMs, calendar)) redeemed += amount;
  }
  const available = availableOf(state);
  return { monthToDate, pendingAccrual, accrued: available + redeemed, redeemed, available, lifetime: { ...state.lifetime } };
}

/**
 * Drops per-period entries that can no longer matter at `at` or later (redemptions and postings
 * of ended periods), keeping the state small. Balances read at `at` or after are unchanged;
 * compact when snapshotting, never with an instant later than the clock.
 */
export function compact(state: LoyaltyLedgerState, at: string, calendar: LoyaltyCalendar): LoyaltyLedgerState {
  const atMs = instantMs(at);
  const keep = (map: Record<string, Cents>): Record<string, Cents> =>
    Object.fromEntries(Object.entries(map).filter(([key]) => !periodEnded(key, atMs, calendar)));
  return { ...state, redeemedBy: keep(state.redeemedBy), postedBy: keep(state.postedBy) };
}

/** Checks a state read back from a snapshot (a damaged snapshot is rebuilt by replay, not trusted). */
export function assertLedgerState(value: unknown, debtor: string): asserts value is LoyaltyLedgerState {
  const s = value as Partial<LoyaltyLedgerState> | null;
  const isMap = (m: unknown): boolean => typeof m === 'object' && m !== null
    && Object.values(m).every((v) => Number.isSafeInteger(v));
  loyaltyAssert(s !== null && typeof s === 'object' && s.version === 1 && s.debtor === debtor
    && Number.isSafeInteger(s.rowCount) && Number.isSafeInteger(s.accruedIn) && Number.isSafeInteger(s.redeemedOut)
    && isMap(s.unposted) && isMap(s.redeemedBy) && isMap(s.postedBy) && isMap(s.lifetime)
    && (s.zeroedIn === null || typeof s.zeroedIn === 'string'),
  LOYALTY_ERR.BAD_ROW, `The loyalty snapshot of debtor ${debtor} is damaged: rebuild it from the rows`);
}
