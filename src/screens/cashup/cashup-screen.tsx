// Main Menu > Cash-up: Opening Float, X Report, Z Report, Past Z Reports. Loaded when first
// opened (screen-registry.ts), so none of it is in the till's start-up.
import { createElement, type ComponentType, type ReactNode } from 'react';
import type { ScreenEntry } from '../app-context.js';
import type { MenuItem } from '../menu/menu.js';
import { MenuScreen } from '../menu/menu-screen.js';
import { FloatScreen } from './float-screen.js';
import { PastZScreen } from './past-z-screen.js';
import { XReportScreen } from './x-report-screen.js';
import { ZReportScreen } from './z-report-screen.js';

const entry = (id: string, title: string, component: ComponentType): ScreenEntry => ({ id, title, render: () => createElement(component) });

export const CASHUP_ITEMS: MenuItem[] = [
  { label: 'Opening Float', hotKey: 'f', description: 'the cash in the drawer at the start of the day', open: () => entry('cashup.float', 'Opening Float', FloatScreen) },
  { label: 'X Report', hotKey: 'x', description: 'totals since the last Z (nothing is closed)', open: () => entry('cashup.x', 'X Report', XReportScreen) },
  { label: 'Z Report', hotKey: 'z', description: 'drawer count, over/short, close the day (supervisor)', open: () => entry('cashup.z', 'Z Report', ZReportScreen) },
  { label: 'Past Z Reports', hotKey: 'p', description: 'the Z reports of this till, to view again', open: () => entry('cashup.past', 'Past Z Reports', PastZScreen) },
];

export function CashupScreen(): ReactNode {
  return <MenuScreen items={CASHUP_ITEMS} />;
}
