// Loyalty periods: calendar months, and quarters and years of the financial year, in the store's
// time zone.
//
// Keys (sortable as strings within one kind, and self-describing, so a row says which calendar
// it belongs to even after a debtor changes from monthly to quarterly):
//   month    'YYYY-MM'      the local calendar month, e.g. '2026-03'
//   quarter  'FYyyyy-Qn'    quarter n (1-4) of financial year yyyy, e.g. 'FY2027-Q1'
//   year     'FYyyyy'       the financial year, e.g. 'FY2027'
// A financial year is named by the calendar year it ends in: with March as first month, FY2027
// runs from 1 March 2026 to the end of February 2027 (and with January, FY2026 is calendar 2026).
// Quarter 1 starts in the first month. Keys of quarters and years depend on fyStartMonth, so a
// store that changes its first month should accrue everything pending first.
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { assertTimeZone, instantMs, isoOf, localDateTime, startOfLocalDay } from './time-zone.js';
import type { LoyaltyApplicable, LoyaltyCalendar, Period, PeriodKind } from './types.js';

const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];
const MAX_PERIODS_BETWEEN = 100_000;

function assertCalendar(timeZone: string, fyStartMonth: number): void {
  assertTimeZone(timeZone);
  loyaltyAssert(Number.isInteger(fyStartMonth) && fyStartMonth >= 1 && fyStartMonth <= 12, LOYALTY_ERR.BAD_SETTINGS,
    `First month of the financial year must be 1 to 12 (got ${String(fyStartMonth)})`);
}

/** The period kind a debtor's Loyalty Applicable accrues by; null for 'no'. */
export function periodKindOf(applicable: LoyaltyApplicable): PeriodKind | null {
  if (applicable.startsWith('monthly')) return 'month';
  if (applicable.startsWith('quarterly')) return 'quarter';
  if (applicable.startsWith('yearly')) return 'year';
  return null;
}

/** A period as a whole number counted from year 0, so periods of one kind step by one. */
interface Ordinal { kind: PeriodKind; n: number }

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function keyOf({ kind, n }: Ordinal): string {
  if (kind === 'month') return `${pad(Math.floor(n / 12), 4)}-${pad((n % 12) + 1, 2)}`;
  if (kind === 'quarter') return `FY${pad(Math.floor(n / 4), 4)}-Q${(n % 4) + 1}`;
  return `FY${pad(n, 4)}`;
}

function parseKey(key: string): Ordinal {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { kind: 'month', n: Number(m[1]) * 12 + Number(m[2]) - 1 };
  const q = /^FY(\d{4})-Q([1-4])$/.exec(key);
  if (q !== null) return { kind: 'quarter', n: Number(q[1]) * 4 + Number(q[2]) - 1 };
  const y = /^FY(\d{4})$/.exec(key);
  loyaltyAssert(y !== null, LOYALTY_ERR.BAD_PERIOD,
    `Period must look like 2026-03 (month), FY2027-Q1 (quarter) or FY2027 (financial year) (got "${key}")`);
  return { kind: 'year', n: Number(y[1]) };
}

/** The financial year (named by its end year) that calendar month y-m belongs to. */
function financialYear(year: number, month: number, fyStartMonth: number): number {
  return fyStartMonth === 1 || month < fyStartMonth ? year : year + 1;
}

function ordinalOfMonth(year: number, month: number, kind: PeriodKind, fyStartMonth: number): Ordinal {
  if (kind === 'month') return { kind, n: year * 12 + month - 1 };
  const fy = financialYear(year, month, fyStartMonth);
  if (kind === 'year') return { kind, n: fy };
  const monthsIn = (month - fyStartMonth + 12) % 12;
  return { kind, n: fy * 4 + Math.floor(monthsIn / 3) };
}

/** Calendar year and month (1-12) of a period's first local day. */
function firstMonth({ kind, n }: Ordinal, fyStartMonth: number): { year: number; month: number } {
  if (kind === 'month') return { year: Math.floor(n / 12), month: (n % 12) + 1 };
  const fy = kind === 'year' ? n : Math.floor(n / 4);
  const quarter = kind === 'year' ? 0 : n % 4;
  const startYear = fyStartMonth === 1 ? fy : fy - 1;
  const m0 = fyStartMonth - 1 + quarter * 3; // 0-based months since January of startYear
  return { year: startYear + Math.floor(m0 / 12), month: (m0 % 12) + 1 };
}

function periodOfOrdinal(o: Ordinal, timeZone: string, fyStartMonth: number): Period {
  const first = firstMonth(o, fyStartMonth);
  const next = firstMonth({ kind: o.kind, n: o.n + 1 }, fyStartMonth);
  return {
    key: keyOf(o),
    kind: o.kind,
    start: isoOf(startOfLocalDay(first.year, first.month, 1, timeZone)),
    end: isoOf(startOfLocalDay(next.year, next.month, 1, timeZone)),
  };
}

function ordinalAt(instantIso: string, kind: PeriodKind, timeZone: string, fyStartMonth: number): Ordinal {
  loyaltyAssert(PERIOD_KINDS.includes(kind), LOYALTY_ERR.BAD_PERIOD,
    `Period kind must be month, quarter or year (got "${String(kind)}")`);
  assertCalendar(timeZone, fyStartMonth);
  const local = localDateTime(instantMs(instantIso), timeZone);
  return ordinalOfMonth(local.year, local.month, kind, fyStartMonth);
}

