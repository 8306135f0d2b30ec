// Ledger > Journal's filter as form fields, and the form -> JournalFilter change. Dates are typed
// as the shop's calendar days; the engine compares instants, so a day becomes the half-open range
// [its first instant, the next day's first instant) in the store's time zone.
import { LEDGER_ENTRY_KINDS, type JournalFilter, type LedgerEntryKind } from '../../engine/ledger/index.js';
import { startOfLocalDay } from '../../engine/loyalty/time-zone.js';
import { stepDay, wallTime } from '../../engine/zoned-time.js';
import type { LedgerAccount } from '../../store/documents-types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';

export const FILTER_LABELS = {
  from: 'From date',
  to: 'To date',
  account: 'Account',
  source: 'Source',
  kind: 'Kind',
} as const;

/** The choice value for "no restriction" (an empty value means the same). */
export const ANY = '';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** "2026-05-04" -> its numbers; null for anything else, or a day the calendar does not have. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1970 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

const dateKey = (d: LocalDate): number => d.year * 10000 + d.month * 100 + d.day;

function dateMessage(label: string, text: string): string | null {
  if (text.trim() === '') return null;
  return parseLocalDate(text) === null ? `${label}: a calendar date as YYYY-MM-DD, e.g. 2026-05-04 (got "${text.trim()}")` : null;
}

/** Sale and refund numbers (T1-000001), back-office documents and loyalty row ids: no spaces. */
const SOURCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,59}$/;

export function sourceMessage(text: string): string | null {
  const t = text.trim();
  if (t === '' || SOURCE.test(t)) return null;
  return `${FILTER_LABELS.source}: a sale or refund number or document, e.g. T1-000001 (letters, digits, - . : / only)`;
}

export function kindLabel(kind: LedgerEntryKind): string {
  return kind.replace(/^loyalty-/, 'loyalty ').replace(/-/g, ' ');
}

export function journalFilterFields(accounts: readonly LedgerAccount[]): FieldDef[] {
  return [
    { key: 'from', label: FILTER_LABELS.from, kind: 'text', maxLength: 10, validate: (v) => dateMessage(FILTER_LABELS.from, v) },
    {
      key: 'to', label: FILTER_LABELS.to, kind: 'text', maxLength: 10,
      validate: (v, all) => {
        const own = dateMessage(FILTER_LABELS.to, v);
        if (own !== null) return own;
        const from = parseLocalDate(all.from ?? '');
        const to = parseLocalDate(v);
        if (from !== null && to !== null && dateKey(to) < dateKey(from)) {
          return `${FILTER_LABELS.to}: must be on or after the From date (${(all.from ?? '').trim()})`;
        }
        return null;
      },
    },
    {
      key: 'account', label: FILTER_LABELS.account, kind: 'choice',
      choices: [{ value: ANY, label: '(any account)' }, ...accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))],
    },
    { key: 'source', label: FILTER_LABELS.source, kind: 'text', maxLength: 60, validate: (v) => sourceMessage(v) },
    {
      key: 'kind', label: FILTER_LABELS.kind, kind: 'choice',
      choices: [{ value: ANY, label: '(any kind)' }, ...LEDGER_ENTRY_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))],
    },
  ];
}

export const NO_FILTER: FormValues = { from: '', to: '', account: ANY, source: '', kind: ANY };

/** The shop's calendar day at instant `ms`, as typed in the date fields (YYYY-MM-DD). */
export function localDateText(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/**
 * What the Journal opens on: today only. A filter without dates reads every record of every
 * journal, so opening on one day keeps the screen as quick after years of sales as on day one.
 */
export function todayFilter(ms: number, timeZone: string): FormValues {
  const today = localDateText(ms, timeZone);
  return { ...NO_FILTER, from: today, to: today };
}

function dayStartIso(d: LocalDate, timeZone: string): string {
  return new Date(startOfLocalDay(d.year, d.month, d.day, timeZone)).toISOString();
}

/**
 * The engine's filter for validated form values. Throws (with the field's label) on values the
 * fields refuse, so a filter built without the form is checked the same way.
 */
export function journalFilterOf(v: FormValues, timeZone: string): JournalFilter {
  const filter: JournalFilter = {};
  for (const key of ['from', 'to', 'source'] as const) {
    const label = FILTER_LABELS[key];
    const problem = key === 'source' ? sourceMessage(v[key] ?? '') : dateMessage(label, v[key] ?? '');
    if (problem !== null) throw new Error(problem);
  }
  const from = parseLocalDate(v.from ?? '');
  const to = parseLocalDate(v.to ?? '');
  if (from !== null) filter.from = dayStartIso(from, timeZone);
  if (to !== null) filter.to = dayStartIso(stepDay(to.year, to.month, to.day, 1), timeZone);
  if (from !== null && to !== null && dateKey(to) < dateKey(from)) throw new Error(`${FILTER_LABELS.to}: must be on or after the From date`);
  const account = (v.account ?? ANY).trim();
  if (account !== ANY) filter.account = account;
  const source = (v.source ?? '').trim();
  if (source !== '') filter.source = source;
  const kind = v.kind ?? ANY;
  if (kind !== ANY) {
    if (!(LEDGER_ENTRY_KINDS as readonly string[]).includes(kind)) throw new Error(`${FILTER_LABELS.kind}: choose one from the list`);
    filter.kind = kind as LedgerEntryKind;
  }
  return filter;
}

/** One line saying what the journal is narrowed to, in the operator's words. */
export function filterSummary(v: FormValues, today?: string): string {
  const parts: string[] = [];
  const from = (v.from ?? '').trim();
  const to = (v.to ?? '').trim();
  if (from !== '' && from === today && to === today) parts.push(`today only (${today}; F3 for other dates)`);
  else if (from !== '' || to !== '') parts.push(`${from === '' ? 'start' : from} to ${to === '' ? 'today' : to}`);
  if ((v.account ?? ANY) !== ANY) parts.push(`account ${v.account}`);
  if ((v.source ?? '').trim() !== '') parts.push(`source ${(v.source ?? '').trim()}`);
  if ((v.kind ?? ANY) !== ANY) parts.push(`kind ${kindLabel(v.kind as LedgerEntryKind)}`);
  return parts.length === 0 ? 'Filter: none (every entry)' : `Filter: ${parts.join(', ')}`;
}
