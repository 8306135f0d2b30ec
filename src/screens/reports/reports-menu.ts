// Main Menu > Reports: every report of `tillpoint report`, on screen. Only names here (no report
// module is imported): the menu is built at start-up, the reports load with their screen.
import { createElement, type ComponentType } from 'react';
import type { ScreenEntry } from '../app-context.js';
import type { MenuItem } from '../menu/menu.js';

export interface ReportsScreens {
  /** One screen for every table report, given the report's name (src/reports/registry.ts). */
  reportView?: ComponentType<{ name: string }> | undefined;
  slipReprint?: ComponentType | undefined;
}

interface Entry { name: string; label: string; hotKey: string; description: string }

/** In menu order; `name` is the report's name on the command line. */
export const REPORT_ITEMS: readonly Entry[] = [
  { name: 'loyalty-sales', label: 'Loyalty Sales', hotKey: 'l', description: 'sales and refunds with a loyalty debtor or member, per till (period)' },
  { name: 'accrual-history', label: 'Accrual History', hotKey: 'c', description: 'Accrue Loyalties runs: debtors, posted, credited, zeroed (period)' },
  { name: 'uploads', label: 'Uploads', hotKey: 'u', description: 'Loyalty Plus upload batches and their state (period)' },
  { name: 'outbox', label: 'Outbox', hotKey: 'o', description: 'Loyalty Plus calls waiting and failed (now)' },
  { name: 'slip', label: 'Slip Reprint', hotKey: 's', description: 'a sale or refund slip by its number, marked REPRINT' },
  { name: 'trial-balance', label: 'Trial Balance', hotKey: 't', description: 'debit, credit and balance per ledger account (now)' },
  { name: 'sales-by-item', label: 'Sales by Item', hotKey: 'i', description: 'quantity and value sold, refunded and net per item (period)' },
  { name: 'sales-by-hour', label: 'Sales by Hour', hotKey: 'h', description: 'sales per hour of day with a bar chart (period)' },
  { name: 'audit', label: 'Audit', hotKey: 'a', description: 'overrides, voids, refunds, payouts, setup changes, logins (period)' },
];

export function reportsMenuItems(screens: ReportsScreens): MenuItem[] {
  return REPORT_ITEMS.map(({ name, label, hotKey, description }): MenuItem => {
    const id = `reports.${name}`;
    const view = screens.reportView;
    const slip = screens.slipReprint;
    const render = name === 'slip'
      ? (slip ? () => createElement(slip) : undefined)
      : (view ? () => createElement(view, { name }) : undefined);
    const open = (): ScreenEntry => ({ id, title: label, render: render ?? (() => null) });
    return render ? { label, hotKey, description, open } : { label, hotKey, description, open, disabled: `${label}: not available in this session` };
  });
}