/** The period that `instantIso` falls in, by its local date in `timeZone`. */
export function periodOf(instantIso: string, kind: PeriodKind, timeZone: string, fyStartMonth: number): Period {
  return periodOfOrdinal(ordinalAt(instantIso, kind, timeZone, fyStartMonth), timeZone, fyStartMonth);
}

/** Just the key of periodOf (skips computing the boundaries: used per sale). */
export function periodKeyOf(instantIso: string, kind: PeriodKind, timeZone: string, fyStartMonth: number): string {
  loyaltyAssert(PERIOD_KINDS.includes(kind), LOYALTY_ERR.BAD_PERIOD,
    `Period kind must be month, quarter or year (got "${String(kind)}")`);
  // Through the memo of periodKeysAt: an accrual run asks this for every debtor at one instant.
  return periodKeysAt(instantIso, timeZone, fyStartMonth)[kind];
}

/** The month, quarter and financial-year keys of an instant, from one local-date lookup (per sale). */
export function periodKeysAt(instantIso: string, timeZone: string, fyStartMonth: number): Readonly<Record<PeriodKind, string>> {
  const ms = instantMs(instantIso);
  // Local midnights fall on whole quarter hours of UTC in every zone in use today, so all
  // instants of one UTC quarter hour share their keys: a book read from a million sales asks
  // the time-zone database once per quarter hour of trading instead of once per sale.
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  const memo = lastKeys;
  if (memo && memo.bucket === bucket && memo.timeZone === timeZone && memo.fyStartMonth === fyStartMonth) return memo.keys;
  assertCalendar(timeZone, fyStartMonth);
  const local = localDateTime(ms, timeZone);
  const key = (kind: PeriodKind): string => keyOf(ordinalOfMonth(local.year, local.month, kind, fyStartMonth));
  const keys = Object.freeze({ month: key('month'), quarter: key('quarter'), year: key('year') });
  lastKeys = { bucket, timeZone, fyStartMonth, keys };
  return keys;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;
let lastKeys: { bucket: number; timeZone: string; fyStartMonth: number; keys: Readonly<Record<PeriodKind, string>> } | null = null;

/** The period a key names. */
export function periodOfKey(key: string, timeZone: string, fyStartMonth: number): Period {
  assertCalendar(timeZone, fyStartMonth);
  return periodOfOrdinal(parseKey(key), timeZone, fyStartMonth);
}

export function previousPeriod(period: Period | string, timeZone: string, fyStartMonth: number): Period {
  assertCalendar(timeZone, fyStartMonth);
  const o = parseKey(typeof period === 'string' ? period : period.key);
  return periodOfOrdinal({ kind: o.kind, n: o.n - 1 }, timeZone, fyStartMonth);
}

export function nextPeriod(period: Period | string, timeZone: string, fyStartMonth: number): Period {
  assertCalendar(timeZone, fyStartMonth);
  const o = parseKey(typeof period === 'string' ? period : period.key);
  return periodOfOrdinal({ kind: o.kind, n: o.n + 1 }, timeZone, fyStartMonth);
}

/** Every period of `kind` from the one holding `fromIso` to the one holding `toIso`, in order. */
export function periodsBetween(
  fromIso: string, toIso: string, kind: PeriodKind, timeZone: string, fyStartMonth: number,
): Period[] {
  const from = ordinalAt(fromIso, kind, timeZone, fyStartMonth);
  const to = ordinalAt(toIso, kind, timeZone, fyStartMonth);
  loyaltyAssert(from.n <= to.n, LOYALTY_ERR.BAD_PERIOD, `The first instant (${fromIso}) must not be after the last (${toIso})`);
  loyaltyAssert(to.n - from.n < MAX_PERIODS_BETWEEN, LOYALTY_ERR.BAD_PERIOD,
    `At most ${MAX_PERIODS_BETWEEN} periods at once (got ${to.n - from.n + 1})`);
  const out: Period[] = [];
  for (let n = from.n; n <= to.n; n++) out.push(periodOfOrdinal({ kind, n }, timeZone, fyStartMonth));
  return out;
}

/** The kind a key names (checks the key). */
export function kindOfKey(key: string): PeriodKind {
  // Every row's period is checked as it is read: most rows in a row share the last one's.
  if (key === lastKey.key) return lastKey.kind;
  const kind = parseKey(key).kind;
  lastKey = { key, kind };
  return kind;
}

let lastKey: { key: string | null; kind: PeriodKind } = { key: null, kind: 'month' };

// Accrual asks "has this period ended?" for every pending key of every debtor; boundaries of a
// key never change for one calendar, so they are remembered (bounded, cleared when full).
const endCache = new Map<string, number>();

/** First instant after the period `key` (ms since the epoch). */
export function periodEndMs(key: string, calendar: LoyaltyCalendar): number {
  const cacheKey = `${calendar.timeZone}|${calendar.fyStartMonth}|${key}`;
  let end = endCache.get(cacheKey);
  if (end === undefined) {
    end = Date.parse(periodOfKey(key, calendar.timeZone, calendar.fyStartMonth).end);
    if (endCache.size >= 10_000) endCache.clear();
    endCache.set(cacheKey, end);
  }
  return end;
}

/** Whether period `key` has ended (by the calendar) at instant `atMs`. */
export function periodEnded(key: string, atMs: number, calendar: LoyaltyCalendar): boolean {
  return atMs >= periodEndMs(key, calendar);
}
