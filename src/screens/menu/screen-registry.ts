// The screens the menus open, written by the screen engineers. Kept in one place so the menu
// tree (main-menu.tsx) can be built from any registry: tests pass simple stand-ins.
//
// Only the till's own screen is loaded at start-up; the back-office screens load when first
// opened (the navigator shows them under a Suspense boundary). Start-up memory has a budget of
// 80 MB and every screen module costs some of it.
import { lazy, type ComponentType } from 'react';
import { PosScreen } from '../pos/pos-screen.js';

const later = (load: () => Promise<ComponentType>): ComponentType => lazy(async () => ({ default: await load() }));

/** Each screen is a component without props; it reaches services through useApp(). */
export interface ScreenRegistry {
  pos: ComponentType;
  debtors: ComponentType;
  inventory: ComponentType;
  contracts: ComponentType;
  companyDetails: ComponentType;
  tenderSetup: ComponentType;
  loyaltySetup: ComponentType;
  // Optional for the same reason as the Loyalties screens below.
  postingAccounts?: ComponentType;
  moduleParameters?: ComponentType;
  accountMaintenance: ComponentType;
  // Loyalties: optional so registries written before them (test stand-ins) still type-check;
  // the menu offers a missing one disabled.
  accrueLoyalties?: ComponentType;
  updateLoyaltiesAccrued?: ComponentType;
  loyaltyPayouts?: ComponentType;
  loyaltyEnquiry?: ComponentType;
  // Optional like the Loyalties screens.
  loyaltyPlusOutbox?: ComponentType;
  automation?: ComponentType;
  data?: ComponentType;
  doctor?: ComponentType;
  operators?: ComponentType;
  cashup?: ComponentType;
  journal: ComponentType;
  trialBalance: ComponentType;
  // Main Menu > Reports: optional like the Loyalties screens. One screen serves every table report.
  reportView?: ComponentType<{ name: string }>;
  slipReprint?: ComponentType;
}

export const screenRegistry: ScreenRegistry = {
  pos: PosScreen,
  debtors: later(async () => (await import('../debtors/debtors.js')).DebtorsScreen),
  inventory: later(async () => (await import('../inventory/inventory.js')).InventoryScreen),
  contracts: later(async () => (await import('../contracts/contracts.js')).ContractsScreen),
  companyDetails: later(async () => (await import('../setup/company-details.js')).CompanyDetailsScreen),
  tenderSetup: later(async () => (await import('../setup/tender-setup.js')).TenderSetupScreen),
  loyaltySetup: later(async () => (await import('../setup/loyalty-setup.js')).LoyaltySetupScreen),
  postingAccounts: later(async () => (await import('../setup/posting-accounts.js')).PostingAccountsScreen),
  moduleParameters: later(async () => (await import('../setup/module-parameters/module-parameters.js')).ModuleParametersScreen),
  accountMaintenance: later(async () => (await import('../ledger/account-maintenance.js')).AccountMaintenanceScreen),
  accrueLoyalties: later(async () => (await import('../loyalties/accrue-loyalties.js')).AccrueLoyaltiesScreen),
  updateLoyaltiesAccrued: later(async () => (await import('../loyalties/update-loyalties-accrued.js')).UpdateLoyaltiesAccruedScreen),
  loyaltyPayouts: later(async () => (await import('../loyalties/loyalty-payouts.js')).LoyaltyPayoutsScreen),
  loyaltyEnquiry: later(async () => (await import('../loyalties/loyalty-enquiry.js')).LoyaltyEnquiryScreen),
  loyaltyPlusOutbox: later(async () => (await import('../loyaltyplus/outbox-screen.js')).LoyaltyPlusOutboxScreen),
  automation: later(async () => (await import('../automation/automation-screen.js')).AutomationScreen),
  data: later(async () => (await import('../golive/data-menu.js')).DataMenuScreen),
  doctor: later(async () => (await import('../doctor/doctor-screen.js')).DoctorScreen),
  operators: later(async () => (await import('../operators/operators-screen.js')).OperatorsScreen),
  cashup: later(async () => (await import('../cashup/cashup-screen.js')).CashupScreen),
  journal: later(async () => (await import('../ledger/journal.js')).JournalScreen),
  trialBalance: later(async () => (await import('../ledger/trial-balance.js')).TrialBalanceScreen),
  reportView: lazy(async () => ({ default: (await import('../reports/report-screen.js')).ReportScreen })),
  slipReprint: later(async () => (await import('../reports/slip-reprint.js')).SlipReprintScreen),
};
