// Utilities > Data: the go-live tools. Backup first, then Delete (which needs a backup of exactly
// the current data), and the checklist that tracks both with the rest of the seed's items.
import { createElement, type ComponentType, type ReactNode } from 'react';
import type { ScreenEntry } from '../app-context.js';
import type { MenuItem } from '../menu/menu.js';
import { MenuScreen } from '../menu/menu-screen.js';
import { BackupLoyaltyTablesScreen } from './backup-screen.js';
import { GoLiveChecklistScreen } from './checklist-screen.js';
import { DeleteLoyaltyTablesScreen } from './delete-screen.js';

const ITEMS: { id: string; label: string; hotKey: string; description: string; component: ComponentType }[] = [
  { id: 'utilities.data.backup', label: 'Backup Loyalty tables', hotKey: 'b', description: 'loyalty rows, balances and upload records into a dated folder', component: BackupLoyaltyTablesScreen },
  { id: 'utilities.data.delete', label: 'Delete Loyalty tables', hotKey: 'd', description: 'manager: archive them and start a new, empty loyalty book', component: DeleteLoyaltyTablesScreen },
  { id: 'utilities.data.checklist', label: 'Go-live checklist', hotKey: 'g', description: 'the Loyalty Plus go-live items: done, checked, ticked', component: GoLiveChecklistScreen },
];

export function dataMenuItems(): MenuItem[] {
  return ITEMS.map(({ id, label, hotKey, description, component }) => ({
    label, hotKey, description,
    open: (): ScreenEntry => ({ id, title: label, render: () => createElement(component) }),
  }));
}

export function DataMenuScreen(): ReactNode {
  return <MenuScreen items={dataMenuItems()} />;
}
