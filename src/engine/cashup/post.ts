// The Z's ledger entry: the drawer's over/short against the cash tender's account. Over: Dr cash,
// Cr Cash Over and Short; short: the reverse. The accounts are the ones the Z names, so a later
// change of setup never moves a closed day.
import { buildEntry } from '../ledger/entry.js';
import type { LedgerEntry } from '../ledger/types.js';
import type { ZDoc } from './types.js';

export function overShortEntries(doc: Pick<ZDoc, 'number' | 'z' | 'completedAt' | 'overShort'>): LedgerEntry[] {
  const { amount, cashAccount, overShortAccount } = doc.overShort;
  const memo = `Z ${doc.z} cash ${amount > 0 ? 'over' : 'short'}`;
  const entry = buildEntry({ source: doc.number, kind: 'cash-over-short', at: doc.completedAt, memo },
    [{ account: cashAccount, amount, memo: 'Drawer count' }, { account: overShortAccount, amount: -amount, memo: 'Cash over and short' }]);
  return entry === null ? [] : [entry];
}
