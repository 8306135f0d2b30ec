// Loyalty Setup (Utilities > Setup > Loyalty Setup): the loyalty payment type, the payout
// accounts, the manager PIN and its threshold for Update Loyalties Accrued, and the accrual
// schedule. Optional in settings.json (stores from before it read the defaults).
import type { PayoutMethod } from '../engine/loyalty/types.js';
import type { Cents } from '../engine/types.js';
import type { SettingsDoc } from './documents-types.js';

export interface LoyaltySettings {
  /** Code of the tender of kind loyalty that redeems credits at the till. */
  tender: string;
  /** Ledger account credited by each payout method. */
  payoutAccounts: Record<PayoutMethod, string>;
  /** Adjustments larger than this (either sign) need the manager PIN. */
  adjustThreshold: Cents;
  /** scrypt hash of the manager PIN (src/store/manager-pin.ts); '' when none is set. */
  managerPinHash: string;
  /** When the accrual job runs (cron expression, the store's time zone). */
  accrualSchedule: string;
}

export const DEFAULT_LOYALTY_SETTINGS: Readonly<LoyaltySettings> = {
  tender: 'LOY',
  payoutAccounts: { 'cash': '3700.000.000.00', 'direct-deposit': '3720.000.000.00', 'gift-voucher': '5300.000.000.00' },
  adjustThreshold: 50000,
  managerPinHash: '',
  accrualSchedule: '5 0 * * *',
};

export function loyaltySettingsOf(settings: SettingsDoc): LoyaltySettings {
  const s = settings.loyalty;
  return {
    ...DEFAULT_LOYALTY_SETTINGS,
    ...s,
    payoutAccounts: { ...DEFAULT_LOYALTY_SETTINGS.payoutAccounts, ...s?.payoutAccounts },
  };
}
