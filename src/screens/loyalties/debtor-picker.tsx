// Picks a debtor for Loyalty Payouts and Loyalty Enquiry, like the till's Attach debtor (F11):
// the list follows the search as it is typed (code, name or cellphone), Up/Down/PgUp/PgDn
// choose, Enter picks, Esc goes back. The selection lives in a ref as well as in state, because
// a burst "d1<Enter>" must pick what the keys before Enter narrowed the list to.
import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Debtor } from '../../store/documents-types.js';
import { matchesEveryWord } from '../forms/list-search.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { useTheme } from '../theme.js';
import { fit } from './format.js';

export function findDebtors(debtors: readonly Debtor[], query: string): Debtor[] {
  return debtors.filter((d) => matchesEveryWord(query, [d.code, d.name, d.cellphone]));
}

/** First row of a window of `rows` that keeps `selected` in view, near where it was. */
export function windowTop(selected: number, top: number, count: number, rows: number): number {
  const room = Math.max(1, rows);
  let t = Math.min(top, selected);
  if (selected >= t + room) t = selected - room + 1;
  return Math.max(0, Math.min(t, Math.max(0, count - room)));
}

export interface DebtorPickerProps {
  search: EntryBuffer;
  debtors: () => readonly Debtor[];
  rows: number;
  columns: number;
  active: boolean;
  onPick(debtor: Debtor): void;
  /** Enter when nothing matches the search. */
  onMiss(query: string): void;
}

export function DebtorPicker({ search, debtors, rows, columns, active, onPick, onMiss }: DebtorPickerProps): ReactNode {
  const theme = useTheme();
  const query = useSyncExternalStore(search.subscribe, search.get).value;
  const sel = useRef({ selected: 0, top: 0 });
  const [, redraw] = useState(0);
  const listRows = Math.max(1, rows - 4);
  const found = (q: string): Debtor[] => findDebtors(debtors(), q);
  const move = (delta: number): void => {
    const count = found(search.get().value).length;
    const selected = Math.max(0, Math.min(count - 1, sel.current.selected + delta));
    sel.current = { selected, top: windowTop(selected, sel.current.top, count, listRows) };
    redraw((n) => n + 1);
  };

  useKeyHandler((key) => {
    if (matches(key, 'moveUp')) move(-1);
    else if (matches(key, 'moveDown')) move(1);
    else if (matches(key, 'pageUp')) move(-Math.max(1, listRows - 1));
    else if (matches(key, 'pageDown')) move(Math.max(1, listRows - 1));
    else return false;
    return true;
  }, { layer: 'screen', active });

  useEntryField(search, {
    active,
    maxLength: 40,
    onChange: () => {
      sel.current = { selected: 0, top: 0 };
    },
    onSubmit(value) {
      const hit = found(value)[sel.current.selected];
      if (hit) onPick(hit);
      else onMiss(value.trim());
    },
  });

  const list = found(query);
  const top = windowTop(sel.current.selected, sel.current.top, list.length, listRows);
  const nameWidth = Math.max(10, columns - 2 - 12 - 16 - 2);
  const line = (code: string, name: string, cell: string): string => `${fit(code, 12)}${fit(name, nameWidth)}  ${fit(cell, 16)}`;
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <EntryField buffer={search} label="Find debtor:" width={Math.min(40, columns - 14)} focused={active} />
      <Text color={theme.colors.muted} wrap="truncate">Code, name or cellphone; Up/Down choose, Enter picks, Esc goes back</Text>
      <Text bold wrap="truncate">{`  ${line('Code', 'Name', 'Cellphone')}`}</Text>
      {list.slice(top, top + listRows).map((d, i) => {
        const isSel = top + i === sel.current.selected;
        return (
          <Text key={d.code} wrap="truncate" inverse={isSel && theme.color}>
            {isSel ? theme.marks.selected : theme.marks.unselected} {line(d.code, d.name, d.cellphone)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Text color={theme.colors.muted} wrap="truncate">
        {list.length === 0 ? `No debtor matches "${query.trim()}"` : `${list.length} of ${debtors().length} debtors`}
      </Text>
    </Box>
  );
}
