// Wall-clock times in an IANA time zone, with Intl only: loyalty periods and job schedules are
// read in the store's zone ("02:00" means 02:00 at the shop), while instants are compared.

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a DateTimeFormat costs far more than using one; a store has one zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, calendar: 'gregory', numberingSystem: 'latn', hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallTime(ms: number, timeZone: string): WallTime {
  const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type in out) out[part.type as keyof WallTime] = Number(part.value);
  }
  return out;
}

/** A wall time as if it were UTC: lets wall times be compared and stepped as plain numbers. */
export function wallMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset of the zone's wall clock from UTC at instant `ms`. */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallMs(wallTime(whole, timeZone)) - whole;
}

const HOUR = 3_600_000;

/**
 * The instants at which the zone's clock reads `wall` (a wallMs value): usually one, none in a
 * DST gap, two when the clock goes back. Real offsets change at most once within a day either
 * side, so the offsets just before and after cover every candidate.
 */
export function instantsOfWall(wall: number, timeZone: string): number[] {
  const offsets = new Set([offsetAt(wall - 14 * HOUR, timeZone), offsetAt(wall, timeZone), offsetAt(wall + 14 * HOUR, timeZone)]);
  const found = new Set<number>();
  for (const o of offsets) {
    const t = wall - o;
    if (offsetAt(t, timeZone) === o) found.add(t);
  }
  return [...found].sort((a, b) => a - b);
}

/** The next calendar day (or previous, step -1) of a y-m-d, as numbers. */
export function stepDay(year: number, month: number, day: number, step: 1 | -1): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + step));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
