// A menu of screens: up/down/PgUp/PgDn/Home/End move, Enter or an item's hot-key letter opens it.
// Windowed to the rows the Shell gives, so a long menu never makes the frame taller.
import { useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { GuardedAction } from '../../engine/roles.js';
import { useNavigation, type ScreenEntry } from '../app-context.js';
import { useGuard } from '../operators/guard/use-guard.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import type { Key } from '../keys/parse-keys.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useContentSize } from '../shell/terminal-size.js';
import { truncate, useTheme, type Theme } from '../theme.js';
import { clampWindow, menuReducer, type MenuState } from './menu-state.js';

export interface MenuItem {
  label: string;
  /** One letter, unique in its menu ('q' is taken by Quit). */
  hotKey: string;
  /** The screen the item opens; an item without one has an action instead. */
  open?: () => ScreenEntry;
  /** For an item that does something in place (Log out) instead of opening a screen: its
   * result shows in the status line. */
  action?: () => StatusMessage | undefined;
  /** Shown dim after the label. */
  description?: string;
  /** Set when the item cannot open now: pressing it shows this reason instead. */
  disabled?: string;
  /** The role check opening it needs (Setup: a manager); others are asked for an override. */
  guard?: GuardedAction;
}

export interface MenuProps {
  items: MenuItem[];
  /** Where a disabled item's reason goes (the Shell's status line). */
  onMessage?(message: StatusMessage | undefined): void;
}

/** The item a key's letter picks, if any. Documented in the table as menuHotKey (keyHint
 * "Letter", no keys): which letters work depends on the menu's items, and q is Quit. */
export function itemForHotKey(items: MenuItem[], key: Key): number {
  if (key.name !== 'char' || key.ctrl || key.alt || !key.ch) return -1;
  const ch = key.ch.toLowerCase();
  return items.findIndex((it) => it.hotKey.toLowerCase() === ch);
}

function Label({ item, theme }: { item: MenuItem; theme: Theme }): ReactNode {
  const at = item.label.toLowerCase().indexOf(item.hotKey.toLowerCase());
  // Underline can vanish on mono and ASCII terminals; the letter in brackets cannot.
  if (theme.hotKeyBrackets || at < 0) return <Text>[{item.hotKey.toUpperCase()}] {item.label}</Text>;
  return (
    <Text>
      {item.label.slice(0, at)}
      <Text underline bold color={theme.colors.accent}>{item.label.slice(at, at + 1)}</Text>
      {item.label.slice(at + 1)}
    </Text>
  );
}

export function Menu({ items, onMessage }: MenuProps): ReactNode {
  const theme = useTheme();
  const nav = useNavigation();
  const guard = useGuard();
  const { rows, columns } = useContentSize();
  const bounds = { count: items.length, rows };
  const [raw, setRaw] = useState<MenuState>({ selected: 0, top: 0 });
  // The window follows the rows available even after a resize.
  const state = clampWindow(raw, bounds);

  function open(index: number): void {
    const item = items[index];
    if (!item) return;
    if (item.disabled) {
      onMessage?.({ text: item.disabled, kind: 'info' });
      return;
    }
    if (item.action) {
      onMessage?.(item.action());
      return;
    }
    onMessage?.(undefined);
    if (!item.open) return;
    const screen = item.open;
    if (!item.guard) return nav.push(screen());
    void guard(item.guard, item.label).then((outcome) => {
      if (outcome.allowed) nav.push(screen());
      else onMessage?.({ text: `${item.label}: not opened (no approval)`, kind: 'info' });
    });
  }

  useKeyHandler((key) => {
    const move = (delta: number): true => {
      setRaw((s) => menuReducer(clampWindow(s, bounds), { type: 'move', delta }, bounds));
      return true;
    };
    if (matches(key, 'moveUp')) return move(-1);
    if (matches(key, 'moveDown')) return move(1);
    if (matches(key, 'pageUp')) return move(-rows);
    if (matches(key, 'pageDown')) return move(rows);
    if (matches(key, 'moveFirst')) return move(-items.length);
    if (matches(key, 'moveLast')) return move(items.length);
    if (matches(key, 'select')) {
      open(state.selected);
      return true;
    }
    const hot = itemForHotKey(items, key);
    if (hot < 0) return false;
    setRaw((s) => menuReducer(s, { type: 'set', index: hot }, bounds));
    open(hot);
    return true;
  }, { layer: 'screen' });

  const visible = items.slice(state.top, state.top + Math.max(1, rows));
  return (
    <Box flexDirection="column" width={columns}>
      {visible.map((item, i) => {
        const index = state.top + i;
        const selected = index === state.selected;
        // Marker and space, "[P] " and the gap before the description; "(unavailable)" if shown.
        const width = columns - 2 - [...item.label].length - 6 - (item.disabled ? 14 : 0);
        return (
          <Box key={item.label} height={1} width={columns} overflow="hidden">
            <Text inverse={selected && theme.color} bold={selected}>
              {selected ? theme.marks.selected : theme.marks.unselected}{' '}
              <Label item={item} theme={theme} />
            </Text>
            {item.description && width > 4 ? (
              <Text color={theme.colors.muted} wrap="truncate">{'  '}{truncate(item.description, width, theme)}</Text>
            ) : null}
            {item.disabled ? <Text color={theme.colors.muted}> (unavailable)</Text> : null}
          </Box>
        );
      })}
    </Box>
  );
}
