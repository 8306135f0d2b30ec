// Ledger > Trial Balance: every account of the chart (and any code posted to but since removed)
// with its debits, credits and balance, the totals, and whether the books balance. The figures are
// read when the screen opens (a fixed picture to page through); opening it again reads them again.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { TrialBalance } from '../../engine/ledger/index.js';
import { backOffice } from '../../store/index.js';
import { useApp } from '../app-context.js';
import { errorText } from '../forms/form.js';
import { matches, type Command } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { fit } from '../pos/format.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { balancedText, clampTop, trialHeader, trialRowText, trialTotalsText } from './trial-balance-rows.js';

export const TRIAL_BALANCE_BREADCRUMB = ['Ledger', 'Trial Balance'];

/** Rows around the accounts: header, rule / rule, totals, indicator. */
export const TRIAL_CHROME_ROWS = 5;

const HIDE: readonly Command[] = ['listAdd', 'listEdit', 'listDelete', 'listFind'];

export function TrialBalanceScreen(): ReactNode {
  const { store } = useApp();
  const theme = useTheme();
  const { rows, columns } = useContentSize();
  const decimals = store.get('settings').company.currencyDecimals;
  const [read] = useState((): { tb: TrialBalance | null; error?: string } => {
    try {
      return { tb: backOffice(store).trialBalance() };
    } catch (e) {
      return { tb: null, error: `Trial Balance: ${errorText(e)}` };
    }
  });
  const tb = read.tb;
  const count = tb?.rows.length ?? 0;
  const visible = Math.max(1, rows - TRIAL_CHROME_ROWS);
  // In a ref as well as state: PgDn PgDn in one burst must move two pages.
  const topRef = useRef(0);
  const [top, setTop] = useState(0);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const go = (next: number): true => {
    const clamped = clampTop(next, count, visible);
    setNotice(clamped === topRef.current ? { text: next < topRef.current ? 'This is the first page' : 'This is the last page', kind: 'info' } : undefined);
    topRef.current = clamped;
    setTop(clamped);
    return true;
  };

  useKeyHandler((key) => {
    if (matches(key, 'pageUp')) return go(topRef.current - visible);
    if (matches(key, 'pageDown')) return go(topRef.current + visible);
    if (matches(key, 'moveUp')) return go(topRef.current - 1);
    if (matches(key, 'moveDown')) return go(topRef.current + 1);
    if (matches(key, 'moveFirst')) return go(0);
    if (matches(key, 'moveLast')) return go(count);
    return false;
  }, { layer: 'screen' });

  const shownTop = clampTop(top, count, visible);
  const shown = tb === null ? [] : tb.rows.slice(shownTop, shownTop + visible);
  const rule = (theme.ascii ? '-' : '─').repeat(columns);
  const position = count === 0 ? '' : `  Accounts ${shownTop + 1}-${shownTop + shown.length} of ${count} (PgUp/PgDn)`;
  const status = read.error === undefined ? notice : { text: read.error, kind: 'error' as const };
  const indicator = tb === null ? '' : balancedText(tb, decimals, theme.marks.error);
  const bad = tb !== null && !indicator.startsWith('Balanced');
  return (
    <Shell breadcrumb={TRIAL_BALANCE_BREADCRUMB} scope="list" hide={HIDE} status={status}>
      <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
        <Text bold wrap="truncate">{trialHeader(columns)}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{rule}</Text>
        <Box flexDirection="column" height={visible} overflow="hidden">
          {tb === null ? <Text color={theme.colors.muted}>The Trial Balance could not be read (see the status line)</Text> : null}
          {shown.map((r) => <Text key={r.account} wrap="truncate">{trialRowText(r, columns, decimals)}</Text>)}
        </Box>
        <Text color={theme.colors.muted} wrap="truncate">{rule}</Text>
        <Text bold wrap="truncate">{tb === null ? '' : trialTotalsText(tb, columns, decimals)}</Text>
        <Box height={1} overflow="hidden">
          <Text bold color={bad ? theme.colors.error : theme.colors.success} inverse={bad && theme.color} wrap="truncate">{indicator}</Text>
          <Text color={theme.colors.muted} wrap="truncate">{fit(position, Math.max(0, columns - indicator.length))}</Text>
        </Box>
      </Box>
    </Shell>
  );
}
