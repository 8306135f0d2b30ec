// The journal entry of a refund: the sale's entry mirrored.
//
//   Dr sales, Dr VAT output (per rate)   what the returned lines were worth
//   Cr the payout tender's account       what was paid back (cash rounded)
//   Dr / Cr cash rounding                the refund's `rounding` (paid - total): > 0 the customer
//                                        got a little more (Dr, a cost), < 0 a little less (Cr)
//
// A refund on the account tender credits Debtors Control (the debtor's account is credited), one
// on the loyalty tender credits its account (credits given back).
import { buildEntry, tenderFor, type Posting } from './entry.js';
import { LEDGER_ERR, ledgerAssert } from './errors.js';
import { assertTaxAddsUp, salesAndVat, tenderTotals } from './post-sale.js';
import type { CompletedRefund } from '../types.js';
import type { LedgerEntry, PostingContext } from './types.js';

export function postRefund(refund: CompletedRefund, ctx: PostingContext): LedgerEntry[] {
  const source = `Refund ${refund.refundNumber}`;
  assertTaxAddsUp(refund, source);
  const paid = refund.tenders.reduce((s, t) => s + t.amount, 0);
  ledgerAssert(paid - refund.rounding === refund.total, LEDGER_ERR.BAD_DOCUMENT,
    `${source}: paid out ${paid} less rounding ${refund.rounding} does not make the total ${refund.total}`);
  const payouts: Posting[] = tenderTotals(refund.tenders).map((t) => ({
    account: tenderFor(ctx.tenders, t.tenderCode, source).ledgerAccount, amount: -t.amount, memo: t.name,
  }));
  const entry = buildEntry({ source: refund.refundNumber, kind: 'refund', at: refund.completedAt,
    memo: `${source} of sale ${refund.saleNumber}` }, [
    ...salesAndVat(refund.tax, ctx.ledger, 1),
    ...payouts,
    { account: ctx.ledger.cashRounding, amount: refund.rounding, memo: 'Cash rounding' },
  ]);
  return entry === null ? [] : [entry];
}
