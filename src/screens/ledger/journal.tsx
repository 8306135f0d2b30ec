// Ledger > Journal: the general journal, each entry with its lines and memo, narrowed by a filter
// (F3: dates in the shop's time zone, account, source, kind). It opens on today's newest page
// (the store reads only the part of each journal near the dates, so today costs one day); within
// a page and across pages entries run oldest first, so PgUp goes back in time and PgDn forward.
// Pages hold whole entries only, so the totals line always shows debits = credits for a page.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { backOffice } from '../../store/index.js';
import { useApp } from '../app-context.js';
import type { FormValues } from '../forms/field-types.js';
import { errorText } from '../forms/form.js';
import { FilterForm } from '../forms/filter-form.js';
import { matches, type Command } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { fit } from '../pos/format.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { FILTER_LABELS, filterSummary, journalFilterFields, journalFilterOf, todayFilter } from './journal-filter-fields.js';
import {
  journalHeader, newestPage, pageBefore, pageFrom, pageText, totalsText, windowRows, type FetchJournal, type JournalWindow, type RowContext,
} from './journal-window.js';

export const JOURNAL_BREADCRUMB = ['Ledger', 'Journal'];

/** Rows around the entries: filter, header, rule / rule, totals, page line. */
export const JOURNAL_CHROME_ROWS = 6;

// A list without records to add, edit or delete; Up/Down would move nothing (pages move).
const HIDE: readonly Command[] = ['listAdd', 'listEdit', 'listDelete', 'moveUp', 'moveDown'];

const PAGE_KEYS = 'oldest first; PgUp older, PgDn newer, Home/End, F3 filter';


export function JournalScreen(): ReactNode {
  const { store } = useApp();
  const theme = useTheme();
  const { rows, columns } = useContentSize();
  const api = useMemo(() => backOffice(store), [store]);
  const body = Math.max(1, rows - JOURNAL_CHROME_ROWS);
  const company = store.get('settings').company;
  const accounts = store.get('accounts').accounts;
  const ctx: RowContext = { width: columns, decimals: company.currencyDecimals, timeZone: company.timeZone, accounts };

  // One read of the journals per key press: a page asks for the total first, then for its
  // entries, and both come from the same pass (which also keeps them consistent).
  const fetchFor = (values: FormValues): FetchJournal => {
    const filter = journalFilterOf(values, company.timeZone);
    let all: ReturnType<FetchJournal> | null = null;
    return (offset, limit) => {
      all ??= api.journal(filter, 0, Number.MAX_SAFE_INTEGER);
      const from = Math.max(0, offset);
      return { entries: all.entries.slice(from, from + Math.max(0, limit)), total: all.total };
    };
  };

  // "Today" on the app clock (the back office's), on the shop's calendar.
  const [today] = useState(() => todayFilter(api.now().getTime(), company.timeZone));
  const [values, setValues] = useState<FormValues>(today);
  const [filtering, setFiltering] = useState(false);
  const [opened] = useState((): { win: JournalWindow | null; status?: StatusMessage } => {
    try {
      return { win: newestPage(fetchFor(today), body) };
    } catch (e) {
      return { win: null, status: { text: `Journal: ${errorText(e)}`, kind: 'error' } };
    }
  });
  const [status, setStatus] = useState<StatusMessage | undefined>(opened.status);
  // In a ref as well as state: PgUp PgUp in one burst must go back two pages.
  const winRef = useRef<JournalWindow | null>(opened.win);
  const [win, setWin] = useState<JournalWindow | null>(opened.win);

  const show = (next: JournalWindow, message?: string): void => {
    winRef.current = next;
    setWin(next);
    setStatus(message === undefined ? undefined : { text: message, kind: 'info' });
  };

  const move = (how: (fetch: FetchJournal, w: JournalWindow) => JournalWindow | string): void => {
    const w = winRef.current;
    if (w === null) return;
    try {
      const next = how(fetchFor(values), w);
      if (typeof next === 'string') setStatus({ text: next, kind: 'info' });
      else show(next);
    } catch (e) {
      setStatus({ text: `Journal: ${errorText(e)}`, kind: 'error' });
    }
  };

  useKeyHandler((key) => {
    if (matches(key, 'pageUp')) {
      move((fetch, w) => (w.start === 0 ? 'This is the oldest page' : pageBefore(fetch, w.start, body)));
      return true;
    }
    if (matches(key, 'pageDown')) {
      move((fetch, w) => (w.start + w.entries.length >= w.total ? 'This is the newest page' : pageFrom(fetch, w.start + w.entries.length, body)));
      return true;
    }
    if (matches(key, 'moveFirst')) {
      move((fetch) => pageFrom(fetch, 0, body));
      return true;
    }
    if (matches(key, 'moveLast')) {
      move((fetch) => newestPage(fetch, body));
      return true;
    }
    if (matches(key, 'listFind')) {
      setFiltering(true);
      return true;
    }
    return false;
  }, { layer: 'screen', active: !filtering });

  if (filtering) {
    return (
      <FilterForm
        defs={journalFilterFields(accounts)}
        initial={values}
        breadcrumb={[...JOURNAL_BREADCRUMB, 'Filter']}
        labels={FILTER_LABELS}
        prepare={(v) => newestPage(fetchFor(v), body)}
        apply={(v, found) => {
          setValues(v);
          show(found, `${found.total} entr${found.total === 1 ? 'y matches' : 'ies match'}`);
        }}
        close={() => setFiltering(false)}
      />
    );
  }

  const rule = (theme.ascii ? '-' : '─').repeat(columns);
  const shown = win === null ? [] : windowRows(win.entries, ctx, body);
  const empty = win === null ? 'The journal could not be read (see the status line)' : win.total === 0 ? 'No entries match this filter (F3 changes it)' : '';
  return (
    <Shell breadcrumb={JOURNAL_BREADCRUMB} scope="list" hide={HIDE} status={status}>
      <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
        <Text wrap="truncate">{fit(filterSummary(values, today.from), columns)}</Text>
        <Text bold wrap="truncate">{journalHeader(columns)}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{rule}</Text>
        <Box flexDirection="column" height={body} overflow="hidden">
          {empty === '' ? null : <Text color={theme.colors.muted} wrap="truncate">{`  ${empty}`}</Text>}
          {shown.map((r, i) => (
            <Text key={i} bold={r.kind === 'entry'} color={r.kind === 'more' ? theme.colors.muted : undefined} wrap="truncate">{r.text}</Text>
          ))}
        </Box>
        <Text color={theme.colors.muted} wrap="truncate">{rule}</Text>
        <Text bold wrap="truncate">{win === null ? '' : totalsText(win.entries, ctx)}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{fit(`${win === null ? '' : pageText(win)} (${PAGE_KEYS})`, columns)}</Text>
      </Box>
    </Shell>
  );
}
