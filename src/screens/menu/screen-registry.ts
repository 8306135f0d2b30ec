// The screens the menus open, written by the screen engineers. Kept in one place so the menu
// tree (main-menu.tsx) can be built from any registry: tests pass simple stand-ins.
import type { ComponentType } from 'react';
import { PosScreen } from '../pos/pos-screen.js';
import { CompanyDetailsScreen } from '../setup/company-details.js';
import { TenderSetupScreen } from '../setup/tender-setup.js';
import { AccountMaintenanceScreen } from '../ledger/account-maintenance.js';
import { InventoryScreen } from '../inventory/inventory.js';
import { ContractsScreen } from '../contracts/contracts.js';
import { DebtorsScreen } from '../debtors/debtors.js';

/** Each screen is a component without props; it reaches services through useApp(). */
export interface ScreenRegistry {
  pos: ComponentType;
  debtors: ComponentType;
  inventory: ComponentType;
  contracts: ComponentType;
  companyDetails: ComponentType;
  tenderSetup: ComponentType;
  accountMaintenance: ComponentType;
}

export const screenRegistry: ScreenRegistry = {
  pos: PosScreen,
  debtors: DebtorsScreen,
  inventory: InventoryScreen,
  contracts: ContractsScreen,
  companyDetails: CompanyDetailsScreen,
  tenderSetup: TenderSetupScreen,
  accountMaintenance: AccountMaintenanceScreen,
};
