// Which journal entries fill one screen, and the text rows they draw. Entries are never split
// across pages (a page shows each entry balanced), so a page holds as many whole entries as fit
// the rows; the store pages by entry count, so a page is fetched with room to spare and cut here.
import type { JournalPage } from '../../store/back-office-types.js';
import type { LedgerAccount } from '../../store/documents-types.js';
import type { LedgerEntry } from '../../engine/ledger/index.js';
import type { Cents } from '../../engine/types.js';
import { formatMoney } from '../../engine/money.js';
import { wallTime } from '../../engine/zoned-time.js';
import { fit } from '../pos/format.js';
import { kindLabel } from './journal-filter-fields.js';

export type FetchJournal = (offset: number, limit: number) => JournalPage;

export interface JournalWindow {
  /** Offset from the oldest matching entry of the first entry shown. */
  start: number;
  entries: LedgerEntry[];
  /** Entries matching the filter in all. */
  total: number;
}

/** Rows an entry takes: its heading, then one per line. */
export const entryRows = (e: LedgerEntry): number => 1 + e.lines.length;

/** The fewest rows an entry can take (a heading and two lines), so the most a page can hold. */
const MIN_ENTRY_ROWS = 3;

const capacity = (rows: number): number => Math.max(1, Math.floor(rows / MIN_ENTRY_ROWS));

/** Whole entries from the front that fit `rows` (always at least one). */
function fitting(entries: readonly LedgerEntry[], rows: number): number {
  let used = 0;
  let n = 0;
  for (const e of entries) {
    if (n > 0 && used + entryRows(e) > rows) break;
    used += entryRows(e);
    n += 1;
  }
  return n;
}

/** The page that starts at entry `start` (Home, PgDn). */
export function pageFrom(fetch: FetchJournal, start: number, rows: number): JournalWindow {
  const page = fetch(Math.max(0, start), capacity(rows));
  const from = Math.min(Math.max(0, start), page.total);
  const entries = page.entries.slice(0, fitting(page.entries, rows));
  return { start: from, entries, total: page.total };
}

/** The page that ends just before entry `end` (End, PgUp); the newest page when end is the total. */
export function pageBefore(fetch: FetchJournal, end: number, rows: number): JournalWindow {
  const want = capacity(rows);
  const offset = Math.max(0, end - want);
  if (end - offset <= 0) return pageFrom(fetch, 0, rows);
  const page = fetch(offset, end - offset);
  const reversed = [...page.entries].reverse();
  const n = fitting(reversed, rows);
  const entries = page.entries.slice(page.entries.length - n);
  return { start: offset + page.entries.length - n, entries, total: page.total };
}

/** The newest page (what the Journal opens on). */
export function newestPage(fetch: FetchJournal, rows: number): JournalWindow {
  const total = fetch(0, 1).total;
  return pageBefore(fetch, total, rows);
}

export interface JournalColumns {
  code: number;
  name: number;
  debit: number;
  credit: number;
  memo: number;
}

/** 2 indent + columns + 4 gaps = the width; the memo takes what is left. */
export function journalColumns(width: number): JournalColumns {
  const fixed = { code: 15, name: 20, debit: 11, credit: 11 };
  return { ...fixed, memo: Math.max(4, width - 2 - 4 - fixed.code - fixed.name - fixed.debit - fixed.credit) };
}

export function journalHeader(width: number): string {
  const c = journalColumns(width);
  return `  ${fit('Account', c.code)} ${fit('Name', c.name)} ${fit('Debit', c.debit, 'right')} ${fit('Credit', c.credit, 'right')} ${fit('Memo', c.memo)}`;
}

/** 2026-05-04 10:00 on the shop's wall clock. */
export function wallDateTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const w = wallTime(ms, timeZone);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}

export type JournalRow = { kind: 'entry'; text: string } | { kind: 'line'; text: string } | { kind: 'more'; text: string };

export interface RowContext {
  width: number;
  decimals: number;
  timeZone: string;
  accounts: readonly LedgerAccount[];
}

const blankIfZero = (c: Cents, decimals: number): string => (c === 0 ? '' : formatMoney(c, { decimals }));

export function entryRowsText(e: LedgerEntry, ctx: RowContext): JournalRow[] {
  const c = journalColumns(ctx.width);
  const head = `${wallDateTime(e.at, ctx.timeZone)}  ${e.source}  ${kindLabel(e.kind)}${e.memo === undefined ? '' : `  ${e.memo}`}`;
  const rows: JournalRow[] = [{ kind: 'entry', text: fit(head, ctx.width) }];
  for (const l of e.lines) {
    const name = ctx.accounts.find((a) => a.code === l.account)?.name ?? '(not in the chart)';
    rows.push({
      kind: 'line',
      text: `  ${fit(l.account, c.code)} ${fit(name, c.name)} ${fit(blankIfZero(l.debit, ctx.decimals), c.debit, 'right')} ` +
        `${fit(blankIfZero(l.credit, ctx.decimals), c.credit, 'right')} ${fit(l.memo ?? '', c.memo)}`,
    });
  }
  return rows;
}

/** The page's rows, cut to `rows`; an entry too long for the screen says how much is hidden. */
export function windowRows(entries: readonly LedgerEntry[], ctx: RowContext, rows: number): JournalRow[] {
  const all = entries.flatMap((e) => entryRowsText(e, ctx));
  if (all.length <= rows) return all;
  const hidden = all.length - (rows - 1);
  return [...all.slice(0, Math.max(0, rows - 1)), { kind: 'more', text: fit(`  ... ${hidden} more line(s) of this entry not shown`, ctx.width) }];
}

export function windowTotals(entries: readonly LedgerEntry[]): { debit: Cents; credit: Cents } {
  let debit = 0;
  let credit = 0;
  for (const e of entries) for (const l of e.lines) {
    debit += l.debit;
    credit += l.credit;
  }
  return { debit, credit };
}

export function totalsText(entries: readonly LedgerEntry[], ctx: RowContext): string {
  const c = journalColumns(ctx.width);
  const t = windowTotals(entries);
  const label = `Totals of the ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} shown`;
  return `  ${fit(label, c.code + 1 + c.name)} ${fit(formatMoney(t.debit, { decimals: ctx.decimals }), c.debit, 'right')} ` +
    `${fit(formatMoney(t.credit, { decimals: ctx.decimals }), c.credit, 'right')}`;
}

/** "Entries 5-7 of 7", or why there are none. */
export function pageText(w: JournalWindow): string {
  if (w.total === 0) return 'No entries match';
  if (w.entries.length === 0) return `Entries: none here of ${w.total}`;
  return `Entries ${w.start + 1}-${w.start + w.entries.length} of ${w.total}`;
}
