// The Main Menu tree of SPEC section 2, with only the branches that exist now. Add a branch here
// when its screens land; each item's letter must stay unique in its menu and never be 'q' (Quit).
import { createElement, type ComponentType } from 'react';
import type { AppServices, ScreenEntry } from '../app-context.js';
import type { MenuItem } from './menu.js';
import { menuScreen } from './menu-screen.js';
import type { ScreenRegistry } from './screen-registry.js';
import { loyaltiesMenuItems } from '../loyalties/loyalties-menu.js';
import { reportsMenuItems } from '../reports/reports-menu.js';

/** Log out: the login screen comes up in front of the menu for the next operator. */
function logOutItem(services: Pick<AppServices, 'session'>): MenuItem {
  return {
    label: 'Log out', hotKey: 'o', description: 'end your turn at this till (Ctrl+L locks it instead)',
    action: () => {
      const session = services.session;
      if (!session?.current()) return { text: session?.required() ? 'Log out: nobody is logged in' : 'Log out: this store has no operators (Utilities > Setup > Operators)', kind: 'info' };
      session.logout();
      return undefined;
    },
  };
}

function screen(id: string, title: string, component: ComponentType): ScreenEntry {
  return { id, title, render: () => createElement(component) };
}

/** An item whose screen a registry may lack (a test stand-in): offered disabled, as Loyalties does. */
function optional(item: Pick<MenuItem, 'label' | 'hotKey' | 'description'>, id: string, component: ComponentType | undefined): MenuItem {
  const open = (): ScreenEntry => ({ id, title: item.label, render: () => (component ? createElement(component) : null) });
  return component ? { ...item, open } : { ...item, open, disabled: `${item.label}: not available in this session` };
}

export function buildMainMenu(registry: ScreenRegistry, services: Pick<AppServices, 'till' | 'session'>): MenuItem[] {
  const setup: MenuItem[] = [
    { label: 'Company Details', hotKey: 'c', description: 'store name, tax, currency, rounding, loyalty provider', open: () => screen('setup.company-details', 'Company Details', registry.companyDetails) },
    { label: 'Tender Setup', hotKey: 't', description: 'tenders and their ledger accounts', open: () => screen('setup.tender-setup', 'Tender Setup', registry.tenderSetup) },
    { label: 'Loyalty Setup', hotKey: 'l', description: 'loyalty tender, payout accounts, manager PIN, accrual schedule', open: () => screen('setup.loyalty-setup', 'Loyalty Setup', registry.loyaltySetup) },
    optional({ label: 'Ledger Posting Accounts', hotKey: 'p', description: 'sales, VAT output, cash rounding, debtors control, cash over and short accounts' }, 'setup.posting-accounts', registry.postingAccounts),
    optional({ label: 'Module Parameters', hotKey: 'm', description: 'Services: Web Services (LoyaltyPlus Integration)' }, 'setup.module-parameters', registry.moduleParameters),
    optional({ label: 'Operators', hotKey: 'o', description: 'who may use the tills: code, name, role, PIN, active; unlock; idle lock' }, 'setup.operators', registry.operators),
  ];
  const utilities: MenuItem[] = [
    { label: 'Setup', hotKey: 's', description: 'Company Details, Tender Setup, Loyalty Setup, Ledger Posting Accounts, Module Parameters, Operators', guard: 'setup', open: () => menuScreen('utilities.setup', 'Setup', setup) },
    optional({ label: 'Loyalty Plus Outbox', hotKey: 'o', description: 'Loyalty Plus calls waiting or failed; manager retry now' }, 'utilities.loyalty-plus-outbox', registry.loyaltyPlusOutbox),
    optional({ label: 'Automation', hotKey: 'a', description: 'scheduled events: schedule, enabled, last run, result, next run, run now, log' }, 'utilities.automation', registry.automation),
    optional({ label: 'Data', hotKey: 'd', description: 'go-live: Backup Loyalty tables, Delete Loyalty tables, Go-live checklist' }, 'utilities.data', registry.data),
    optional({ label: 'Doctor', hotKey: 'h', description: 'checks for support: disk, locks, journals, clock, documents, web service, SFTP, jobs, outbox' }, 'utilities.doctor', registry.doctor),
  ];
  const ledger: MenuItem[] = [
    { label: 'Account Maintenance', hotKey: 'a', description: 'the chart of ledger accounts', guard: 'setup', open: () => screen('ledger.accounts', 'Account Maintenance', registry.accountMaintenance) },
    { label: 'Journal', hotKey: 'j', description: 'journal entries by date, account, source and kind', open: () => screen('ledger.journal', 'Journal', registry.journal) },
    { label: 'Trial Balance', hotKey: 't', description: 'debits, credits and balance per account', open: () => screen('ledger.trial-balance', 'Trial Balance', registry.trialBalance) },
  ];
  const pos: MenuItem & Required<Pick<MenuItem, 'open'>> = {
    label: 'Point of Sale',
    hotKey: 'p',
    description: 'the till: sale, refund, tender, slip',
    open: () => screen('pos', 'Point of Sale', registry.pos),
  };
  if (!services.till) pos.disabled = 'Point of Sale: this session has no till (start with --till T1)';
  const cashup = optional({ label: 'Cash-up', hotKey: 'a', description: 'Opening Float, X Report, Z Report, Past Z Reports' }, 'cashup', registry.cashup);
  if (!services.till && !cashup.disabled) cashup.disabled = 'Cash-up: this session has no till (start with --till T1)';
  return [
    pos,
    { label: 'Debtors', hotKey: 'd', description: 'debtors: list/search, Debtor file General | Account | Loyalty', open: () => screen('debtors', 'Debtors', registry.debtors) },
    { label: 'Inventory', hotKey: 'i', description: 'items: list/search, Item file General | Extra', open: () => screen('inventory', 'Inventory', registry.inventory) },
    { label: 'Contracts', hotKey: 'c', description: 'debtor contracts: debtor, item, price, Exclude from Rebates', open: () => screen('contracts', 'Contracts', registry.contracts) },
    { label: 'Loyalties', hotKey: 'y', description: 'Accrue, Update Accrued, Payouts, Enquiry', open: () => menuScreen('loyalties', 'Loyalties', loyaltiesMenuItems(registry)) },
    { label: 'Ledger', hotKey: 'l', description: 'Account Maintenance, Journal, Trial Balance', open: () => menuScreen('ledger', 'Ledger', ledger) },
    { label: 'Reports', hotKey: 'r', description: 'loyalty sales, accrual, uploads, outbox, slip reprint, sales, audit', open: () => menuScreen('reports', 'Reports', reportsMenuItems(registry)) },
    cashup,
    { label: 'Utilities', hotKey: 'u', description: 'Setup, Loyalty Plus Outbox, Automation, Data, Doctor', open: () => menuScreen('utilities', 'Utilities', utilities) },
    // Every till process has a session (cli/commands/ui.ts); a session-less one (tests) has no Log out.
    ...(services.session ? [logOutItem(services)] : []),
  ];
}

export function mainMenuEntry(registry: ScreenRegistry, services: Pick<AppServices, 'till' | 'session'>): ScreenEntry {
  return menuScreen('main-menu', 'Main Menu', buildMainMenu(registry, services));
}

/** A till process opens on Point of Sale (Esc goes to the Main Menu); a back-office session on the menu. */
export function startScreens(registry: ScreenRegistry, services: Pick<AppServices, 'till' | 'session'>): ScreenEntry[] {
  const menu = mainMenuEntry(registry, services);
  if (!services.till) return [menu];
  const pos = buildMainMenu(registry, services)[0]!;
  return [menu, pos.open!()];
}
