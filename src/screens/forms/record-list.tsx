// A list of records (tenders, ledger accounts) as columns, windowed to the rows the screen has.
// Up/Down/PgUp/PgDn/Home/End move, Add (Ins/F2) and Edit (Enter) come from the kit's list
// bindings. Rendering and keys only: the screen owns the records and what Add/Edit open.
import { useReducer, useRef, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { truncate, useTheme } from '../theme.js';
import { clampList, listReducer, moveActionOf, type ListAction, type ListState } from './list-state.js';

export interface ListColumn<T> {
  title: string;
  width: number;
  get(row: T): string;
}

export interface RecordListProps<T> {
  rows: readonly T[];
  columns: readonly ListColumn<T>[];
  /** Rows of the screen this list may take (header included). */
  height: number;
  width: number;
  initialSelected?: number;
  onAdd(): void;
  onEdit(row: T, index: number): void;
  /** Shown instead of rows when there are none. */
  emptyText: string;
  /** Told the selected row's index after every move (a list key of the screen's own acts on it). */
  onSelected?(index: number): void;
}

/** Header and the rule under it. */
export const LIST_HEADER_ROWS = 2;

function cells<T>(columns: readonly ListColumn<T>[], get: (c: ListColumn<T>) => string, theme: ReturnType<typeof useTheme>): string {
  return columns.map((c) => truncate(get(c), c.width, theme).padEnd(c.width)).join(' ');
}

export function RecordList<T>({ rows, columns, height, width, initialSelected = 0, onAdd, onEdit, emptyText, onSelected }: RecordListProps<T>): ReactNode {
  const theme = useTheme();
  const visible = Math.max(1, height - LIST_HEADER_ROWS);
  // In a ref, not React state: Down Down Enter in one burst must open the row the two Downs
  // reached, before React has rendered either of them.
  const ref = useRef<ListState | null>(null);
  ref.current ??= clampList({ selected: initialSelected, top: 0 }, rows.length, visible);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // Re-clamped every render: the list may have shrunk, or the terminal been resized.
  const state = clampList(ref.current, rows.length, visible);
  ref.current = state;

  useKeyHandler((key) => {
    const current = clampList(ref.current ?? state, rows.length, visible);
    const go = (action: ListAction): true => {
      ref.current = listReducer(current, action, rows.length, visible);
      onSelected?.(ref.current.selected);
      rerender();
      return true;
    };
    const move = moveActionOf(key, visible);
    if (move) return go(move);
    if (matches(key, 'listAdd')) {
      onAdd();
      return true;
    }
    if (matches(key, 'listEdit')) {
      const row = rows[current.selected];
      if (row !== undefined) onEdit(row, current.selected);
      return true;
    }
    return false;
  }, { layer: 'screen' });

  const shown = rows.slice(state.top, state.top + visible);
  const ruleWidth = Math.min(width, columns.reduce((n, c) => n + c.width + 1, 1));
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text bold wrap="truncate">{`  ${cells(columns, (c) => c.title, theme)}`}</Text>
      <Text color={theme.colors.muted}>{(theme.ascii ? '-' : '─').repeat(Math.max(0, ruleWidth))}</Text>
      {rows.length === 0 ? <Text color={theme.colors.muted}>{`  ${emptyText}`}</Text> : null}
      {shown.map((row, i) => {
        const index = state.top + i;
        const selected = index === state.selected;
        return (
          <Box key={index} height={1} overflow="hidden">
            <Text inverse={selected && theme.color} bold={selected} wrap="truncate">
              {`${selected ? theme.marks.selected : theme.marks.unselected} ${cells(columns, (c) => c.get(row), theme)}`}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
