// Loyalties > Loyalty Enquiry: pick a debtor, then its five balances and lifetime totals, the
// current period, this period's sales as a bar against the targets (the reached one marked and
// highlighted, the rate that applies) and every loyalty row behind the figures, newest at the
// bottom, scrolled with Up/Down/PgUp/PgDn. Sized from the content area: 80x24 and up.
import { useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { LOYALTY_APPLICABLE_LABELS } from '../../engine/loyalty/types.js';
import type { Debtor } from '../../store/documents-types.js';
import { backOffice, type LoyaltyEnquiry } from '../../store/index.js';
import { useApp } from '../app-context.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { keyIndex, matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useScreenContentSize } from './content-size.js';
import { truncate, useTheme } from '../theme.js';
import { DebtorPicker } from './debtor-picker.js';
import { ENQUIRY_FIXED_ROWS, balanceGrid, legendCells, rowColumns, rowHeader, rowText, salesLine } from './enquiry-layout.js';
import { errorText, localDate, moneyFormatOf } from './format.js';
import { reachedTier, salesBar } from './progress.js';

export const ENQUIRY_BREADCRUMB = ['Loyalties', 'Loyalty Enquiry'];

/** The last local day of a period whose `end` is the first instant of the next one. */
function lastDay(endIso: string, timeZone: string): string {
  const ms = Date.parse(endIso);
  return Number.isNaN(ms) ? endIso : localDate(new Date(ms - 1).toISOString(), timeZone);
}

export function LoyaltyEnquiryScreen(): ReactNode {
  const { store } = useApp();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const fmt = moneyFormatOf(store);
  const timeZone = store.get('settings').company.timeZone;
  const [search] = useState(() => createEntryBuffer());
  const [shown, setShownState] = useState<LoyaltyEnquiry | null>(null);
  const shownRef = useRef<LoyaltyEnquiry | null>(null);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const listRows = Math.max(1, rows - ENQUIRY_FIXED_ROWS);
  // null: follow the newest rows (the bottom of the list).
  const [top, setTopState] = useState<number | null>(null);
  const topRef = useRef<number | null>(null);
  const setShown = (e: LoyaltyEnquiry | null): void => {
    shownRef.current = e;
    setShownState(e);
  };
  const setTop = (t: number | null): void => {
    topRef.current = t;
    setTopState(t);
  };
  const lastTop = (count: number): number => Math.max(0, count - listRows);

  function pick(debtor: Debtor): void {
    try {
      setShown(backOffice(store).enquiry(debtor.code));
      setTop(null);
      setNotice(undefined);
    } catch (e) {
      setNotice({ text: errorText(e), kind: 'error' });
    }
  }

  useKeyHandler((key) => {
    const e = shownRef.current;
    if (e === null) return false;
    if (matches(key, 'back') || matches(key, 'nextSale')) {
      search.clear();
      setShown(null);
      return true;
    }
    const move = keyIndex(key, 'scrollSlip');
    if (move < 0) return false;
    const count = e.rows.length;
    const from = topRef.current ?? lastTop(count);
    const delta = [-1, 1, -(listRows - 1), listRows - 1][move] ?? 0;
    const next = Math.max(0, Math.min(lastTop(count), from + Math.sign(delta) * Math.max(1, Math.abs(delta))));
    setTop(next >= lastTop(count) ? null : next);
    return true;
  }, { layer: 'screen' });

  if (shown === null) {
    return (
      <Shell breadcrumb={ENQUIRY_BREADCRUMB} scope="find" status={notice}>
        <DebtorPicker search={search} debtors={() => store.get('debtors').debtors} rows={rows} columns={columns} active onPick={pick}
          onMiss={(q) => setNotice({ text: `No debtor matches "${q}": try the code, a name or a cellphone number`, kind: 'error' })} />
      </Shell>
    );
  }

  const e = shown;
  const targets = e.tiers.map((t) => t.target);
  const reached = reachedTier(e.periodSales, targets);
  const period = `Period ${e.period.key}: ${localDate(e.period.start, timeZone)} to ${lastDay(e.period.end, timeZone)}`;
  const title = `${e.debtor} ${e.name}   ${LOYALTY_APPLICABLE_LABELS[e.applicable]}`;
  const cols = rowColumns(columns);
  const count = e.rows.length;
  const at = Math.min(top ?? lastTop(count), lastTop(count));
  const cells = legendCells(e, fmt);
  const cellWidth = cells.length === 0 ? columns : Math.floor(columns / cells.length);
  const footer = count === 0
    ? 'No loyalty rows yet   Esc: another debtor'
    : `Rows ${at + 1}-${Math.min(count, at + listRows)} of ${count}   Up/Down/PgUp/PgDn scroll   Esc: another debtor`;
  return (
    <Shell breadcrumb={ENQUIRY_BREADCRUMB} scope="global" status={notice}>
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold wrap="truncate">{truncate(title, columns, theme)}</Text>
        <Text wrap="truncate">{period}</Text>
        {balanceGrid(e, columns, fmt).map((line, i) => <Text key={`b${i}`} wrap="truncate">{line}</Text>)}
        <Text wrap="truncate">{salesLine(e, reached, fmt)}</Text>
        <Text color={theme.colors.accent} wrap="truncate">{salesBar(e.periodSales, targets, columns, theme.ascii)}</Text>
        <Box height={1} overflow="hidden">
          {cells.map((c, i) => {
            const isReached = i === reached;
            const text = `${isReached ? theme.marks.selected : ' '}${c}`;
            return <Text key={`t${i}`} inverse={isReached && theme.color} bold={isReached}>{truncate(text, cellWidth - 1, theme).padEnd(cellWidth)}</Text>;
          })}
        </Box>
        <Text bold wrap="truncate">{rowHeader(cols)}</Text>
        {e.rows.slice(at, at + listRows).map((v) => <Text key={v.row.id} wrap="truncate">{rowText(v, cols, timeZone, fmt)}</Text>)}
        <Box flexGrow={1} />
        <Text color={theme.colors.muted} wrap="truncate">{footer}</Text>
      </Box>
    </Shell>
  );
}
