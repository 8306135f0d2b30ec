// Main Menu > Loyalties: the four built-in loyalty screens. Built from the screen registry so the
// menu tree can be tested with stand-ins; a registry without a screen offers the item disabled.
import { createElement, type ComponentType } from 'react';
import type { ScreenEntry } from '../app-context.js';
import type { MenuItem } from '../menu/menu.js';

export interface LoyaltiesScreens {
  accrueLoyalties?: ComponentType | undefined;
  updateLoyaltiesAccrued?: ComponentType | undefined;
  loyaltyPayouts?: ComponentType | undefined;
  loyaltyEnquiry?: ComponentType | undefined;
}

const ITEMS: { key: keyof LoyaltiesScreens; id: string; label: string; hotKey: string; description: string }[] = [
  { key: 'accrueLoyalties', id: 'loyalties.accrue', label: 'Accrue Loyalties', hotKey: 'a', description: 'post Pending Accrual to Accrued; journal credits; zero unused' },
  { key: 'updateLoyaltiesAccrued', id: 'loyalties.adjust', label: 'Update Loyalties Accrued', hotKey: 'u', description: 'manual adjustments over a debtor range (reason, manager PIN)' },
  { key: 'loyaltyPayouts', id: 'loyalties.payouts', label: 'Loyalty Payouts', hotKey: 'p', description: 'pay out Available: cash, direct deposit, gift voucher' },
  { key: 'loyaltyEnquiry', id: 'loyalties.enquiry', label: 'Loyalty Enquiry', hotKey: 'e', description: 'balances, period sales against the targets, the rows behind them' },
];

export function loyaltiesMenuItems(screens: LoyaltiesScreens): MenuItem[] {
  return ITEMS.map(({ key, id, label, hotKey, description }) => {
    const component = screens[key];
    const open = (): ScreenEntry => ({ id, title: label, render: () => (component ? createElement(component) : null) });
    return component ? { label, hotKey, description, open } : { label, hotKey, description, open, disabled: `${label}: not available in this session` };
  });
}
