// --from and --to are dates of the store's calendar (YYYY-MM-DD), both inclusive: a period is
// the instants from the start of the first day to the start of the day after the last.
import { startOfLocalDay } from '../engine/loyalty/time-zone.js';
import { stepDay, wallTime } from '../engine/zoned-time.js';
import type { TimeRange } from '../store/journal-range.js';
import type { PeriodUse } from './types.js';

export class PeriodError extends Error {
  override name = 'PeriodError';
}

export interface Period {
  /** Store dates as given (or today), null when the report covers everything. */
  from: string | null;
  to: string | null;
  /** Instants: records at or after fromIso and before toIso are in. */
  range: TimeRange;
}

export const ALL: Period = { from: null, to: null, range: {} };

interface Ymd { year: number; month: number; day: number }

function parseDate(text: string, option: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const ymd = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  const d = ymd ? new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day)) : null;
  if (!ymd || !d || d.getUTCFullYear() !== ymd.year || d.getUTCMonth() + 1 !== ymd.month || d.getUTCDate() !== ymd.day) {
    throw new PeriodError(`${option} must be a date YYYY-MM-DD such as 2026-03-01 (got "${text}")`);
  }
  return ymd;
}

const text = (d: Ymd) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const key = (d: Ymd) => d.year * 10000 + d.month * 100 + d.day;

/** The store date at instant `ms`. */
export function storeDate(ms: number, timeZone: string): string {
  return text(wallTime(ms, timeZone));
}

/**
 * The period of --from/--to for a report. Neither given: today (day reports) or everything; only
 * --from: from that day to today (or that day, if later); only --to: that one day.
 */
export function periodOf(use: PeriodUse, from: string | undefined, to: string | undefined, nowMs: number, timeZone: string, name: string): Period {
  if (use === 'none') {
    if (from !== undefined || to !== undefined) throw new PeriodError(`report ${name} shows how things stand now: it takes no --from or --to`);
    return ALL;
  }
  if (from === undefined && to === undefined && use === 'all') return ALL;
  const today = wallTime(nowMs, timeZone);
  const f = from !== undefined ? parseDate(from, '--from') : to !== undefined ? parseDate(to, '--to') : today;
  let t = to !== undefined ? parseDate(to, '--to') : from !== undefined ? today : today;
  if (to === undefined && key(t) < key(f)) t = f;
  if (key(t) < key(f)) throw new PeriodError(`--to (${text(t)}) must be on or after --from (${text(f)})`);
  const after = stepDay(t.year, t.month, t.day, 1);
  return {
    from: text(f),
    to: text(t),
    range: {
      fromIso: new Date(startOfLocalDay(f.year, f.month, f.day, timeZone)).toISOString(),
      toIso: new Date(startOfLocalDay(after.year, after.month, after.day, timeZone)).toISOString(),
    },
  };
}

export function inPeriod(p: Period, iso: string): boolean {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return false;
  if (p.range.fromIso !== undefined && ms < Date.parse(p.range.fromIso)) return false;
  return p.range.toIso === undefined || ms < Date.parse(p.range.toIso);
}
