// Shapes of the lowdb documents. Each carries schemaVersion; src/store/schemas.ts validates them.
import type { Contract, DebtorLoyalty } from '../engine/loyalty/types.js';
import type { Cents, CompanyDetails, Item, LoyaltyProvider, Tender } from '../engine/types.js';
import type { LoyaltySettings } from './loyalty-settings.js';
import type { LoyaltyPlusSettings } from './loyalty-plus-settings.js';
import type { UploadsSettings } from './uploads-settings.js';
import type { AutomationDoc, GoLiveTick } from './automation-types.js';
import type { OperatorsDoc } from './operators/types.js';

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
  /** Where a Z report's over/short goes; absent in stores from before cash-up (cashOverShortOf). */
  cashOverShort?: string;
}

export interface SettingsDoc {
  schemaVersion: number;
  storeId: string;
  company: CompanyDetails;
  defaults2: { loyaltyProvider: LoyaltyProvider };
  ledger: LedgerChoices;
  /** Loyalty Setup; absent in stores from before it (loyaltySettingsOf fills the defaults). */
  loyalty?: LoyaltySettings;
  /** The LoyaltyPlus Integration web service; absent until set up (loyaltyPlusSettingsOf). */
  loyaltyPlus?: LoyaltyPlusSettings;
  /** LoyaltyPlus Loyalty Uploads (SFTP); absent until set up (uploadsSettingsOf). */
  loyaltyPlusUploads?: UploadsSettings;
  /** Go-live checklist items ticked by an operator; absent until the first tick. */
  goLive?: { ticks: GoLiveTick[] };
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

/** Debtor file tab Account. */
export interface DebtorAccount {
  creditLimit: Cents;
  onHold: boolean;
}

/** Debtor file: tab General (code, name, cellphone, email), Account and Loyalty. */
export interface Debtor {
  code: string;
  name: string;
  /** Digits with an optional leading +, 7-15 digits; empty when none. */
  cellphone: string;
  /** Empty when none. */
  email: string;
  account: DebtorAccount;
  loyalty: DebtorLoyalty;
}

export interface DebtorsDoc {
  schemaVersion: number;
  debtors: Debtor[];
}

export interface ContractsDoc {
  schemaVersion: number;
  /** At most one contract per debtor and item. */
  contracts: Contract[];
}

export interface Documents {
  settings: SettingsDoc;
  items: ItemsDoc;
  tenders: TendersDoc;
  accounts: AccountsDoc;
  debtors: DebtorsDoc;
  contracts: ContractsDoc;
  automation: AutomationDoc;
  operators: OperatorsDoc;
}

export type DocName = keyof Documents;
