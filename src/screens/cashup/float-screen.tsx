// Cash-up > Opening Float: the cash in the drawer at the start of the day. Typing it again
// replaces it (the Z counts the last float typed since the previous Z).
import { useMemo, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { formatMoney, parseMoney } from '../../engine/money.js';
import { recordFloat } from '../../store/cashup/index.js';
import { useApp } from '../app-context.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { errorText } from '../loyalties/format.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useTheme } from '../theme.js';

const LABEL = 'Opening float';
const AMOUNT = /[0-9.]/;

export function FloatScreen(): ReactNode {
  const { store, till } = useApp();
  const theme = useTheme();
  const { columns } = useScreenContentSize();
  const buffer = useMemo(() => createEntryBuffer(), []);
  const [status, setStatus] = useState<StatusMessage | undefined>(undefined);
  const company = store.get('settings').company;
  const money = { symbol: company.currencySymbol, decimals: company.currencyDecimals };
  useEntryField(buffer, {
    maxLength: 12,
    filter: (ch) => AMOUNT.test(ch),
    onSubmit: (value) => {
      try {
        if (!till?.cashupDesk) throw new Error('this session has no till');
        const doc = recordFloat(store, till.cashupDesk(), parseMoney(value, company.currencyDecimals));
        buffer.clear();
        setStatus({ kind: 'info', text: `Opening float ${formatMoney(doc.amount, money)} recorded for till ${doc.till} (${doc.number})` });
      } catch (err) {
        setStatus({ kind: 'error', text: `${LABEL}: ${errorText(err)}` });
      }
    },
  });
  return (
    <Shell scope="cashup" hide={['scrollReport', 'closeDay']} status={status}>
      <Box flexDirection="column">
        <Text wrap="truncate">Type the cash in the drawer at the start of the day and press Enter.</Text>
        <Text color={theme.colors.muted} wrap="truncate">Typing it again replaces it: the Z counts the last float typed.</Text>
        <Text> </Text>
        <EntryField buffer={buffer} label={LABEL} labelWidth={LABEL.length + 1} width={Math.max(8, Math.min(20, columns - LABEL.length - 4))} />
      </Box>
    </Shell>
  );
}
