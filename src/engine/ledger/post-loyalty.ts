// Loyalty rows in the general journal. The loyalty module already decides which rows post and on
// which accounts (loyalty/ledger.ts, unchanged); this only gives its entries the journal's shape
// (id, source, kind) so one trial balance covers sales and loyalty alike.
import { ledgerEntriesFor, type LoyaltyAccounts } from '../loyalty/ledger.js';
import { buildEntry } from './entry.js';
import type { LoyaltyRow } from '../loyalty/types.js';
import type { LedgerEntry, PostedLoyaltyKind } from './types.js';

export function postLoyaltyRow(row: LoyaltyRow, accounts: LoyaltyAccounts): LedgerEntry[] {
  return ledgerEntriesFor(row, accounts).flatMap((e, index) => {
    // ledgerEntriesFor posts only the PostedLoyaltyKind rows: earn and reversal return no entries.
    const kind = `loyalty-${row.kind as PostedLoyaltyKind}` as const;
    const entry = buildEntry({ source: row.id, kind, at: e.at, memo: e.memo, index },
      e.lines.map((l) => ({ account: l.account, amount: l.debit - l.credit })));
    return entry === null ? [] : [entry];
  });
}
