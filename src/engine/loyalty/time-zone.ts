// Instants and local calendar dates in the store's time zone, with Intl only (no tz library, no
// clock). An instant must carry its offset (Z or +02:00): a bare local time means nothing to a
// store whose tills and back office may sit in different zones.
import { isTimeZone, offsetAt, wallTime, type WallTime } from '../zoned-time.js';
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

// Date.parse rolls 2026-02-30 over to 2 March; a date that does not exist is refused instead.
function realDate(m: RegExpExecArray): boolean {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Milliseconds since the epoch of an ISO instant with an offset; refuses anything else. */
export function instantMs(iso: string, what = 'Instant'): number {
  // A sale's instant is checked by its rows, its entries and its period totals in turn: the
  // last good answer is kept (a pure memo), so reading a million records parses each once.
  if (iso === lastIso) return lastMs;
  const m = typeof iso === 'string' ? INSTANT.exec(iso) : null;
  const ms = m !== null && realDate(m) ? Date.parse(iso) : Number.NaN;
  loyaltyAssert(Number.isFinite(ms), LOYALTY_ERR.BAD_INSTANT,
    `${what} must be an ISO date-time with an offset, e.g. 2026-03-31T22:00:00Z (got "${String(iso)}")`);
  lastIso = iso;
  lastMs = ms;
  return ms;
}

let lastIso: string | null = null;
let lastMs = 0;

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

export type LocalDateTime = WallTime;

export function assertTimeZone(timeZone: string): void {
  loyaltyAssert(isTimeZone(timeZone), LOYALTY_ERR.BAD_TIME_ZONE,
    `Time zone must be an IANA name such as Africa/Johannesburg (got "${timeZone}")`);
}

/** The wall-clock date and time at instant `ms` in `timeZone`. */
export function localDateTime(ms: number, timeZone: string): LocalDateTime {
  assertTimeZone(timeZone);
  return wallTime(ms, timeZone);
}

const HOUR = 3_600_000;

/**
 * The first instant at which the local clock in `timeZone` reads the start of day y-m-d or later.
 * Usually local midnight; where a DST change skips midnight, the instant of the change; where
 * midnight happens twice, the earlier one. Real offsets lie within -12h..+14h, so the instant is
 * in [wall - 14h, wall + 12h] and at most one offset change falls in that window.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const offsets = new Set([offsetAt(wall - 14 * HOUR, timeZone), offsetAt(wall + 12 * HOUR, timeZone)]);
  const exact = [...offsets].map((o) => wall - o).filter((t) => offsetAt(t, timeZone) === wall - t);
  if (exact.length > 0) return Math.min(...exact);
  // Midnight was skipped: binary search the first instant whose local time is past it.
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetAt(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}
