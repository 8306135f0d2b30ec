// Attach debtor (F11): results follow the search as it is typed (code, name or cellphone);
// Up/Down choose, Enter attaches the debtor to the sale (contract prices and loyalty follow it),
// Esc closes without changing anything. Modelled on Find item.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { formatRate } from '../../engine/rate.js';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { fit } from './format.js';
import { errorText, type PosContext } from './pos-context.js';
import { useFindList } from './use-find-list.js';

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
  // Search entry, help, header, results..., count row.
  const listRows = Math.max(rows - 4, 1);
  const list = useFindList({
    ctx,
    search,
    id: 'debtor',
    listRows,
    find: (q, limit) => till.findDebtors(q, limit),
    pick(debtor, value) {
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
  const { found, shown, start, query } = list;
  const width = columns - 2;
  const nameWidth = Math.max(width - 12 - 16 - 2, 10);
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <EntryField buffer={search} label="Find debtor:" width={Math.min(40, columns - 14)} />
      <Text color={theme.colors.muted} wrap="truncate">Code, name or cellphone; Up/Down choose, Enter attaches, Esc closes</Text>
      <Text bold wrap="truncate">{`  ${fit('Code', 12)}${fit('Name', nameWidth)}  ${fit('Cellphone', 16)}`}</Text>
      {shown.map((d, i) => {
        const isSel = start + i === list.selected;
        return (
          <Text key={d.code} wrap="truncate" inverse={isSel && theme.color}>
            {isSel ? theme.marks.selected : theme.marks.unselected} {fit(d.code, 12)}{fit(d.name, nameWidth)}  {fit(d.cellphone, 16)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Text color={theme.colors.muted} wrap="truncate">
        {found.length === 0 ? `No debtor matches "${query.trim()}"` : `${found.length}${list.more ? '+' : ''} found`}
      </Text>
    </Box>
  );
}
