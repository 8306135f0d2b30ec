// Attach debtor (F11): results follow the search as it is typed (code, name or cellphone);
// Up/Down choose, Enter attaches the debtor to the sale (contract prices and loyalty follow it),
// Esc closes without changing anything. Modelled on Find item.
import { useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { formatRate } from '../../engine/rate.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { fit } from './format.js';
import { findLimit, findReducer } from './find-state.js';
import { errorText, type PosContext } from './pos-context.js';
import { createViewStore, useViewStore } from './view-store.js';
import { windowStart } from './window.js';

export interface DebtorPanelProps {
  ctx: PosContext;
  search: EntryBuffer;
}

/** What the sale panel's debtor row says: who is attached, the rate that applies, what this sale earns. */
export function debtorSummary(p: { debtor: string; name: string; rate: number; earned: number }, money: (c: number) => string): string {
  return `Debtor ${p.debtor} ${p.name}   loyalty ${formatRate(p.rate)}   this sale earns ${money(p.earned)}`;
}

export function DebtorPanel({ ctx, search }: DebtorPanelProps): ReactNode {
  const { rows, columns } = useContentSize();
  const { till, view, say } = ctx;
  const theme = useTheme();
  const [fv, store] = useViewStore(() => createViewStore(findReducer, { selected: 0 }), () => 'debtor');
  const query = useSyncExternalStore(search.subscribe, search.get).value;
  // Search entry, help, header, results..., count row.
  const listRows = Math.max(rows - 4, 1);
  const results = (q: string, selected: number) => till.findDebtors(q, findLimit(selected, listRows));

  useKeyHandler((key) => {
    const page = Math.max(listRows - 1, 1);
    const count = results(search.get().value, store.get().selected + page).length;
    if (matches(key, 'back')) view.dispatch({ type: 'open', mode: 'sale' });
    else if (matches(key, 'moveUp')) store.dispatch({ type: 'move', delta: -1, count });
    else if (matches(key, 'moveDown')) store.dispatch({ type: 'move', delta: 1, count });
    else if (matches(key, 'pageUp')) store.dispatch({ type: 'move', delta: -page, count });
    else if (matches(key, 'pageDown')) store.dispatch({ type: 'move', delta: page, count });
    else return false;
    return true;
  }, { layer: 'screen' });

  useEntryField(search, {
    maxLength: 40,
    onChange: () => store.dispatch({ type: 'reset' }),
    onSubmit(value) {
      const selected = store.get().selected;
      const debtor = results(value, selected)[selected];
      if (!debtor) return say(`No debtor matches "${value.trim()}": try the code, a name or a cellphone number`, 'error');
      try {
        till.attachDebtor(debtor.code);
        search.clear();
        view.dispatch({ type: 'open', mode: 'sale' });
        say(`Debtor ${debtor.code} ${debtor.name} attached`, 'success');
      } catch (err) {
        say(errorText(err), 'error');
      }
    },
  });

  const found = results(query, fv.selected);
  const start = windowStart(fv.selected, found.length, listRows);
  const shown = found.slice(start, start + listRows);
  const width = columns - 2;
  const nameWidth = Math.max(width - 12 - 16 - 2, 10);
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <EntryField buffer={search} label="Find debtor:" width={Math.min(40, columns - 14)} />
      <Text color={theme.colors.muted} wrap="truncate">Code, name or cellphone; Up/Down choose, Enter attaches, Esc closes</Text>
      <Text bold wrap="truncate">{`  ${fit('Code', 12)}${fit('Name', nameWidth)}  ${fit('Cellphone', 16)}`}</Text>
      {shown.map((d, i) => {
        const isSel = start + i === fv.selected;
        return (
          <Text key={d.code} wrap="truncate" inverse={isSel && theme.color}>
            {isSel ? theme.marks.selected : theme.marks.unselected} {fit(d.code, 12)}{fit(d.name, nameWidth)}  {fit(d.cellphone, 16)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Text color={theme.colors.muted} wrap="truncate">
        {found.length === 0 ? `No debtor matches "${query.trim()}"` : `${found.length}${found.length >= findLimit(fv.selected, listRows) ? '+' : ''} found`}
      </Text>
    </Box>
  );
}
