// The general ledger's public surface: posting rules, the journal filter and the Trial Balance.
export * from './types.js';
export { LEDGER_ERR, LedgerError, ledgerAssert, isLedgerError } from './errors.js';
export type { LedgerErrorCode } from './errors.js';
export { buildEntry, assertEntry, isBalancedEntry, entryId, entrySums } from './entry.js';
export type { Posting, EntryHead, EntrySums } from './entry.js';
export { postSale } from './post-sale.js';
export { postRefund } from './post-refund.js';
export { postPayment } from './post-payment.js';
export { postLoyaltyRow } from './post-loyalty.js';
export {
  emptyBalances, addEntry, mergeBalances, balancesOf, trialBalance, trialBalanceOf, NOT_IN_CHART,
} from './trial-balance.js';
export type { AccountTotals, Balances, TrialBalance, TrialBalanceRow } from './trial-balance.js';
export { filterJournal, journalMatcher } from './journal-filter.js';
export type { JournalFilter } from './journal-filter.js';
