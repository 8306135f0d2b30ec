// The documents of a new store (SPEC section 6): empty of items, debtors and contracts, but with working defaults:
// Loyalty Provider Built-in, no cash rounding, the machine's time zone, the four standard
// tenders and a chart of ledger accounts in which every account setup must choose is chosen.
import { DEFAULT_IDLE_LOCK_MINUTES } from './operators/types.js';
import { randomUUID } from 'node:crypto';
import type { Tender } from '../engine/types.js';
import type { Documents, LedgerAccount, LedgerChoices } from './documents-types.js';

/** The default chart. Codes follow the `NNNN.NNN.NNN.NN` layout the seed documents use. */
export const DEFAULT_ACCOUNTS: readonly LedgerAccount[] = [
  { code: '1000.000.000.00', name: 'Sales', type: 'income' },
  { code: '1500.000.000.00', name: 'Cash Rounding', type: 'expense' },
  { code: '1510.000.000.00', name: 'Cash Over and Short', type: 'expense' },
  { code: '2000.000.000.00', name: 'Cost of Sales', type: 'expense' },
  { code: '3600.000.000.00', name: 'Loyalties Redeemed', type: 'expense' },
  { code: '3700.000.000.00', name: 'Cash on Hand Control', type: 'asset' },
  { code: '3710.000.000.00', name: 'Card Clearing', type: 'asset' },
  { code: '3720.000.000.00', name: 'Bank', type: 'asset' },
  { code: '3800.000.000.00', name: 'Debtors Control', type: 'asset' },
  { code: '5000.000.000.00', name: 'VAT Output', type: 'liability' },
  { code: '5100.000.000.00', name: 'Loyalties Accrued', type: 'liability' },
  { code: '5200.000.000.00', name: 'Loyalty Payouts Clearing', type: 'liability' },
  { code: '5300.000.000.00', name: 'Gift Vouchers Issued', type: 'liability' },
  { code: '9000.000.000.00', name: "Owner's Equity", type: 'equity' },
];

export const DEFAULT_LEDGER: Readonly<LedgerChoices> = {
  sales: '1000.000.000.00',
  vatOutput: '5000.000.000.00',
  cashRounding: '1500.000.000.00',
  debtorsControl: '3800.000.000.00',
  loyaltiesAccrued: '5100.000.000.00',
  loyaltiesRedeemed: '3600.000.000.00',
  cashOverShort: '1510.000.000.00',
};

export const DEFAULT_TENDERS: readonly Tender[] = [
  { code: 'CASH', name: 'Cash', kind: 'cash', ledgerAccount: '3700.000.000.00', useLoyaltyPlus: false },
  { code: 'CARD', name: 'Card', kind: 'card', ledgerAccount: '3710.000.000.00', useLoyaltyPlus: false },
  { code: 'ACC', name: 'Account', kind: 'account', ledgerAccount: '3800.000.000.00', useLoyaltyPlus: false },
  // Paying with loyalty credits uses up the liability the accrual built.
  { code: 'LOY', name: 'Loyalty', kind: 'loyalty', ledgerAccount: '5100.000.000.00', useLoyaltyPlus: false },
];

/** The time zone of this machine (IANA name), UTC when the runtime cannot tell. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function defaultDocuments(timeZone: string): Documents {
  return {
    settings: {
      schemaVersion: 1,
      storeId: randomUUID(),
      company: {
        storeName: 'My Store',
        address: '',
        taxNumber: '',
        currencySymbol: 'R',
        currencyDecimals: 2,
        timeZone,
        financialYearStartMonth: 3,
        cashRounding: 0,
      },
      defaults2: { loyaltyProvider: 'built-in' },
      ledger: { ...DEFAULT_LEDGER },
    },
    items: { schemaVersion: 1, items: [] },
    tenders: { schemaVersion: 1, tenders: DEFAULT_TENDERS.map((t) => ({ ...t })) },
    accounts: { schemaVersion: 1, accounts: DEFAULT_ACCOUNTS.map((a) => ({ ...a })) },
    debtors: { schemaVersion: 1, debtors: [] },
    contracts: { schemaVersion: 1, contracts: [] },
    automation: { schemaVersion: 1, events: [] },
    operators: { schemaVersion: 1, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES, operators: [] },
  };
}
