// The five displayed balances straight from a debtor's rows (SPEC section 4 rule 9): the full
// replay that any snapshot must agree with. Written independently of ledger-state.ts on purpose,
// so the property test comparing them checks two derivations rather than one twice.
//
//   Month to Date    credits (earn + reversal - postings) of periods not yet ended at `at`
//   Pending Accrual  the same for periods that have ended: waiting for an Accrue Loyalties run
//   Redeemed         journal credits, till redemptions and payouts of periods not yet ended
//   Available        postings + adjustments - zeroing - everything ever redeemed
//   Accrued          Available + Redeemed (so a period's end moves Redeemed into Accrued and
//                    Available does not jump)
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { periodEnded } from './periods.js';
import { assertRow } from './rows.js';
import { instantMs } from './time-zone.js';
import type { Cents } from '../types.js';
import type { LifetimeTotals, LoyaltyBalances, LoyaltyCalendar, LoyaltyRow } from './types.js';

export { apply, applyAll, availableOf, balancesOf, compact, emptyLedgerState, assertLedgerState } from './ledger-state.js';
export type { LoyaltyLedgerState } from './ledger-state.js';

/** The balances of one debtor at `at` from all its rows (any order). */
export function replay(rows: readonly LoyaltyRow[], at: string, calendar: LoyaltyCalendar): LoyaltyBalances {
  const atMs = instantMs(at);
  const debtor = rows[0]?.debtor;
  const credits = new Map<string, Cents>();
  const addCredit = (key: string, amount: Cents): void => { credits.set(key, (credits.get(key) ?? 0) + amount); };
  const lifetime: LifetimeTotals = {
    earned: 0, reversed: 0, posted: 0, journalCredited: 0, redeemedAtTill: 0, paidOut: 0, adjusted: 0, zeroed: 0,
  };
  let redeemed = 0;
  for (const row of rows) {
    assertRow(row);
    loyaltyAssert(row.debtor === debtor, LOYALTY_ERR.WRONG_DEBTOR,
      `replay takes the rows of one debtor (got ${String(debtor)} and ${row.debtor})`);
    const running = !periodEnded(row.period, atMs, calendar);
    switch (row.kind) {
      case 'earn': addCredit(row.period, row.amount); lifetime.earned += row.amount; break;
      case 'reversal': addCredit(row.period, row.amount); lifetime.reversed -= row.amount; break;
      case 'accrual-posting': addCredit(row.accrues, -row.amount); lifetime.posted += row.amount; break;
      case 'journal-credit': lifetime.journalCredited += row.amount; if (running) redeemed += row.amount; break;
      case 'redemption': lifetime.redeemedAtTill += row.amount; if (running) redeemed += row.amount; break;
      case 'payout': lifetime.paidOut += row.amount; if (running) redeemed += row.amount; break;
      case 'adjustment': lifetime.adjusted += row.amount; break;
      case 'zeroing': lifetime.zeroed += row.amount; break;
    }
  }
  let monthToDate = 0;
  let pendingAccrual = 0;
  for (const [key, amount] of credits) {
    if (periodEnded(key, atMs, calendar)) pendingAccrual += amount;
    else monthToDate += amount;
  }
  const available = lifetime.posted + lifetime.adjusted - lifetime.zeroed
    - lifetime.journalCredited - lifetime.redeemedAtTill - lifetime.paidOut;
  loyaltyAssert(Number.isSafeInteger(available), LOYALTY_ERR.BAD_AMOUNT, 'Available is too large to hold exactly');
  return { monthToDate, pendingAccrual, accrued: available + redeemed, redeemed, available, lifetime };
}
