// A menu as a screen: the Shell with the menu scope's hints, the Menu, and Quit (q / F10).
import { useState, type ReactNode } from 'react';
import { useNavigation, type ScreenEntry } from '../app-context.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { Menu, type MenuItem } from './menu.js';

export function MenuScreen({ items }: { items: MenuItem[] }): ReactNode {
  const nav = useNavigation();
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  useKeyHandler((key) => {
    if (!matches(key, 'quit')) return false;
    nav.quit();
    return true;
  }, { layer: 'screen' });
  return (
    <Shell scope="menu" status={message}>
      <Menu items={items} onMessage={setMessage} />
    </Shell>
  );
}

/** A screen entry for a menu; the breadcrumb comes from the stack of titles. */
export function menuScreen(id: string, title: string, items: MenuItem[]): ScreenEntry {
  return { id, title, render: () => <MenuScreen items={items} /> };
}
