// The ledger accounts a Z posts its over/short to: the till's cash tender's account and the Cash
// Over and Short account of setup (stores from before cash-up read the default).
import { DEFAULT_LEDGER } from '../defaults.js';
import type { SettingsDoc, TendersDoc } from '../documents-types.js';
import { StoreError } from '../errors.js';

export const DEFAULT_CASH_OVER_SHORT = DEFAULT_LEDGER.cashOverShort ?? '1510.000.000.00';

export function cashOverShortOf(settings: SettingsDoc): string {
  return settings.ledger.cashOverShort ?? DEFAULT_CASH_OVER_SHORT;
}

/** The tender the drawer holds: `CASH` when it is of kind cash, else the first tender of kind cash. */
export function drawerTender(tenders: TendersDoc): { code: string; ledgerAccount: string } {
  const cash = tenders.tenders.find((t) => t.code === 'CASH' && t.kind === 'cash') ?? tenders.tenders.find((t) => t.kind === 'cash');
  if (!cash) throw new StoreError('INVALID', 'no tender of kind cash is set up, so the drawer count has no account: add one at Tender Setup', { field: 'tenders' });
  return { code: cash.code, ledgerAccount: cash.ledgerAccount };
}
