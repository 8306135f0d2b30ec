// Building and checking loyalty rows. Builders give every row a deterministic id
// (`${source}:${debtor}:${kind}`), so a sale or refund journalled twice by a retry is recognisable,
// and the period key of its instant by the debtor's Loyalty Applicable at that time.
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { kindOfKey, periodKeyOf, periodKindOf } from './periods.js';
import { instantMs } from './time-zone.js';
import { LOYALTY_ROW_KINDS, PAYOUT_METHODS } from './types.js';
import type { Cents } from '../types.js';
import type {
  AdjustmentRow, EarnRow, LoyaltyApplicable, LoyaltyCalendar, LoyaltyRow, LoyaltyRowKind, PayoutMethod,
  PayoutRow, RedemptionRow, ReversalRow,
} from './types.js';

const SIGN: Readonly<Record<LoyaltyRowKind, { ok: (n: number) => boolean; allowed: string }>> = {
  'earn': { ok: (n) => n > 0, allowed: 'more than 0' },
  'reversal': { ok: (n) => n < 0, allowed: 'less than 0' },
  'accrual-posting': { ok: (n) => n !== 0, allowed: 'not 0' },
  'journal-credit': { ok: (n) => n > 0, allowed: 'more than 0' },
  'redemption': { ok: (n) => n !== 0, allowed: 'not 0' },
  'payout': { ok: (n) => n > 0, allowed: 'more than 0' },
  'adjustment': { ok: (n) => n !== 0, allowed: 'not 0' },
  'zeroing': { ok: (n) => n > 0, allowed: 'more than 0' },
};

const nonEmpty = (s: unknown): boolean => typeof s === 'string' && s.trim() !== '';

/** Refuses a malformed row before it can reach a balance (journal damage, a bad import). */
export function assertRow(row: LoyaltyRow): void {
  // Messages are built only when a check fails: the books check every row of a million sales.
  if (!LOYALTY_ROW_KINDS.includes(row.kind)) {
    loyaltyAssert(false, LOYALTY_ERR.BAD_ROW, `Loyalty row kind must be one of ${LOYALTY_ROW_KINDS.join(', ')} (got "${String(row.kind)}")`);
  }
  const what = (): string => `Loyalty row ${String(row.id)}`;
  if (!(nonEmpty(row.id) && nonEmpty(row.debtor) && typeof row.source === 'string')) {
    loyaltyAssert(false, LOYALTY_ERR.BAD_ROW, `${what()}: id and debtor must be set`);
  }
  const sign = SIGN[row.kind];
  if (!(Number.isSafeInteger(row.amount) && sign.ok(row.amount))) {
    loyaltyAssert(false, LOYALTY_ERR.BAD_ROW, `${what()} (${row.kind}): amount must be whole cents ${sign.allowed} (got ${String(row.amount)})`);
  }
  kindOfKey(row.period);
  try {
    instantMs(row.at);
  } catch {
    instantMs(row.at, `${what()}: time`); // the same refusal, naming the row
  }
  if (row.kind === 'accrual-posting') kindOfKey(row.accrues);
  if (row.kind === 'payout') {
    loyaltyAssert(PAYOUT_METHODS.includes(row.method), LOYALTY_ERR.BAD_ROW,
      `${what()}: payout method must be one of ${PAYOUT_METHODS.join(', ')} (got "${String(row.method)}")`);
  }
  if (row.kind === 'adjustment') {
    loyaltyAssert(nonEmpty(row.reason) && nonEmpty(row.operator), LOYALTY_ERR.BAD_ROW,
      `${what()}: an adjustment needs a reason and an operator`);
  }
}

export interface RowContext {
  debtor: string;
  /** The debtor's Loyalty Applicable now (its period kind keys the row; 'no' keys by month). */
  applicable: LoyaltyApplicable;
  calendar: LoyaltyCalendar;
  /** ISO instant of the movement. */
  at: string;
  /** Sale, refund, payout or adjustment reference. */
  source: string;
}

/** The period key rows of this debtor made at `at` carry. */
export function rowPeriod(applicable: LoyaltyApplicable, at: string, calendar: LoyaltyCalendar): string {
  return periodKeyOf(at, periodKindOf(applicable) ?? 'month', calendar.timeZone, calendar.fyStartMonth);
}

function base(ctx: RowContext, kind: LoyaltyRowKind, amount: Cents) {
  return {
    id: `${ctx.source}:${ctx.debtor}:${kind}`, debtor: ctx.debtor, amount,
    period: rowPeriod(ctx.applicable, ctx.at, ctx.calendar), at: ctx.at, source: ctx.source,
  };
}

/** The earn row of a sale; null when it earned nothing (no row is written). */
export function earnRow(ctx: RowContext, earned: Cents): EarnRow | null {
  if (earned === 0) return null;
  const row: EarnRow = { ...base(ctx, 'earn', earned), kind: 'earn' };
  assertRow(row);
  return row;
}

/** The reversal row of a refund from the credits it takes back (>= 0); null when 0. */
export function reversalRow(ctx: RowContext, reversed: Cents): ReversalRow | null {
  if (reversed === 0) return null;
  const row: ReversalRow = { ...base(ctx, 'reversal', -reversed), kind: 'reversal' };
  assertRow(row);
  return row;
}

/** Credits used as a tender (> 0), or given back by a refund on the loyalty tender (< 0). */
export function redemptionRow(ctx: RowContext, amount: Cents): RedemptionRow {
  const row: RedemptionRow = { ...base(ctx, 'redemption', amount), kind: 'redemption' };
  assertRow(row);
  return row;
}

export function payoutRow(ctx: RowContext, amount: Cents, method: PayoutMethod): PayoutRow {
  const row: PayoutRow = { ...base(ctx, 'payout', amount), kind: 'payout', method };
  assertRow(row);
  return row;
}

export function adjustmentRow(ctx: RowContext, amount: Cents, reason: string, operator: string): AdjustmentRow {
  const row: AdjustmentRow = { ...base(ctx, 'adjustment', amount), kind: 'adjustment', reason, operator };
  assertRow(row);
  return row;
}
