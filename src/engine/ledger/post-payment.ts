// A payment received on a debtor's account: Dr the tender's account, Cr Debtors Control.
import { buildEntry, tenderFor } from './entry.js';
import { LEDGER_ERR, ledgerAssert } from './errors.js';
import type { LedgerEntry, PaymentOnAccount, PostingContext } from './types.js';

export function postPayment(payment: PaymentOnAccount, ctx: PostingContext): LedgerEntry[] {
  const source = `Payment ${payment.id}`;
  ledgerAssert(Number.isSafeInteger(payment.amount) && payment.amount > 0, LEDGER_ERR.BAD_AMOUNT,
    `${source}: amount must be whole cents more than 0 (got ${String(payment.amount)})`);
  const tender = tenderFor(ctx.tenders, payment.tenderCode, source);
  // Paying an account "on account" would move nothing, and loyalty credits reach a debtor's
  // account only through a loyalty journal credit, whose row keeps the loyalty balances right.
  ledgerAssert(tender.kind !== 'account' && tender.kind !== 'loyalty', LEDGER_ERR.BAD_DOCUMENT,
    `${source}: a payment on account is received on cash, card or other tenders (not ${tender.code}, ` +
    `a tender of kind ${tender.kind})`);
  const entry = buildEntry({ source: payment.id, kind: 'payment', at: payment.at,
    memo: `Payment on account ${payment.debtor}` }, [
    { account: tender.ledgerAccount, amount: payment.amount, memo: tender.name },
    { account: ctx.ledger.debtorsControl, amount: -payment.amount, memo: payment.debtor },
  ]);
  return entry === null ? [] : [entry];
}
