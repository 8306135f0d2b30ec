// Find item: results follow the search as it is typed; Up/Down choose, Enter adds the item to the
// sale (with the quantity set by F4, if any), Esc closes without adding anything.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { amount, fit, money } from './format.js';
import { errorText, type PosContext } from './pos-context.js';
import { useFindList } from './use-find-list.js';

export interface FindPanelProps {
  ctx: PosContext;
  search: EntryBuffer;
}

export function FindPanel({ ctx, search }: FindPanelProps): ReactNode {
  // Inside the Shell: the rows and columns it leaves for content.
  const { rows, columns } = useContentSize();
  const { till, view, say, fmt } = ctx;
  const theme = useTheme();
  // Search entry, blank, header, results..., count row.
  const listRows = Math.max(rows - 4, 1);
  const list = useFindList({
    ctx,
    search,
    id: 'find',
    listRows,
    find: (q, limit) => till.findItems(q, limit),
    pick(item, value) {
      if (!item) return say(`No item matches "${value.trim()}": try fewer or shorter words`, 'error');
      const qty = view.get().pendingQty;
      try {
        till.scan(item.code, qty);
        view.dispatch({ type: 'setPendingQty', qty: undefined });
        search.clear();
        view.dispatch({ type: 'open', mode: 'sale' });
        say(`Added ${qty ?? 1} x ${item.description} at ${money(item.price, fmt)}`, 'success');
      } catch (err) {
        say(errorText(err), 'error');
      }
    },
  });
  const { found, shown, start, query } = list;
  const width = columns - 2;
  const descWidth = Math.max(width - 14 - 10 - 2, 10);
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <EntryField buffer={search} label="Find item:" width={Math.min(40, columns - 12)} />
      <Text color={theme.colors.muted} wrap="truncate">Words of the description or code; Up/Down choose, Enter adds, Esc closes</Text>
      <Text bold wrap="truncate">{`  ${fit('Code', 14)}${fit('Description', descWidth)}  ${fit('Price', 10, 'right')}`}</Text>
      {shown.map((item, i) => {
        const isSel = start + i === list.selected;
        return (
          <Text key={item.code} wrap="truncate" inverse={isSel && theme.color}>
            {isSel ? theme.marks.selected : theme.marks.unselected} {fit(item.code, 14)}{fit(item.description, descWidth)}  {fit(amount(item.price, fmt), 10, 'right')}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Text color={theme.colors.muted} wrap="truncate">
        {found.length === 0 ? `No item matches "${query.trim()}"` : `${found.length}${list.more ? '+' : ''} found`}
      </Text>
    </Box>
  );
}
