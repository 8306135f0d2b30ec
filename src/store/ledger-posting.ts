// The ledger entries of one journal document, from the setup in force: written into the record
// with the document (one write), so a later change of accounts in setup never rewrites history.
// Records from before entries were journalled are posted the same way when read.
import { overShortEntries } from '../engine/cashup/post.js';
import { buildEntry, postLoyaltyRow, postPayment, postRefund, postSale } from '../engine/ledger/index.js';
import type { LedgerEntry, PostingContext } from '../engine/ledger/index.js';
import type { LoyaltyAccounts } from '../engine/loyalty/ledger.js';
import type { LoyaltyRow } from '../engine/loyalty/types.js';
import type { LoyaltyEpochDoc } from './back-office-types.js';
import type { SettingsDoc, TendersDoc } from './documents-types.js';
import type { JournalDoc, JournalRecord } from './journal-format.js';
import { isLoyaltyRow } from './loyalty-rows.js';
import { loyaltySettingsOf } from './loyalty-settings.js';

export interface PostingSetup {
  settings: SettingsDoc;
  tenders: TendersDoc;
}

export function postingContext(setup: PostingSetup): PostingContext {
  return { tenders: setup.tenders.tenders, ledger: setup.settings.ledger };
}

export function loyaltyAccounts(setup: PostingSetup): LoyaltyAccounts {
  const ls = loyaltySettingsOf(setup.settings);
  const tender = setup.tenders.tenders.find((t) => t.code === ls.tender && t.kind === 'loyalty')
    ?? setup.tenders.tenders.find((t) => t.kind === 'loyalty');
  const { loyaltiesAccrued, loyaltiesRedeemed, debtorsControl } = setup.settings.ledger;
  return { loyaltiesAccrued, loyaltiesRedeemed, debtorsControl, loyaltyTender: tender?.ledgerAccount ?? loyaltiesAccrued,
    payout: ls.payoutAccounts };
}

/** Every entry a document and its loyalty rows post. */
export function entriesFor(doc: JournalDoc, rows: readonly unknown[], setup: PostingSetup): LedgerEntry[] {
  const ctx = postingContext(setup);
  const out: LedgerEntry[] = [];
  if (doc.kind === 'sale') out.push(...postSale(doc, ctx));
  else if (doc.kind === 'refund') out.push(...postRefund(doc, ctx));
  else if (doc.kind === 'payment') {
    out.push(...postPayment({ id: doc.number, debtor: doc.debtor, at: doc.completedAt, tenderCode: doc.tenderCode, amount: doc.amount }, ctx));
  } else if (doc.kind === 'loyalty-epoch') out.push(...epochEntries(doc));
  else if (doc.kind === 'cashup' && doc.type === 'z') out.push(...overShortEntries(doc));
  const loyaltyRows = rows.filter(isLoyaltyRow) as LoyaltyRow[];
  if (loyaltyRows.length > 0) {
    const accounts = loyaltyAccounts(setup);
    for (const row of loyaltyRows) out.push(...postLoyaltyRow(row, accounts));
  }
  return out;
}

/** The entries a record carries, or (an older record) the ones it posts with today's setup. */
export function entriesOf(rec: JournalRecord, setup: PostingSetup): LedgerEntry[] {
  return rec.entries ?? entriesFor(rec.doc, rec.rows, setup);
}

/**
 * Delete Loyalty tables writes off what Loyalties Accrued holds (Dr accrued, Cr the operator's
 * account); a restore reverses those write-offs (and posts again those of resets it leaves in force). The accounts are the ones the record names, so a
 * later change of setup never moves them. Posted as adjustments of Loyalties Accrued.
 */
function epochEntries(doc: LoyaltyEpochDoc): LedgerEntry[] {
  const moves = doc.action === 'reset'
    ? [{ accrued: doc.writeOff.accruedAccount, account: doc.writeOff.account, amount: doc.writeOff.amount }]
    : [...doc.reverses.map((r) => ({ accrued: r.accruedAccount, account: r.account, amount: -r.amount })),
      ...(doc.reapplies ?? []).map((r) => ({ accrued: r.accruedAccount, account: r.account, amount: r.amount }))];
  const out: LedgerEntry[] = [];
  moves.forEach((m, index) => {
    const memo = doc.action === 'reset' || m.amount > 0 ? `${doc.memo}: write-off` : `${doc.memo}: write-off reversed`;
    const entry = buildEntry({ source: doc.number, kind: 'loyalty-adjustment', at: doc.completedAt, memo, index },
      [{ account: m.accrued, amount: m.amount }, { account: m.account, amount: -m.amount }]);
    if (entry !== null) out.push(entry);
  });
  return out;
}
