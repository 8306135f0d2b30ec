// Shapes of the lowdb documents. Each carries schemaVersion; src/store/schemas.ts validates them.
import type { CompanyDetails, Item, LoyaltyProvider, Tender } from '../engine/types.js';

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';
export const ACCOUNT_TYPES: readonly AccountType[] = ['asset', 'liability', 'equity', 'income', 'expense'];

export interface LedgerAccount {
  /** e.g. 3700.000.000.00 */
  code: string;
  name: string;
  type: AccountType;
}

/** Ledger accounts setup must choose; every new store has them chosen. */
export interface LedgerChoices {
  sales: string;
  vatOutput: string;
  cashRounding: string;
  debtorsControl: string;
  loyaltiesAccrued: string;
  loyaltiesRedeemed: string;
}

export interface SettingsDoc {
  schemaVersion: number;
  storeId: string;
  company: CompanyDetails;
  defaults2: { loyaltyProvider: LoyaltyProvider };
  ledger: LedgerChoices;
}

export interface ItemsDoc {
  schemaVersion: number;
  items: Item[];
}

export interface TendersDoc {
  schemaVersion: number;
  tenders: Tender[];
}

export interface AccountsDoc {
  schemaVersion: number;
  accounts: LedgerAccount[];
}

export interface Documents {
  settings: SettingsDoc;
  items: ItemsDoc;
  tenders: TendersDoc;
  accounts: AccountsDoc;
}

export type DocName = keyof Documents;
